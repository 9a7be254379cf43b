"""Reads of feedback and of the resolution queue; every one takes the seller account."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.urls import reverse

from feedbackhub.aggregates import Median
from feedbackhub.rules import (
    AMAZON_REMOVAL_FOLLOW_UP_DAYS,
    CASE_ESCALATION_DAYS_LEFT,
    CASE_URGENT_DAYS_LEFT,
    local_day,
    sentiment_lookups,
)
from feedbackhub.tenancy.models import SellerAccount
from messaging.models import (
    BuyerMessage,
    FeedbackRequest,
    MessageDirection,
    MessageTemplate,
    RequestStatus,
    TemplateKind,
)
from messaging.selectors import held_sends

from .models import OPEN_CASE_STATES, CaseState, Feedback, FeedbackState, MetricAlert, ResolutionCase

# The relation messaging's planning reads through messaging.facts (it may not
# import this app): one row per feedback linked to an order.
ORDER_FEEDBACK_SQL = (
    "SELECT order_id, account_id, rating, feedback_date FROM feedback_feedback WHERE order_id IS NOT NULL"
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


FEEDBACK_EXPORT_HEADER = ("date", "rating", "marketplace", "order id", "comment", "your response", "state")
# Feedback holds no buyer name or email; keep the export's columns that way.
FEEDBACK_EXPORT_FIELDS = (
    "feedback_date",
    "rating",
    "marketplace__code",
    "amazon_order_id",
    "comment",
    "seller_response",
    "state",
)
EXPORT_CHUNK_ROWS = 2000


def feedback_export_rows(
    *,
    account: SellerAccount,
    sentiment: str | None = None,
    marketplace_code: str | None = None,
    include_removed: bool = False,
) -> Iterator[tuple]:
    """The feedback list's rows as FEEDBACK_EXPORT_HEADER's columns, read from a
    server-side cursor EXPORT_CHUNK_ROWS at a time."""
    states = dict(FeedbackState.choices)
    entries = feedback_list(
        account=account, sentiment=sentiment, marketplace_code=marketplace_code, include_removed=include_removed
    )
    for day, rating, marketplace, order_id, comment, response, state in entries.values_list(
        *FEEDBACK_EXPORT_FIELDS
    ).iterator(chunk_size=EXPORT_CHUNK_ROWS):
        yield (day.isoformat(), rating, marketplace, order_id, comment, response, states.get(state, state))


# --- the resolution queue ------------------------------------------------------------

QUEUE_FILTERS = ("assignee", "state", "marketplace", "rating", "eligibility")


def follow_up_due_q(*, today: date) -> Q:
    """Cases waiting on Amazon for 3 days or more: they go to the top of the queue."""
    return Q(
        state=CaseState.REMOVAL_REQUESTED_AMAZON,
        amazon_filed_on__lte=today - timedelta(days=AMAZON_REMOVAL_FOLLOW_UP_DAYS),
    )


def days_left(case: ResolutionCase, *, now: datetime) -> int:
    """Days the buyer can still remove the feedback, in the marketplace's calendar."""
    return (case.deadline - local_day(now, case.marketplace.time_zone)).days


def case_queue(*, account, user, filters: dict, now: datetime) -> QuerySet[ResolutionCase]:
    """The queue: open cases (or the state asked for), follow-ups due first,
    then the nearest deadline. filters: assignee ("me", "none" or a user id),
    state ("open", "closed" or a CaseState), marketplace code, rating,
    eligibility ("eligible" / "not")."""
    cases = ResolutionCase.objects.for_account(account).select_related("feedback__order", "marketplace", "assignee")
    state = filters.get("state") or "open"
    if state == "open":
        cases = cases.open()
    elif state == "closed":
        cases = cases.exclude(state__in=OPEN_CASE_STATES)
    elif state in CaseState.values:
        cases = cases.filter(state=state)
    assignee = filters.get("assignee")
    if assignee == "me":
        cases = cases.filter(assignee=user)
    elif assignee == "none":
        cases = cases.filter(assignee__isnull=True)
    elif assignee and str(assignee).isdigit():
        cases = cases.filter(assignee_id=int(assignee))
    if filters.get("marketplace"):
        cases = cases.filter(marketplace__code=filters["marketplace"])
    if str(filters.get("rating") or "").isdigit():
        cases = cases.filter(feedback__rating=int(filters["rating"]))
    if filters.get("eligibility") in ("eligible", "not"):
        cases = cases.filter(eligible=filters["eligibility"] == "eligible")
    today = local_day(now, account.time_zone)
    return cases.annotate(
        follow_up_due=Case(When(follow_up_due_q(today=today), then=Value(True)), default=Value(False))
    ).order_by("-follow_up_due", "deadline", "id")


