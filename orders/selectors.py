"""Reads of orders; every one takes the seller account."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Prefetch, Sum

from feedbackhub.tenancy.models import SellerAccount

from .filters import OrderFilter
from .models import Claim, Order, OrderItem


def order_filter(*, account: SellerAccount, params: Mapping[str, Any]) -> OrderFilter:
    """The account's orders narrowed by the list page's filters."""
    queryset = (
        Order.objects.for_account(account)
        .select_related("marketplace")
        .annotate(item_count=Count("items"), unit_count=Sum("items__quantity"))
        .order_by("-purchase_date", "-id")
    )
    return OrderFilter(params, queryset=queryset, account=account)


def order_get(*, account: SellerAccount, order_id: int) -> Order | None:
    """One order of the account with its items, feedback and claims, or None."""
    return (
        Order.objects.for_account(account)
        .select_related("marketplace", "feedback")
        .prefetch_related(
            Prefetch("items", queryset=OrderItem.objects.order_by("id")),
            Prefetch("claims", queryset=Claim.objects.order_by("-opened_at")),
        )
        .filter(pk=order_id)
        .first()
    )
