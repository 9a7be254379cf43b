"""The inbox's writes: a reply queued (checked against Amazon's rules first),
"no reply needed", a person's decision on a failed or uncertain reply, and the
24-hour clock kept right whenever a thread's messages change.

Sending is messaging.inbox.replies (the Celery task calls it): a reply is
queued here, committed, and the sender wakes up after the commit.
"""

import logging
from dataclasses import dataclass
from email.utils import make_msgid, parseaddr

from django.db import transaction
from django.utils import timezone

from ..compliance import Severity, rule_titles
from ..compose import sender_address, template_findings
from ..models import TemplateKind
from ..placeholders import PLACEHOLDERS, placeholder_values, render_html, render_text
from .models import BuyerMessage, BuyerThread, MessageDirection, MessageSource, ReplyStatus, ThreadState
from .selectors import thread_last_inbound, thread_unanswered
from .store import thread_clock_refresh

logger = logging.getLogger(__name__)


class ReplyRefused(Exception):  # noqa: N818 - a refusal shown to the VA, not a crash
    """The reply cannot be queued (or the decision made); the message says why."""


class ReplyBlocked(ReplyRefused):
    """The reply breaks Amazon's rules: not queued; `findings` go next to the text."""

    def __init__(self, findings):
        self.findings = findings
        rules = rule_titles(finding.rule_id for finding in findings)
        super().__init__(f"Not queued: the reply breaks Amazon's rules ({rules}). Fix the findings.")


@dataclass(frozen=True)
class RenderedReply:
    subject: str
    body: str
    html: str
    findings: tuple

    @property
    def blocking(self):
        return tuple(finding for finding in self.findings if finding.severity == Severity.BLOCK)


def thread_language(thread):
    if thread.language:
        return thread.language
    return thread.marketplace.language_code if thread.marketplace else "en"


def reply_subject(thread):
    subject = thread.subject or (f"Your order {thread.amazon_order_id}" if thread.amazon_order_id else "Your message")
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def reply_render(*, thread, body, language) -> RenderedReply:
    """The reply as the buyer gets it (placeholders rendered for the order, as
    messaging.compose does) and the checker's findings for a buyer reply."""
    if thread.order is not None:
        values = placeholder_values(order=thread.order, account=thread.account, language=language)
    else:
        values = {name: "" for name in PLACEHOLDERS} | {"store_name": thread.account.name}
    subject = reply_subject(thread)
    rendered_body = render_text(body, values, language)
    findings = template_findings(kind=TemplateKind.BUYER_REPLY, language=language, subject=subject, body=rendered_body)
    return RenderedReply(
        subject=subject, body=rendered_body, html=render_html(body, values, language), findings=tuple(findings)
    )


def _threading_headers(thread):
    """In-Reply-To: the buyer's last message; References: its chain, then it."""
    parent = thread_last_inbound(thread=thread)
    if parent is None:
        return "", ""
    chain = parent.references.split() or parent.in_reply_to.split()
    return parent.message_id, " ".join([*chain, parent.message_id])


def _message_id_domain(from_email):
    address = parseaddr(from_email)[1]
    return address.rpartition("@")[2] or "feedbackhub.invalid"