def queue_workers(*, account) -> QuerySet:
    """The people a case can be assigned to: the account's members."""
    return get_user_model().objects.filter(memberships__account=account).order_by("username")


def case_get(*, account, case_id: int) -> ResolutionCase | None:
    return (
        ResolutionCase.objects.for_account(account)
        .select_related("feedback__order__marketplace", "marketplace", "assignee")
        .prefetch_related("feedback__order__items", "events__actor", "messages__sent_by")
        .filter(pk=case_id)
        .first()
    )


CASE_TEMPLATE_KINDS = (TemplateKind.FIRST_CONTACT_NEGATIVE, TemplateKind.REMOVAL_REQUEST, TemplateKind.PUBLIC_RESPONSE)


def case_templates(*, account, language: str) -> dict[str, list]:
    """Approved templates for the case's messages, the buyer's language first."""
    templates = MessageTemplate.objects.for_account(account).filter(
        kind__in=CASE_TEMPLATE_KINDS,
        compliance_blocked=False,
    )
    by_kind = {
        kind: []
        for kind in (TemplateKind.FIRST_CONTACT_NEGATIVE, TemplateKind.REMOVAL_REQUEST, TemplateKind.PUBLIC_RESPONSE)
    }
    for template in sorted(templates, key=lambda t: (t.language != language, t.name)):
        by_kind[template.kind].append(template)
    return by_kind


def order_buyer_messages(*, account, order) -> QuerySet[BuyerMessage]:
    if order is None:
        return BuyerMessage.objects.none()
    return BuyerMessage.objects.for_account(account).filter(order=order)


@dataclass(frozen=True)
class WorkerOutcome:
    name: str
    cases: int
    contacted: int
    removed: int
    median_hours_to_contact: float | None

    @property
    def median_to_contact(self):
        return duration_text(self.median_hours_to_contact)


@dataclass(frozen=True)
class ReasonOutcome:
    reason: str
    filed: int
    removed: int

    @property
    def success_rate(self):
        return self.removed / self.filed if self.filed else None


@dataclass
class QueueOutcomes:
    days: int
    opened: int = 0
    open_now: int = 0
    resolved: int = 0
    removed_by_buyer: int = 0
    removed_by_amazon: int = 0
    struck_through: int = 0
    not_removed: int = 0
    expired: int = 0
    closed: int = 0
    median_hours_to_contact: float | None = None
    workers: list = field(default_factory=list)
    reasons: list = field(default_factory=list)

    @property
    def median_to_contact(self):
        return duration_text(self.median_hours_to_contact)


RESOLVED_OR_LATER = [
    CaseState.RESOLVED,
    CaseState.REMOVAL_REQUESTED_BUYER,
    CaseState.REMOVED_BY_BUYER,
    CaseState.NOT_REMOVED,
]


def _hours(duration):
    return None if duration is None else round(duration.total_seconds() / 3600, 1)


def duration_text(hours: float | None) -> str:
    """“5.5 h” under two days, else “3.2 days”; “—” when nothing was measured."""
    if hours is None:
        return "—"
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"


