"""Messaging's figures for the seller's dashboard: feedback requests sent and
answered, and how fast buyer messages are answered."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import Count, F, Q

from feedbackhub.aggregates import Median
from feedbackhub.rules import BUYER_REPLY_HOURS

from .models import BuyerMessage, MessageDirection
from .selectors import attributed_feedback_join


@dataclass(frozen=True)
class RequestsSummary:
    days: int
    sent: int
    with_feedback: int  # requested orders whose feedback came on or after the send day

    @property
    def response_rate(self):
        return self.with_feedback / self.sent if self.sent else None


def requests_summary(*, account, now, days: int = 30) -> RequestsSummary:
    """Feedback requests sent in the last `days` days and how many brought feedback."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT count(*), count(f.order_id)
              FROM messaging_feedbackrequest fr
              JOIN orders_order o ON o.id = fr.order_id
              JOIN tenancy_marketplace m ON m.id = o.marketplace_id
              {attributed_feedback_join()}
             WHERE fr.account_id = %s AND fr.status = 'sent' AND fr.sent_at >= %s
            """,
            [account.pk, now - timedelta(days=days)],
        )
        sent, with_feedback = cursor.fetchone()
    return RequestsSummary(days=days, sent=sent, with_feedback=with_feedback)


def _hours(duration):
    return None if duration is None else round(duration.total_seconds() / 3600, 1)


@dataclass(frozen=True)
class WorkerReplyTimes:
    name: str
    answered: int
    within_a_day: int
    median_hours: float | None

    @property
    def within_a_day_share(self):
        return self.within_a_day / self.answered if self.answered else None


@dataclass(frozen=True)
class ReplyTimes:
    answered: int
    within_a_day: int
    median_hours: float | None
    by_worker: tuple = ()  # WorkerReplyTimes, most answered first

    @property
    def within_a_day_share(self):
        return self.within_a_day / self.answered if self.answered else None


def buyer_reply_times(*, account, now, days: int = 30) -> ReplyTimes:
    """How fast buyer messages of the last `days` days were answered by a
    reply (from the buyer's message to the first reply that went out; "no
    reply needed" does not count), overall and per person (Amazon asks
    within 24 hours)."""
    answered = BuyerMessage.objects.for_account(account).filter(
        direction=MessageDirection.INBOUND,
        received_at__gte=now - timedelta(days=days),
        answered_at__isnull=False,
        no_reply_needed=False,
    )
    figures = {
        "answered": Count("id"),
        "within": Count("id", filter=Q(answered_at__lte=F("received_at") + timedelta(hours=BUYER_REPLY_HOURS))),
        "median": Median(F("answered_at") - F("received_at")),
    }
    total = answered.aggregate(**figures)
    per_worker = (
        answered.values("answered_by__username").annotate(**figures).order_by("-answered", "answered_by__username")
    )
    return ReplyTimes(
        answered=total["answered"],
        within_a_day=total["within"],
        median_hours=_hours(total["median"]),
        by_worker=tuple(
            WorkerReplyTimes(
                name=row["answered_by__username"] or "(removed user)",
                answered=row["answered"],
                within_a_day=row["within"],
                median_hours=_hours(row["median"]),
            )
            for row in per_worker
        ),
    )
