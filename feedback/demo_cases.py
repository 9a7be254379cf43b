"""Demo resolution cases: the story of a queue worked for three weeks, so the
VA's queue, a case's timeline and the owner's outcomes show real work in
`make run`. Every step goes through the same services the pages use; the
events are then spread back over the days they would have taken."""

import itertools
import random
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from feedbackhub.rules import local_day, local_midnight

from .models import CaseEvent, CaseMessage, CaseState, Notification, Resolution, ResolutionCase
from .services import (
    case_amazon_request_file,
    case_message_record,
    case_public_response_save,
    case_resolve,
    case_take,
    case_transition,
    cases_daily,
    cases_open,
)

ADOPTED_DAYS_AGO = 20  # the seller started using the queue this long ago
FIRST_CONTACT = (
    "Hello {{ buyer_first_name }},\n\nWe are sorry that your order {{ order_id }} did not go as it should. "
    "We would like to put this right: reply to this message and we will send a replacement or arrange a return, "
    "whichever you prefer.\n\nKind regards,\n{{ store_name }}"
)
REMOVAL_REQUEST = (
    "Hello {{ buyer_first_name }},\n\nThank you for letting us resolve the issue with order {{ order_id }}. "
    "If you feel the problem has been resolved, you may consider updating or removing the feedback you left "
    "for this order. This is entirely your choice.\n\nKind regards,\n{{ store_name }}"
)


def _written(case, worker, kind, subject, body):
    """A message written by hand in Seller Central (demo buyers have no relay
    address); the case as it is afterwards."""
    case_message_record(case=case, kind=kind, subject=subject, body=body, language="en", actor=worker)
    return ResolutionCase.objects.get(pk=case.pk)


def _contact(case, worker):
    return _written(case, worker, "first_contact", "About your order {{ order_id }}", FIRST_CONTACT)


def _resolve(case, va, rng):
    resolution = rng.choice([Resolution.REPLACEMENT, Resolution.REFUND, Resolution.RETURN])
    return case_resolve(case=case, resolution=resolution, note=f"{resolution.label} arranged.", actor=va)


def _request_removal(case, worker):
    return _written(case, worker, "removal_request", "Your order {{ order_id }}", REMOVAL_REQUEST)


def _file_with_amazon(case, worker, rng, *, filed_on):
    return case_amazon_request_file(
        case=case,
        reason=case.verdict_reasons[0]["id"],
        amazon_case_id=f"{rng.randrange(10**9, 10**10)}",
        filed_on=filed_on,
        actor=worker,
    )


def _spread_events(case, rng, now):
    """People's steps happened over the case's life, not all at seeding time
    (FeedbackHub's own ones, such as an escalation, keep their real time)."""
    events = list(case.events.filter(Q(actor__isnull=False) | Q(to_state=CaseState.NEW)).order_by("id"))
    start = local_midnight(case.feedback.feedback_date, case.marketplace.time_zone) + timedelta(
        hours=rng.uniform(2, 20)
    )
    span = max((min(now, start + timedelta(days=20)) - start).total_seconds(), 3600)
    moments = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in events)
    for event, moment in zip(events, moments, strict=True):
        CaseEvent.objects.filter(pk=event.pk).update(created_at=moment)
    ResolutionCase.objects.filter(pk=case.pk).update(opened_at=moments[0] if moments else start)
    messages = list(CaseMessage.objects.filter(case=case).order_by("id"))
    contact_events = [m for e, m in zip(events, moments, strict=True) if "contacted" in e.note or "Removal" in e.note]
    for message, moment in zip(messages, contact_events, strict=False):
        CaseMessage.objects.filter(pk=message.pk).update(sent_at=moment)
    if case.first_contact_at and contact_events:
        ResolutionCase.objects.filter(pk=case.pk).update(first_contact_at=contact_events[0])


