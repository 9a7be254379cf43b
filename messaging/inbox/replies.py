"""The VA's replies on their way out, with the outbox's guarantees
(messaging.dispatch):

    queued --claim (token + lease)--> queued, held --> sending --> sent
                                                             \\-> failed (5xx, gave up)
                                                             \\-> queued, later (4xx: backoff)
                                                             \\-> uncertain

- A claim is FOR UPDATE SKIP LOCKED with a token and a lease, committed at
  once: two senders never hold the same reply.
- "sending" is committed before the SMTP call, "sent" right after.
- A sender that dies between the two leaves a "sending" reply whose lease
  runs out: it becomes uncertain and is never sent again automatically; a
  person decides (mark sent / send again, services.reply_decide).
- An expired claim (died before "sending") was never sent: claimable again.

The SMTP outcomes are the dispatcher's own (EmailChannel.send).
"""

import time
import uuid
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from feedbackhub.mailsink import mail_for_account

from ..dispatch.channels import EmailChannel
from ..dispatch.outcomes import Fail, Retry, Sent, Uncertain, backoff
from ..dispatch.rows import CLAIM_LEASE, MAX_ATTEMPTS, SEND_LEASE
from .models import BuyerMessage, MessageDirection, ReplyStatus
from .services import reply_delivered

BATCH_SIZE = 50
SEND_SECONDS = 50  # one run stops claiming after this; the next run goes on
DIED_MID_SEND = "The sender stopped during the send: the reply may or may not have gone out. Not resent."


@dataclass
class RepliesResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    uncertain: int = 0
    released: int = 0

    def count(self, outcome):
        name = {Sent: "sent", Retry: "retried", Fail: "failed", Uncertain: "uncertain"}[type(outcome)]
        setattr(self, name, getattr(self, name) + 1)


def reply_email(reply: BuyerMessage) -> EmailMultiAlternatives:
    """The reply as it leaves, threaded under the buyer's message."""
    headers = {"Message-ID": reply.message_id}
    if reply.in_reply_to:
        headers["In-Reply-To"] = reply.in_reply_to
    if reply.references:
        headers["References"] = reply.references
    message = EmailMultiAlternatives(
        subject=reply.subject,
        body=reply.body_text,
        from_email=reply.from_address,
        to=[reply.thread.relay_address],
        headers=headers,
    )
    if reply.body_html:
        message.attach_alternative(reply.body_html, "text/html")
    return mail_for_account(message, account_id=reply.thread.account_id)


def reply_leases_resolve(result, *, now):
    """Expired claims go back to the queue; expired sends become uncertain."""
    outbound = BuyerMessage.objects.filter(direction=MessageDirection.OUTBOUND, lease_until__lt=now)
    result.released += outbound.filter(status=ReplyStatus.QUEUED).update(claim_token=None, lease_until=None)
    result.uncertain += outbound.filter(status=ReplyStatus.SENDING).update(
        status=ReplyStatus.UNCERTAIN, claim_token=None, lease_until=None, error=DIED_MID_SEND
    )


def replies_claim(*, now, token, limit):
    """Claim up to `limit` queued replies that are due, oldest first."""
    with transaction.atomic():
        ids = list(
            BuyerMessage.objects.select_for_update(skip_locked=True)
            .filter(direction=MessageDirection.OUTBOUND, status=ReplyStatus.QUEUED)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
            .order_by("received_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        BuyerMessage.objects.filter(pk__in=ids).update(claim_token=token, lease_until=now + CLAIM_LEASE)
    return list(
        BuyerMessage.objects.filter(pk__in=ids, claim_token=token)
        .select_related("account", "thread")
        .order_by("received_at", "pk")
    )


def reply_start_sending(reply, token) -> bool:
    """Committed before the reply leaves. False: the claim was lost."""
    return (
        BuyerMessage.objects.filter(pk=reply.pk, claim_token=token, status=ReplyStatus.QUEUED).update(
            status=ReplyStatus.SENDING, lease_until=timezone.now() + SEND_LEASE, attempts=F("attempts") + 1
        )
        == 1
    )


def reply_finish(reply, token, outcome) -> None:
    now = timezone.now()
    attempts = reply.attempts + 1  # counted by reply_start_sending
    if isinstance(outcome, Sent):
        changes = {"status": ReplyStatus.SENT, "sent_at": now, "error": "", "next_attempt_at": None}
    elif isinstance(outcome, Retry) and attempts < MAX_ATTEMPTS:
        changes = {
            "status": ReplyStatus.QUEUED,
            "error": outcome.reason[:300],
            "next_attempt_at": now + (outcome.delay or backoff(attempts)),
        }
    elif isinstance(outcome, Retry):
        changes = {"status": ReplyStatus.FAILED, "error": f"Gave up after {attempts} attempts: {outcome.reason}"[:300]}
    elif isinstance(outcome, Uncertain):
        changes = {"status": ReplyStatus.UNCERTAIN, "error": outcome.reason[:300]}
    else:
        changes = {"status": ReplyStatus.FAILED, "error": outcome.reason[:300]}
    updated = BuyerMessage.objects.filter(pk=reply.pk, claim_token=token, status=ReplyStatus.SENDING).update(
        claim_token=None, lease_until=None, **changes
    )
    if updated and isinstance(outcome, Sent):
        reply_delivered(reply=reply, sent_at=now)


def replies_send(*, now=None, batch_size=BATCH_SIZE, deadline_seconds=SEND_SECONDS) -> RepliesResult:
    """Send the queued replies that are due, after resolving expired leases."""
    started = time.monotonic()
    result = RepliesResult()
    reply_leases_resolve(result, now=now or timezone.now())
    channels = {}
    try:
        while time.monotonic() - started <= deadline_seconds:
            token = uuid.uuid4()
            replies = replies_claim(now=now or timezone.now(), token=token, limit=batch_size)
            if not replies:
                break
            for reply in replies:
                channel = channels.get(reply.account_id)
                if channel is None:
                    channel = channels[reply.account_id] = EmailChannel(reply.account)
                reply_send(reply, token, channel, result)
    finally:
        for channel in channels.values():
            channel.close()
    return result


def reply_send(reply, token, channel, result) -> None:
    if not reply_start_sending(reply, token):
        return  # the lease ran out and the reply was resolved meanwhile
    if reply.thread.relay_address:
        outcome = channel.send(reply, reply_email(reply))
    else:
        outcome = Fail("No relay address any more (the buyer's data was purged): reply in Seller Central.")
    reply_finish(reply, token, outcome)
    result.count(outcome)
