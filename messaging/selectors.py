"""Reads of message templates; every one takes the seller account."""

import difflib
from datetime import timedelta

from django.utils import timezone

from orders.models import Order

from .models import MessageTemplate

FEEDBACK_PAGE = "https://www.{domain}/gp/feedback/leave-customer-feedback.html?order={order_id}"


def template_list(*, account):
    return MessageTemplate.objects.for_account(account).prefetch_related("marketplaces").select_related("updated_by")


def template_get(*, account, template_id):
    return template_list(account=account).filter(pk=template_id).first()


def preview_orders(*, account, limit=20):
    """Recent orders of the account to preview a template against."""
    return (
        Order.objects.for_account(account)
        .select_related("marketplace")
        .prefetch_related("items")
        .order_by("-purchase_date")[:limit]
    )


ENGLISH_MONTHS = "January February March April May June July August September October November December".split()


def format_date(day, language):
    """A date as buyers read it in their language."""
    code = (language or "en")[:2]
    if code == "de":
        return f"{day:%d.%m.%Y}"
    if code in ("fr", "es", "it"):
        return f"{day:%d/%m/%Y}"
    if code == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{ENGLISH_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _local_date(moment, marketplace, language):
    if moment is None:
        return ""
    return format_date(timezone.localtime(moment, timezone=_zone(marketplace.time_zone)).date(), language)


def _zone(name):
    import zoneinfo

    return zoneinfo.ZoneInfo(name)


def placeholder_values(*, order, account, language="en"):
    """The values a message about this order gets; empty when unknown (purged)."""
    marketplace = order.marketplace
    delivered = (
        order.delivered_at
        or order.latest_delivery_date
        or (order.shipped_at + timedelta(days=3) if order.shipped_at else None)
    )
    first_name = (order.buyer_name or "").split(" ")[0] if not order.pii_purged_at else ""
    return {
        "buyer_first_name": first_name,
        "order_id": order.amazon_order_id,
        "product_titles": ", ".join(item.title or item.sku for item in order.items.all()),
        "order_date": _local_date(order.purchase_date, marketplace, language),
        "delivery_date": _local_date(delivered, marketplace, language),
        "store_name": account.name,
        "marketplace_domain": marketplace.domain,
        "feedback_page_url": FEEDBACK_PAGE.format(domain=marketplace.domain, order_id=order.amazon_order_id),
    }


def template_versions(*, template):
    return template.history.select_related("history_user").order_by("-history_date", "-history_id")


def template_diff(*, template, older_id, newer_id):
    """A line diff of subject and body between two versions, as HTML table rows."""
    older = template.history.get(history_id=older_id)
    newer = template.history.get(history_id=newer_id)
    differ = difflib.HtmlDiff(wrapcolumn=80)
    return differ.make_table(
        [f"Subject: {older.subject}", "", *older.body.splitlines()],
        [f"Subject: {newer.subject}", "", *newer.body.splitlines()],
        fromdesc=f"Version of {older.history_date:%Y-%m-%d %H:%M}",
        todesc=f"Version of {newer.history_date:%Y-%m-%d %H:%M}",
        context=False,
    )