def demo_cases_seed(*, account, va, admin, now=None):
    """Idempotent: does nothing when the account already has cases."""
    now = now or timezone.now()
    if ResolutionCase.objects.filter(account=account).exists():
        return 0
    rng = random.Random(7)
    cases_open(account=account, now=now - timedelta(days=ADOPTED_DAYS_AGO))
    cases_open(account=account, now=now)
    cases_daily(now=now)  # the oldest ones ran out of time before anyone worked them
    cases = list(
        ResolutionCase.objects.filter(account=account, state=CaseState.NEW).select_related("feedback", "marketplace")
    )
    # Oldest first: the old ones have finished, the recent ones are under way.
    cases.sort(key=lambda case: case.deadline)
    today = local_day(now, account.time_zone)
    filed, waiting_on_amazon = 0, False
    old_plan = itertools.cycle(["removed_buyer", "closed", "not_removed_buyer", "public_response"])
    middle_plan = itertools.cycle(["awaiting", "resolved", "removal_buyer", "contacted"])
    for index, case in enumerate(cases):
        age = (today - case.feedback.feedback_date).days
        worker = va if index % 3 else admin
        if index < 2:
            # The two nearest their deadline are still being worked: red in the queue.
            case = _contact(case_take(case=case, actor=va), va)
            case_transition(case=case, to_state=CaseState.AWAITING_BUYER, actor=va, note="Replacement offered.")
        elif age > 30:
            case = case_take(case=case, actor=worker)
            if case.eligible:
                filed += 1
                case = _file_with_amazon(case, worker, rng, filed_on=today - timedelta(days=age - 5))
                granted = (
                    CaseState.STRUCK_THROUGH
                    if case.verdict_outcome == "struck_through"
                    else (CaseState.REMOVED_BY_AMAZON)
                )
                outcome = CaseState.NOT_REMOVED if filed % 3 == 0 else granted
                case_transition(case=case, to_state=outcome, actor=worker, note="Amazon answered in Seller Central.")
                continue
            step = next(old_plan)
            if step == "closed":
                case_transition(case=case, to_state=CaseState.CLOSED, actor=worker, note="Buyer did not answer.")
            elif step == "public_response":
                case = _contact(case, worker)
                case_public_response_save(
                    case=case,
                    text="We are sorry about this order. We contacted you with a solution and are reviewing our "
                    "process so that it does not happen again.",
                    language="en",
                    actor=worker,
                )
            else:
                case = _request_removal(_resolve(_contact(case, worker), worker, rng), worker)
                outcome = CaseState.REMOVED_BY_BUYER if step == "removed_buyer" else CaseState.NOT_REMOVED
                case_transition(case=case, to_state=outcome, actor=worker, note="Checked in Feedback Manager.")
        elif age > 8:
            case = case_take(case=case, actor=va)
            if case.eligible and not waiting_on_amazon:
                waiting_on_amazon = True  # unanswered for 4 days: the follow-up reminder is due
                _file_with_amazon(case, va, rng, filed_on=today - timedelta(days=4))
                continue
            step = next(middle_plan)
            if step == "awaiting":
                case = _contact(case, va)
                case_transition(case=case, to_state=CaseState.AWAITING_BUYER, actor=va, note="Replacement offered.")
            elif step == "contacted":
                _contact(case, va)
            else:
                case = _resolve(_contact(case, va), va, rng)
                if step == "removal_buyer":
                    _request_removal(case, va)
        elif index % 2:
            case_take(case=case, actor=va)
        # The newest ones stay new and unassigned: the VA's work for today.
    for case in ResolutionCase.objects.filter(account=account).select_related("feedback", "marketplace"):
        _spread_events(case, rng, now)
    # The history was notified long ago; only the two newest arrivals wait to be sent.
    newest = Notification.objects.filter(account=account).order_by("-case__feedback__feedback_date")[:2]
    Notification.objects.filter(account=account).exclude(pk__in=list(newest.values_list("pk", flat=True))).update(
        sent_at=now
    )
    return ResolutionCase.objects.filter(account=account).count()
