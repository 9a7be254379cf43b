"""Reads of feedback; every one takes the seller account."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from orders.models import Claim, Order

from .models import Feedback, FeedbackState


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


def dashboard_summary(*, account, days=30, now=None):
    """Counts over the last `days` days, in SQL (live feedback only)."""
    since = (now or timezone.now()) - timedelta(days=days)
    orders = Order.objects.for_account(account).filter(purchase_date__gte=since).count()
    ratings = (
        Feedback.objects.for_account(account)
        .counted()
        .filter(feedback_date__gte=since.date())
        .aggregate(
            total=Count("id"),
            positive=Count("id", filter=Q(rating__gte=4)),
            neutral=Count("id", filter=Q(rating=3)),
            negative=Count("id", filter=Q(rating__lte=2)),
        )
    )
    open_claims = Claim.objects.for_account(account).filter(status="open").count()
    return DashboardSummary(
        days=days,
        orders=orders,
        feedback=ratings["total"],
        positive=ratings["positive"],
        neutral=ratings["neutral"],
        negative=ratings["negative"],
        open_claims=open_claims,
    )


SENTIMENT_FILTERS = {
    "positive": Q(rating__gte=4),
    "neutral": Q(rating=3),
    "negative": Q(rating__lte=2),
}


def feedback_list(*, account, sentiment=None, marketplace_code=None, include_removed=False):
    queryset = Feedback.objects.for_account(account).select_related("marketplace", "order")
    if sentiment in SENTIMENT_FILTERS:
        queryset = queryset.filter(SENTIMENT_FILTERS[sentiment])
    if marketplace_code:
        queryset = queryset.filter(marketplace__code=marketplace_code)
    if not include_removed:
        queryset = queryset.filter(state=FeedbackState.LIVE)
    return queryset
