"""Cases: opened for negative feedback, moved through their states by one
transition function (an event per change), resolved, filed with Amazon."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Now
from django.utils import timezone

from feedbackhub.rules import (
    LOW_RATING_MAX,
    NEGATIVE_MAX_RATING,
    buyer_removal_deadline,
    local_day,
)
from feedbackhub.tenancy.models import SellerAccount
from messaging.compliance import Severity, rule_titles
from messaging.compose import template_findings
from messaging.models import TemplateKind

from ..eligibility import REASON_LABELS, removal_eligibility
from ..models import (
    CASE_OUTCOME_FEEDBACK_STATE,
    CASE_TRANSITIONS,
    CaseEvent,
    CaseState,
    Feedback,
    FeedbackState,
    Notification,
    NotificationKind,
    QueueSettings,
    Resolution,
    ResolutionCase,
)
from ..rollups import rollups_refresh_changed

# Amazon's help pages give no number for a public response; Seller Central's
# form is short and a response can be deleted but never edited (help page
# 202126280), so responses are held to a conservative 500 characters.
PUBLIC_RESPONSE_MAX_CHARS = 500
# Checker findings that make a resolution conditional on the feedback.
CONDITIONAL_RULES = {"removal_in_first_contact", "incentive", "review_change"}


class CaseActionRefused(ValidationError):
    """An action the case's state or Amazon's rules do not allow now."""


def queue_settings_get(*, account: SellerAccount) -> QueueSettings:
    return QueueSettings.objects.get_or_create(account=account)[0]


@transaction.atomic
def queue_settings_save(
    *,
    account: SellerAccount,
    include_neutral: bool,
    notify_owner_email: bool,
    webhook_url: str,
    odr_alert_at=None,
    negative_rate_alert_at=None,
) -> int:
    """Save the queue settings; 3-star feedback gets its cases at once. Returns the cases opened."""
    QueueSettings.objects.update_or_create(
        account=account,
        defaults={
            "include_neutral": include_neutral,
            "notify_owner_email": notify_owner_email,
            "webhook_url": webhook_url,
            **{
                name: value
                for name, value in (("odr_alert_at", odr_alert_at), ("negative_rate_alert_at", negative_rate_alert_at))
                if value is not None
            },
        },
    )
    return len(cases_open(account=account))


# --- opening cases ---------------------------------------------------------------


def _verdict_fields(feedback: Feedback) -> dict:
    channel = feedback.order.fulfillment_channel if feedback.order_id else ""
    verdict = removal_eligibility(
        feedback.comment,
        rating=feedback.rating,
        fulfillment_channel=channel,
        language=feedback.marketplace.language_code,
    )
    return {
        "eligible": verdict.eligible,
        "verdict_outcome": verdict.outcome,
        "verdict_reasons": [
            {"id": r.id, "start": r.start, "end": r.end, "explanation": r.explanation} for r in verdict.reasons
        ],
        "removal_request_text": verdict.request_text,
        "verdict_channel": channel,
    }


@transaction.atomic
def cases_open(*, account: SellerAccount, now: datetime | None = None) -> list[ResolutionCase]:
    """Open a case for every live negative feedback (3 stars too, by the
    account's setting) that has none and whose removal window is still open,
    with its eligibility verdict; re-judge open cases whose order arrived
    since. However the feedback arrived: upload, SP-API sync, demo data."""
    now = now or timezone.now()
    neutral_too = QueueSettings.objects.filter(account=account, include_neutral=True).exists()
    highest = LOW_RATING_MAX if neutral_too else NEGATIVE_MAX_RATING
    waiting = (
        Feedback.objects.for_account(account)
        .filter(state=FeedbackState.LIVE, rating__lte=highest, case__isnull=True)
        .select_related("order", "marketplace")
    )
    new_cases = []
    for feedback in waiting:
        deadline = buyer_removal_deadline(feedback.feedback_date)
        if deadline < local_day(now, feedback.marketplace.time_zone):
            continue  # the buyer can no longer remove it: nothing to work
        new_cases.append(
            ResolutionCase(
                account=account,
                feedback=feedback,
                marketplace=feedback.marketplace,
                deadline=deadline,
                **_verdict_fields(feedback),
            )
        )
    ResolutionCase.objects.bulk_create(new_cases, ignore_conflicts=True)
    opened = list(
        ResolutionCase.objects.filter(feedback__in=[case.feedback for case in new_cases], events__isnull=True)
    )
    CaseEvent.objects.bulk_create(
        [CaseEvent(case=case, to_state=CaseState.NEW, note="Opened for new negative feedback.") for case in opened]
    )
    Notification.objects.bulk_create(
        [Notification(account=account, case=case, kind=NotificationKind.NEW_NEGATIVE) for case in opened],
        ignore_conflicts=True,
    )
    stale = ResolutionCase.objects.for_account(account).open().filter(verdict_channel="", feedback__order__isnull=False)
    for case in stale.select_related("feedback__order", "feedback__marketplace"):
        fields = _verdict_fields(case.feedback)
        for name, value in fields.items():
            setattr(case, name, value)
        case.save(update_fields=[*fields, "updated_at"])
    return opened


# --- the one transition function ---------------------------------------------------


def case_event_add(case, *, actor, note, from_state="", to_state=""):
    return CaseEvent.objects.create(case=case, actor=actor, from_state=from_state, to_state=to_state, note=note)


def case_locked(case: ResolutionCase) -> ResolutionCase:
    return ResolutionCase.objects.select_for_update().select_related("feedback", "marketplace").get(pk=case.pk)


def worker_check(case: ResolutionCase, actor, *, may_override: bool) -> None:
    if case.assignee_id and case.assignee_id != actor.pk and not may_override:
        raise CaseActionRefused(f"This case is assigned to {case.assignee}; ask the owner to reassign it.")


def case_transition(
    *, case: ResolutionCase, to_state: str, actor, note: str = "", may_override: bool = False, **changes
) -> ResolutionCase:
    """Move a case to `to_state` if CASE_TRANSITIONS allows it, with an event
    (actor, time, note). `changes` are further fields set in the same save."""
    with transaction.atomic():
        locked = case_locked(case)
        if actor is not None:
            worker_check(locked, actor, may_override=may_override)
        if to_state not in CaseState.values:
            raise CaseActionRefused(f"Unknown case state {to_state!r}.")
        if to_state not in CASE_TRANSITIONS.get(locked.state, ()):
            raise CaseActionRefused(
                f"A case that is “{locked.get_state_display()}” cannot become “{CaseState(to_state).label}”."
            )
        from_state = locked.state
        locked.state = to_state
        fields = ["state", "updated_at", *changes]
        for name, value in changes.items():
            setattr(locked, name, value)
        if to_state not in CASE_TRANSITIONS:
            locked.closed_at = timezone.now()
            fields.append("closed_at")
        if actor is not None and locked.assignee_id is None:
            locked.assignee = actor
            fields.append("assignee")
        locked.save(update_fields=fields)
        feedback_state = CASE_OUTCOME_FEEDBACK_STATE.get(to_state)
        if feedback_state:
            Feedback.objects.filter(pk=locked.feedback_id).update(
                state=feedback_state, state_changed_at=timezone.now(), updated_at=Now()
            )
            rollups_refresh_changed(account=locked.account)
        case_event_add(locked, actor=actor, note=note, from_state=from_state, to_state=to_state)
    return locked


# --- assignment -----------------------------------------------------------------------


@transaction.atomic
def case_take(*, case: ResolutionCase, actor, may_override: bool = False) -> ResolutionCase:
    """The actor works the case from now on; an owner or admin (may_override)
    may take it from someone else."""
    locked = case_locked(case)
    worker_check(locked, actor, may_override=may_override)
    locked.assignee = actor
    locked.save(update_fields=["assignee", "updated_at"])
    case_event_add(locked, actor=actor, note=f"Taken by {actor}.")
    if locked.state == CaseState.NEW:
        locked = case_transition(case=locked, to_state=CaseState.INVESTIGATING, actor=actor, note="Started.")
    return locked


@transaction.atomic
def cases_assign(*, account: SellerAccount, case_ids: list[int], assignee: AbstractBaseUser | None, actor) -> int:
    """Owner or admin: assign (or unassign) several cases at once."""
    cases = list(ResolutionCase.objects.for_account(account).filter(pk__in=case_ids).select_for_update())
    for case in cases:
        case.assignee = assignee
        case.save(update_fields=["assignee", "updated_at"])
        case_event_add(case, actor=actor, note=f"Assigned to {assignee}." if assignee else "Unassigned.")
    return len(cases)


# --- resolution and removal ---------------------------------------------------------------


def case_resolve(*, case: ResolutionCase, resolution: str, note: str, actor) -> ResolutionCase:
    """Record how the problem was solved. The fix stands on its own: a note
    that ties it to the feedback (remove, change, in exchange) is refused."""
    findings = template_findings(kind=TemplateKind.FIRST_CONTACT_NEGATIVE, language="", subject="", body=note)
    tied = [f.rule_id for f in findings if f.rule_id in CONDITIONAL_RULES]
    if tied:
        raise CaseActionRefused(
            "A refund or replacement can never depend on the feedback: the note reads as a condition "
            f"({rule_titles(tied)}). Record the fix alone."
        )
    return case_transition(
        case=case,
        to_state=CaseState.RESOLVED,
        actor=actor,
        note=f"Resolved: {Resolution(resolution).label.lower()}. {note}".strip(),
        resolution=resolution,
        resolution_note=note,
    )


def case_amazon_request_file(
    *, case: ResolutionCase, reason: str, amazon_case_id: str, filed_on, actor
) -> ResolutionCase:
    """A removal request filed in Seller Central. Only on a ground the verdict
    found: Amazon treats speculative requests as abuse."""
    grounds = {item["id"] for item in case.verdict_reasons}
    if reason not in grounds:
        raise CaseActionRefused("File with Amazon only on a ground the verdict found for this comment.")
    return case_transition(
        case=case,
        to_state=CaseState.REMOVAL_REQUESTED_AMAZON,
        actor=actor,
        note=(
            f"Removal request filed with Amazon: {REASON_LABELS[reason].lower()}; "
            f"Amazon case {amazon_case_id or 'without id'}, filed on {filed_on:%Y-%m-%d}."
        ),
        amazon_reason=reason,
        amazon_case_id=amazon_case_id,
        amazon_filed_on=filed_on,
        follow_up_reminded_at=None,
    )


def case_public_response_save(*, case: ResolutionCase, text: str, language: str, actor) -> ResolutionCase:
    text = text.strip()
    if len(text) > PUBLIC_RESPONSE_MAX_CHARS:
        raise CaseActionRefused(f"A public response is at most {PUBLIC_RESPONSE_MAX_CHARS} characters ({len(text)}).")
    findings = template_findings(kind=TemplateKind.PUBLIC_RESPONSE, language=language, subject="", body=text)
    blocking = [f.rule_id for f in findings if f.severity == Severity.BLOCK]
    if blocking:
        raise CaseActionRefused(f"The response breaks Amazon's rules ({rule_titles(blocking)}).")
    with transaction.atomic():
        locked = case_locked(case)
        locked.public_response_draft = text
        locked.save(update_fields=["public_response_draft", "updated_at"])
        case_event_add(locked, actor=actor, note="Public response drafted.")
    return locked


@transaction.atomic
def case_public_response_posted(*, case: ResolutionCase, actor) -> ResolutionCase:
    """Posted in Seller Central: one public response per feedback, never edited."""
    locked = case_locked(case)
    feedback = Feedback.objects.select_for_update().get(pk=locked.feedback_id)
    if feedback.seller_response:
        raise CaseActionRefused(
            "This feedback already has a public response (Amazon allows one; delete it there first)."
        )
    if not locked.public_response_draft:
        raise CaseActionRefused("Draft the response first.")
    feedback.seller_response, feedback.responded_at = locked.public_response_draft, timezone.now()
    feedback.save(update_fields=["seller_response", "responded_at", "updated_at"])
    case_event_add(locked, actor=actor, note="Public response posted.")
    return locked


@transaction.atomic
def feedback_gone_from_report(*, account: SellerAccount, marketplace, first_day, last_day, order_ids) -> int:
    """A feedback report lists every 1–3 star feedback of the days it covers:
    a live one it no longer lists was removed by the buyer, or changed to 4–5
    stars. Mark it so (metrics and campaign exclusions follow) and close its case."""
    gone = (
        Feedback.objects.for_account(account)
        .filter(
            marketplace=marketplace,
            state=FeedbackState.LIVE,
            rating__lte=LOW_RATING_MAX,
            feedback_date__range=(first_day, last_day),
        )
        .exclude(amazon_order_id__in=order_ids)
    )
    gone_ids = list(gone.values_list("pk", flat=True))
    Feedback.objects.filter(pk__in=gone_ids).update(
        state=FeedbackState.REMOVED_BY_BUYER, state_changed_at=timezone.now(), updated_at=Now()
    )
    note = (
        f"No longer in the feedback report of {first_day:%Y-%m-%d} to {last_day:%Y-%m-%d}: "
        "removed or changed by the buyer."
    )
    for case in ResolutionCase.objects.open().filter(feedback_id__in=gone_ids):
        case_transition(case=case, to_state=CaseState.REMOVED_BY_BUYER, actor=None, note=note)
    return len(gone_ids)