def queue_outcomes(*, account, days: int = 90, now: datetime) -> QueueOutcomes:
    """What the queue achieved for cases opened in the last `days` days, counted in SQL."""
    cases = ResolutionCase.objects.for_account(account).filter(opened_at__gte=now - timedelta(days=days))
    to_contact = F("first_contact_at") - F("opened_at")
    totals = cases.aggregate(
        opened=Count("id"),
        open_now=Count("id", filter=Q(state__in=OPEN_CASE_STATES)),
        resolved=Count("id", filter=Q(state__in=RESOLVED_OR_LATER) | ~Q(resolution="")),
        removed_by_buyer=Count("id", filter=Q(state=CaseState.REMOVED_BY_BUYER)),
        removed_by_amazon=Count("id", filter=Q(state=CaseState.REMOVED_BY_AMAZON)),
        struck_through=Count("id", filter=Q(state=CaseState.STRUCK_THROUGH)),
        not_removed=Count("id", filter=Q(state=CaseState.NOT_REMOVED)),
        expired=Count("id", filter=Q(state=CaseState.EXPIRED)),
        closed=Count("id", filter=Q(state=CaseState.CLOSED)),
        median=Median(to_contact),
    )
    median = totals.pop("median")
    outcomes = QueueOutcomes(days=days, median_hours_to_contact=_hours(median), **totals)
    removed_states = [CaseState.REMOVED_BY_BUYER, CaseState.REMOVED_BY_AMAZON, CaseState.STRUCK_THROUGH]
    per_worker = (
        cases.values("assignee__username")
        .annotate(
            n=Count("id"),
            contacted=Count("id", filter=Q(first_contact_at__isnull=False)),
            removed=Count("id", filter=Q(state__in=removed_states)),
            median=Median(to_contact),
        )
        .order_by("assignee__username")
    )
    outcomes.workers = [
        WorkerOutcome(
            name=row["assignee__username"] or "Unassigned",
            cases=row["n"],
            contacted=row["contacted"],
            removed=row["removed"],
            median_hours_to_contact=_hours(row["median"]),
        )
        for row in per_worker
    ]
    per_reason = (
        cases.exclude(amazon_reason="")
        .values("amazon_reason")
        .annotate(
            filed=Count("id"),
            removed=Count("id", filter=Q(state__in=[CaseState.REMOVED_BY_AMAZON, CaseState.STRUCK_THROUGH])),
        )
        .order_by("amazon_reason")
    )
    outcomes.reasons = [ReasonOutcome(row["amazon_reason"], row["filed"], row["removed"]) for row in per_reason]
    return outcomes


@dataclass(frozen=True)
class Attention:
    cases_near_deadline: int
    cases_follow_up: int
    unanswered_messages: int
    failed_sends: int
    uncertain_sends: int
    blocked_campaigns: list  # [messaging.selectors.HeldSends]: live campaigns held by a blocked template
    alerts: list  # [(metric label, marketplace code, channel)] currently above the account's threshold
    cases_by_days_left: dict  # "≤ 7", "8–20", "> 20" -> open cases

    @property
    def empty(self):
        return not (
            self.alerts
            or self.cases_near_deadline
            or self.cases_follow_up
            or self.unanswered_messages
            or self.failed_sends
            or self.uncertain_sends
            or self.blocked_campaigns
        )


def needs_attention(*, account, today: date) -> Attention:
    """What the owner should look at today, counted in a few queries."""
    open_cases = ResolutionCase.objects.for_account(account).open()
    requests = FeedbackRequest.objects.for_account(account).aggregate(
        failed=Count("id", filter=Q(status=RequestStatus.FAILED)),
        uncertain=Count("id", filter=Q(status=RequestStatus.UNCERTAIN)),
    )
    urgent, soon = today + timedelta(days=CASE_URGENT_DAYS_LEFT), today + timedelta(days=20)
    buckets = open_cases.aggregate(
        urgent=Count("id", filter=Q(deadline__lte=urgent)),
        soon=Count("id", filter=Q(deadline__gt=urgent, deadline__lte=soon)),
        later=Count("id", filter=Q(deadline__gt=soon)),
    )
    alerts = MetricAlert.objects.filter(account=account, above=True).select_related("marketplace")
    return Attention(
        alerts=[(alert.get_metric_display(), alert.marketplace.code, alert.channel) for alert in alerts],
        cases_by_days_left={"≤ 7": buckets["urgent"], "8–20": buckets["soon"], "> 20": buckets["later"]},
        cases_near_deadline=open_cases.filter(deadline__lte=today + timedelta(days=CASE_ESCALATION_DAYS_LEFT)).count(),
        cases_follow_up=open_cases.filter(follow_up_due_q(today=today)).count(),
        unanswered_messages=BuyerMessage.objects.for_account(account)
        .filter(direction=MessageDirection.INBOUND, answered_at__isnull=True)
        .count(),
        failed_sends=requests["failed"],
        uncertain_sends=requests["uncertain"],
        blocked_campaigns=held_sends(account=account),
    )


def case_links_for_orders(account, order_ids):
    """{order_id: (label, url)} of the orders' resolution cases, for the
    buyer-message inbox (registered with messaging.facts)."""
    cases = ResolutionCase.objects.filter(account=account, feedback__order_id__in=order_ids).values_list(
        "feedback__order_id", "pk", "state"
    )
    return {
        order_id: (f"Resolution case ({CaseState(state).label.lower()})", reverse("feedback:case", args=[case_id]))
        for order_id, case_id, state in cases
    }
