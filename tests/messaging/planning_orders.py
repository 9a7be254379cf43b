"""Orders as the planning and dispatch tests make them: delivered at a given
moment, shipped on time; and the request planned for an order."""

from datetime import timedelta

from messaging.models import FeedbackRequest

from ..factories import OrderFactory, marketplace


def delivered_fields(delivered, purchase=None):
    """An order's dates when it was delivered at `delivered` (shipped on time)."""
    purchase = purchase or delivered - timedelta(days=4)
    return {
        "purchase_date": purchase,
        "last_updated": purchase,
        "shipped_at": purchase + timedelta(days=1),
        "latest_ship_date": purchase + timedelta(days=2),
        "earliest_delivery_date": delivered,
        "latest_delivery_date": delivered,
        "delivered_at": delivered,
    }


def delivered_order(account, code="US", *, delivered, **fields):
    dates = delivered_fields(delivered, fields.pop("purchase_date", None))
    return OrderFactory(account=account, marketplace=marketplace(code), **dates, **fields)


def planned(order):
    return FeedbackRequest.objects.filter(order=order).first()
