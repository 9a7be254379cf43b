"""Reads of feedback; every one takes the seller account."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from feedbackhub.rules import sentiment_lookups
from feedbackhub.tenancy.models import SellerAccount
from orders.models import Claim, Order

from .models import Feedback

# The relation messaging's planning reads through messaging.facts (it may not
# import this app): one row per feedback linked to an order.
ORDER_FEEDBACK_SQL = (
    "SELECT order_id, account_id, rating, feedback_date FROM feedback_feedback WHERE order_id IS NOT NULL"
)


@dataclass(frozen=True)
class DashboardSummary:
    days: int
    orders: int
    feedback: int
    positive: int
    neutral: int
    negative: int
    open_claims: int

    @property
    def feedback_rate(self):
        return self.feedback / self.orders if self.orders else None

    @property
    def negative_rate(self):
        return self.negative / self.feedback if self.feedback else None


def dashboard_summary(*, account: SellerAccount, days: int = 30, now: datetime | None = None) -> DashboardSummary:
    """Counts over the last `days` days, in SQL (live feedback only)."""
    since = (now or timezone.now()) - timedelta(days=days)
    orders = Order.objects.for_account(account).filter(purchase_date__gte=since).count()
    ratings = (
        Feedback.objects.for_account(account)
        .counted()
        .filter(feedback_date__gte=since.date())
        .aggregate(
            total=Count("id"),
            **{name: Count("id", filter=Q(**lookup)) for name, lookup in sentiment_lookups().items()},
        )
    )
    return DashboardSummary(
        days=days,
        orders=orders,
        feedback=ratings["total"],
        positive=ratings["positive"],
        neutral=ratings["neutral"],
        negative=ratings["negative"],
        open_claims=Claim.objects.for_account(account).open().count(),
    )


def feedback_list(
    *,
    account: SellerAccount,
    sentiment: str | None = None,
    marketplace_code: str | None = None,
    include_removed: bool = False,
) -> QuerySet[Feedback]:
    queryset = Feedback.objects.for_account(account).select_related("marketplace", "order")
    if sentiment in sentiment_lookups():
        queryset = queryset.of_sentiment(sentiment)
    if marketplace_code:
        queryset = queryset.filter(marketplace__code=marketplace_code)
    if not include_removed:
        queryset = queryset.counted()
    return queryset
