"""Messages to the buyer about a case, with the guard rails: no removal ask
before the problem is resolved, nothing the checker blocks, at most one
removal request per order.

Every message is a Buyer-Seller Messaging email to the buyer's relay address
(or written by hand in Seller Central). The SP-API has no removal-request
operation any more: createNegativeFeedbackRemoval was taken out of
amzn/selling-partner-api-models' messaging-api-model on 2025-08-04 (commit
7c93eb1, "Update Messaging model"; only a stale example link remains).
"""

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from messaging.compose import buyer_message_render, feedback_request_email, sender_address
from messaging.models import TemplateKind

from ..models import (
    CaseMessage,
    CaseMessageKind,
    CaseMessageStatus,
    CaseState,
    ResolutionCase,
)
from .cases import CaseActionRefused, case_event_add, case_locked, case_transition, worker_check

# --- messages to the buyer -------------------------------------------------------------


def _message_kind_for(case: ResolutionCase, requested: str) -> str:
    if requested == CaseMessageKind.REMOVAL_REQUEST:
        if case.state != CaseState.RESOLVED:
            raise CaseActionRefused(
                "Ask for removal only after the problem is resolved with the buyer (record the resolution first)."
            )
        return requested
    first = not case.messages.exclude(status=CaseMessageStatus.FAILED).exists()
    return CaseMessageKind.FIRST_CONTACT if first else CaseMessageKind.FOLLOW_UP


def _checked(case, *, kind, subject, body, language):
    """The message rendered for the order and checked as what it is: before
    the resolution every message is held to the first-contact rules (no
    removal ask, no pressure), the removal request to its own."""
    template_kind = (
        TemplateKind.REMOVAL_REQUEST
        if kind == CaseMessageKind.REMOVAL_REQUEST
        else (TemplateKind.FIRST_CONTACT_NEGATIVE)
    )
    order = case.feedback.order
    if order is None:
        raise CaseActionRefused("The order of this feedback has not been imported yet; import it first.")
    rendered = buyer_message_render(
        kind=template_kind, language=language, subject=subject, body=body, order=order, account=case.account
    )
    if rendered.blocking_rules:
        raise CaseActionRefused(
            f"Not sent: the message breaks Amazon's rules ({rendered.blocking_titles}). Fix the findings."
        )
    return order, rendered


def _after_message(case, kind, actor, *, by_email):
    how = "by email" if by_email else "in Seller Central (by hand)"
    if kind == CaseMessageKind.REMOVAL_REQUEST:
        return case_transition(
            case=case, to_state=CaseState.REMOVAL_REQUESTED_BUYER, actor=actor, note=f"Removal request sent {how}."
        )
    if case.state in (CaseState.NEW, CaseState.INVESTIGATING, CaseState.AWAITING_BUYER):
        changes = {"first_contact_at": timezone.now()} if case.first_contact_at is None else {}
        return case_transition(
            case=case, to_state=CaseState.BUYER_CONTACTED, actor=actor, note=f"Buyer contacted {how}.", **changes
        )
    case_event_add(case, actor=actor, note=f"Message to the buyer sent {how}.")
    return case


def case_message_send(*, case: ResolutionCase, kind: str, subject: str, body: str, language: str, actor) -> CaseMessage:
    """Email the buyer through Amazon's relay. "sending" is committed before
    the email leaves and "sent" after, so a crash between the two leaves a
    row that still counts (a removal request is never sent twice)."""
    with transaction.atomic():
        locked = case_locked(case)
        worker_check(locked, actor, may_override=False)
        kind = _message_kind_for(locked, kind)
        order, rendered = _checked(locked, kind=kind, subject=subject, body=body, language=language)
        if not order.buyer_email:
            raise CaseActionRefused(
                "No buyer address for this order (purged after 30 days, an FBA order, or not synced): "
                "copy the text into Seller Central's Contact Buyer and mark the buyer as contacted."
            )
        message = CaseMessage.objects.create(
            case=locked,
            order=order,
            kind=kind,
            subject=rendered.subject,
            body=rendered.body,
            status=CaseMessageStatus.SENDING,
            sent_by=actor,
        )
    email = feedback_request_email(
        rendered, account=case.account, from_email=sender_address(case.account), to=order.buyer_email
    )
    try:
        with get_connection(fail_silently=False) as connection:
            connection.send_messages([email])
    except Exception as error:  # noqa: BLE001 - SMTP or provider: record it, tell the VA
        message.status, message.error = CaseMessageStatus.FAILED, f"{type(error).__name__}: {error}"[:300]
        message.save(update_fields=["status", "error"])
        raise CaseActionRefused(
            f"The email could not be sent ({message.error}). Nothing was sent; try again."
        ) from None
    message.status, message.provider_id = CaseMessageStatus.SENT, email.extra_headers["Message-ID"]
    message.save(update_fields=["status", "provider_id"])
    _after_message(locked, kind, actor, by_email=True)
    return message


@transaction.atomic
def case_message_record(
    *, case: ResolutionCase, kind: str, subject: str, body: str, language: str, actor
) -> CaseMessage:
    """The same message written by hand in Seller Central (no relay address):
    the same guard rails, recorded as sent."""
    locked = case_locked(case)
    worker_check(locked, actor, may_override=False)
    kind = _message_kind_for(locked, kind)
    order, rendered = _checked(locked, kind=kind, subject=subject, body=body, language=language)
    message = CaseMessage.objects.create(
        case=locked, order=order, kind=kind, subject=rendered.subject, body=rendered.body, by_email=False, sent_by=actor
    )
    _after_message(locked, kind, actor, by_email=False)
    return message
