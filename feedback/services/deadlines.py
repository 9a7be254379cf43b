"""The daily pass over open cases (beat): expiry, escalation, follow-ups."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from feedbackhub.rules import (
    AMAZON_REMOVAL_FOLLOW_UP_DAYS,
    CASE_ESCALATION_DAYS_LEFT,
    local_day,
)

from ..models import (
    CaseState,
    Notification,
    NotificationKind,
    ResolutionCase,
)
from .cases import case_event_add, case_transition

# --- the daily pass (beat) ------------------------------------------------------------------


def cases_daily(*, now: datetime | None = None) -> dict[str, int]:
    """Expire cases past their deadline, escalate those near it, and remind
    about Amazon removal requests left unanswered for 3 days."""
    now = now or timezone.now()
    counts = {"expired": 0, "escalated": 0, "follow_ups": 0}
    for case in ResolutionCase.objects.open().select_related("marketplace"):
        days_left = (case.deadline - local_day(now, case.marketplace.time_zone)).days
        if days_left < 0:
            case_transition(case=case, to_state=CaseState.EXPIRED, actor=None, note="The removal window closed.")
            counts["expired"] += 1
            continue
        if days_left <= CASE_ESCALATION_DAYS_LEFT and case.escalated_at is None:
            with transaction.atomic():
                ResolutionCase.objects.filter(pk=case.pk).update(escalated_at=now)
                Notification.objects.get_or_create(
                    account_id=case.account_id, case=case, kind=NotificationKind.ESCALATION
                )
                case_event_add(case, actor=None, note=f"Escalated: {days_left} days left in the removal window.")
            counts["escalated"] += 1
        follow_up_day = (case.amazon_filed_on or now.date()) + timedelta(days=AMAZON_REMOVAL_FOLLOW_UP_DAYS)
        if (
            case.state == CaseState.REMOVAL_REQUESTED_AMAZON
            and case.follow_up_reminded_at is None
            and follow_up_day <= local_day(now, case.marketplace.time_zone)
        ):
            with transaction.atomic():
                ResolutionCase.objects.filter(pk=case.pk).update(follow_up_reminded_at=now)
                Notification.objects.update_or_create(
                    case=case,
                    kind=NotificationKind.FOLLOW_UP,
                    defaults={"account_id": case.account_id, "sent_at": None, "created_at": now},
                )
                case_event_add(case, actor=None, note="No answer from Amazon in 3 days: follow up in Seller Central.")
            counts["follow_ups"] += 1
    return counts
