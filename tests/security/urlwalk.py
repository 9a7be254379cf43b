"""Every URL pattern of the project, with a way to fill its ids.

The tenant-isolation and role-matrix tests walk this list, so a new view is
covered the day it is added: an unknown URL kwarg or a page missing from the
role matrix fails the tests until someone says how to check it.
"""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from messaging.models import (
    BuyerMessage,
    DoNotSolicit,
    FeedbackRequest,
    MessageAttachment,
    MessageDirection,
    MessageSource,
    MessageTemplate,
    ReplyStatus,
)
from tests.factories import (
    BuyerMessageFactory,
    BuyerThreadFactory,
    CampaignFactory,
    ClaimFactory,
    FeedbackFactory,
    ImportJobFactory,
    OrderFactory,
)

# Open to anyone: logging in and recovering a password, the health check.
PUBLIC = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
}
# Need a login but no seller account: the user's own password, the landing
# redirect and the account switcher (tested on their own).
ACCOUNTLESS = {"password_change", "password_change_done", "home", "tenancy:switch"}
# The user's own two-factor sign-in (tests/security/test_two_factor.py).
ACCOUNTLESS |= {
    "two_factor_verify",
    "two_factor_setup",
    "two_factor_manage",
    "recovery_codes_new",
    "two_factor_disable",
}
# Django admin: superusers only (tests/security/test_admin.py).
ADMIN_NAMESPACE = "admin"
# Mail providers' webhooks: no login, the provider's signature or basic auth
# instead (tests/messaging/inbox/test_webhook.py).
WEBHOOK_NAMESPACE = "anymail"

# Pages that only accept POST: a GET by an allowed role is 405, not 200.
POST_ONLY = {
    "messaging:template_restore",
    "messaging:campaign_state",
    "messaging:campaign_test_send",
    "messaging:do_not_solicit_remove",
    "messaging:outbox_decide",
    "messaging:mailbox_test",
    "tenancy:switch",
    "tenancy:two_factor_requirement",
    "feedback:queue_assign",
    "feedback:case_take",
    "feedback:case_move",
    "feedback:case_message",
    "feedback:case_resolve",
    "feedback:case_amazon",
    "feedback:case_response",
    "messaging:thread_reply",
    "messaging:thread_no_reply",
    "messaging:thread_presence",
    "messaging:reply_decide",
    "messaging:opt_out_decide",
}

# How to make an object of a given seller account for each URL kwarg.
KWARG_FACTORIES = {
    "order_id": lambda account: OrderFactory(account=account).pk,
    "feedback_id": lambda account: FeedbackFactory(order__account=account).pk,
    "claim_id": lambda account: ClaimFactory(order__account=account).pk,
    "job_id": lambda account: ImportJobFactory(account=account).pk,
    "template_id": lambda account: MessageTemplate.objects.for_account(account).first().pk,
    "history_id": lambda account: MessageTemplate.objects.for_account(account).last().history.first().history_id,
    "campaign_id": lambda account: CampaignFactory(account=account).pk,
    "entry_id": lambda account: DoNotSolicit.objects.create(account=account, order=OrderFactory(account=account)).pk,
    "request_id": lambda account: _uncertain_request(account).pk,
    "case_id": lambda account: negative_feedback_case(account).pk,
    "thread_id": lambda account: BuyerMessageFactory(thread=BuyerThreadFactory(account=account)).thread_id,
    "reply_id": lambda account: _failed_reply(account).pk,
    "attachment_id": lambda account: _attachment(account).pk,
    "proposal_id": lambda account: _opt_out_proposal(account).pk,
}


def _opt_out_proposal(account):
    from messaging.models import OptOutProposal

    message = BuyerMessageFactory(thread=BuyerThreadFactory(account=account))
    return OptOutProposal.objects.create(account=account, message=message, matched_phrase="stop emailing me")


def negative_feedback_case(account, **feedback_fields):
    """A 1-star feedback of the account, and the case it opens."""
    from feedback.services import cases_open

    fields = {"rating": 1, "comment": "The seller never answered my messages.", **feedback_fields}
    feedback = FeedbackFactory(order__account=account, feedback_date=timezone.localdate(), **fields)
    cases_open(account=account)
    return feedback.case


def _uncertain_request(account):
    order = OrderFactory(account=account)
    return FeedbackRequest.objects.create(
        account=account, order=order, channel="email", status="uncertain", scheduled_for=order.purchase_date
    )


def _failed_reply(account):
    thread = BuyerThreadFactory(account=account)
    return BuyerMessage.objects.create(
        account=account,
        thread=thread,
        direction=MessageDirection.OUTBOUND,
        source=MessageSource.REPLY,
        status=ReplyStatus.FAILED,
        body_text="Your parcel ships tomorrow.",
        received_at=timezone.now(),
    )


def _attachment(account):
    attachment = MessageAttachment(
        message=BuyerMessageFactory(thread=BuyerThreadFactory(account=account)),
        filename="photo.jpg",
        content_type="image/jpeg",
        size_bytes=3,
    )
    attachment.file.save("photo", ContentFile(b"jpg"))
    return attachment


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: tuple[str, ...]


def _walk(patterns, namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name=name, kwargs=tuple(entry.pattern.converters))


def all_routes():
    return sorted(set(_walk(get_resolver().url_patterns)), key=lambda route: route.name)


def account_routes():
    """Routes that show or change a seller account's data."""
    return [
        route
        for route in all_routes()
        if route.name not in PUBLIC
        and route.name not in ACCOUNTLESS
        and not route.name.startswith(f"{ADMIN_NAMESPACE}:")
        and not route.name.startswith(f"{WEBHOOK_NAMESPACE}:")
    ]