def buyer_reply_queue(*, thread: BuyerThread, author, body: str, template=None, now=None) -> BuyerMessage:
    """Queue a reply to the thread's relay address. Blocked by the checker:
    nothing is queued (ReplyBlocked with the findings)."""
    now = now or timezone.now()
    if not body.strip():
        raise ReplyRefused("Write the reply, or choose a template.")
    if not thread.relay_address:
        raise ReplyRefused(
            "This thread has no relay address to answer (the buyer's data was purged): reply in Seller Central."
        )
    language = template.language if template is not None else thread_language(thread)
    rendered = reply_render(thread=thread, body=body, language=language)
    if rendered.blocking:
        raise ReplyBlocked(rendered.blocking)
    in_reply_to, references = _threading_headers(thread)
    from_email = sender_address(thread.account)
    with transaction.atomic():
        reply = BuyerMessage.objects.create(
            account=thread.account,
            thread=thread,
            order=thread.order,
            amazon_order_id=thread.amazon_order_id,
            direction=MessageDirection.OUTBOUND,
            source=MessageSource.REPLY,
            message_id=make_msgid(domain=_message_id_domain(from_email)),
            in_reply_to=in_reply_to,
            references=references,
            from_address=from_email,
            subject=rendered.subject,
            body_text=rendered.body,
            body_html=rendered.html,
            language=language,
            received_at=now,
            author=author,
            template=template,
            status=ReplyStatus.QUEUED,
        )
        BuyerThread.objects.filter(pk=thread.pk).update(last_message_at=now, updated_at=now)
        transaction.on_commit(replies_wake_up)
    return reply


def replies_wake_up():
    """Ask a worker to send now; beat sends within a minute anyway, so a
    broker outage delays a reply, never loses it."""
    from ..tasks import buyer_replies_send

    try:
        buyer_replies_send.delay()
    except Exception:  # noqa: BLE001 - the reply is queued in the database
        logger.warning("could not wake the reply sender; beat will send the reply", exc_info=True)


@transaction.atomic
def thread_no_reply(*, thread: BuyerThread, actor, now=None) -> BuyerThread:
    """The waiting buyer messages need no answer ("thanks, got it"): answered
    without a reply, the thread done."""
    now = now or timezone.now()
    thread = BuyerThread.objects.select_for_update().get(pk=thread.pk)
    thread_unanswered(thread=thread).update(answered_at=now, answered_by=actor, no_reply_needed=True)
    thread.state, thread.reply_due_at = ThreadState.DONE, None
    thread.save(update_fields=["state", "reply_due_at", "updated_at"])
    return thread


def reply_delivered(*, reply: BuyerMessage, sent_at) -> None:
    """A reply went out: the buyer messages it answers are answered (by its
    author, at the send), and the thread waits on the buyer unless a newer
    buyer message still waits."""
    with transaction.atomic():
        thread = BuyerThread.objects.select_for_update().get(pk=reply.thread_id)
        thread_unanswered(thread=thread).filter(received_at__lte=reply.received_at).update(
            answered_at=sent_at, answered_by=reply.author_id
        )
        thread.state = ThreadState.WAITING
        thread_clock_refresh(thread=thread)


# A person's decisions on a reply the sender could not settle.
REPLY_DECISIONS = {
    "retry": {ReplyStatus.FAILED},  # try again
    "send_again": {ReplyStatus.UNCERTAIN},  # a person checked: it did not go out
    "mark_sent": {ReplyStatus.UNCERTAIN},  # a person checked: it went out
}


def reply_decide(*, reply: BuyerMessage, decision: str, actor, now=None) -> BuyerMessage:
    """Retry a failed reply, or settle an uncertain one (sent, or send again)."""
    now = now or timezone.now()
    allowed = REPLY_DECISIONS.get(decision)
    if allowed is None:
        raise ReplyRefused("Unknown decision.")
    if decision == "mark_sent":
        changes = {"status": ReplyStatus.SENT, "sent_at": now, "error": f"Marked sent by {actor.get_username()}."}
    else:
        # A fresh set of attempts: the person asked for this send.
        changes = {"status": ReplyStatus.QUEUED, "attempts": 0, "next_attempt_at": None, "error": ""}
    updated = BuyerMessage.objects.filter(pk=reply.pk, status__in=allowed).update(
        claim_token=None, lease_until=None, **changes
    )
    if updated != 1:
        raise ReplyRefused("This reply changed meanwhile; look at its status again.")
    reply.refresh_from_db()
    if decision == "mark_sent":
        reply_delivered(reply=reply, sent_at=now)
    else:
        transaction.on_commit(replies_wake_up)
    return reply
