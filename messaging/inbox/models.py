"""The inbox's data: the seller's mailbox, threads (one per order, or per relay
address when a message names no order), the messages in and out, their
attachments, and opt-out proposals.

Personal data (relay addresses, bodies, attachments' names) is encrypted at
rest like every buyer field; a thread's relay address is also kept as a keyed
digest (relay_key) so mail can be threaded without decrypting.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from feedbackhub.crypto import EncryptedTextField
from feedbackhub.tenancy.models import AccountScopedQuerySet, Marketplace, SellerAccount
from orders.models import Order


class MailboxSecurity(models.TextChoices):
    SSL = "ssl", "SSL/TLS (port 993)"
    STARTTLS = "starttls", "STARTTLS (port 143)"


class Mailbox(models.Model):
    """Where the account's buyer mail arrives (Amazon relays it there), and what
    the poller has read: UIDVALIDITY + the last UID, moved forward in the same
    transaction that stores each message, so a poller that dies mid-batch
    neither skips nor repeats a message."""

    account = models.OneToOneField(SellerAccount, on_delete=models.CASCADE, related_name="mailbox")
    enabled = models.BooleanField(default=False)
    host = models.CharField(max_length=255, blank=True)
    port = models.PositiveIntegerField(default=993)
    security = models.CharField(max_length=10, choices=MailboxSecurity.choices, default=MailboxSecurity.SSL)
    username = models.CharField(max_length=255, blank=True)
    password = EncryptedTextField(blank=True)
    folder = models.CharField(max_length=255, default="INBOX")
    # Where a mail provider's inbound webhook delivers this account's buyer mail.
    inbound_address = models.EmailField(blank=True)
    uidvalidity = models.BigIntegerField(null=True, blank=True)
    last_uid = models.BigIntegerField(default=0)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    # An unanswered buyer message holds that order's scheduled feedback request.
    hold_requests_while_unanswered = models.BooleanField(default=True)
    # A detected opt-out goes on the do-not-solicit list without a click.
    auto_confirm_opt_outs = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["inbound_address"], name="uniq_mailbox_inbound_address", condition=~Q(inbound_address="")
            )
        ]

    def __str__(self):
        return f"Mailbox of {self.account}"


class ThreadState(models.TextChoices):
    NEEDS_REPLY = "needs_reply", "Needs reply"
    WAITING = "waiting", "Waiting on buyer"
    DONE = "done", "Done"


class BuyerThread(models.Model):
    """The conversation about one order (or, with no order id, with one relay address)."""

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="buyer_threads")
    order = models.ForeignKey(Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="buyer_threads")
    amazon_order_id = models.CharField(max_length=19, blank=True)
    marketplace = models.ForeignKey(Marketplace, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    relay_address = EncryptedTextField(blank=True)
    relay_key = models.CharField(max_length=64, blank=True)
    language = models.CharField(max_length=2, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=12, choices=ThreadState.choices, default=ThreadState.NEEDS_REPLY)
    # The 24-hour clock: the oldest unanswered buyer message + 24 h (None when none waits).
    reply_due_at = models.DateTimeField(null=True, blank=True)
    last_message_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        ordering = ["reply_due_at", "-last_message_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "amazon_order_id"], name="uniq_thread_order", condition=~Q(amazon_order_id="")
            ),
            models.UniqueConstraint(
                fields=["account", "relay_key"],
                name="uniq_thread_relay_without_order",
                condition=Q(amazon_order_id="") & ~Q(relay_key=""),
            ),
        ]
        indexes = [models.Index(fields=["account", "state", "reply_due_at"], name="thread_account_state_due")]

    def __str__(self):
        return f"Thread on {self.amazon_order_id or 'no order'}"


class MessageDirection(models.TextChoices):
    INBOUND = "in", "From the buyer"
    OUTBOUND = "out", "To the buyer"


class MessageSource(models.TextChoices):
    IMAP = "imap", "Mailbox (IMAP)"
    WEBHOOK = "webhook", "Inbound webhook"
    DEMO = "demo", "Demo"
    REPLY = "reply", "Reply written here"


class ReplyStatus(models.TextChoices):
    """An outbound reply's way out: the outbox's states (a reply whose send may
    have happened is `uncertain` and never sent again without a person)."""

    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    UNCERTAIN = "uncertain", "Uncertain"


class BuyerMessage(models.Model):
    """One message of a thread: a buyer's (inbound) or a reply (outbound). An
    unanswered inbound message holds back the order's feedback request."""

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="buyer_messages")
    thread = models.ForeignKey(BuyerThread, on_delete=models.CASCADE, null=True, blank=True, related_name="messages")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, null=True, blank=True, related_name="buyer_messages")
    amazon_order_id = models.CharField(max_length=19, blank=True)
    direction = models.CharField(max_length=3, choices=MessageDirection.choices, default=MessageDirection.INBOUND)
    source = models.CharField(max_length=10, choices=MessageSource.choices, default=MessageSource.IMAP)
    # RFC 5322 Message-ID: the same message is stored once per account.
    message_id = models.CharField(max_length=998, blank=True)
    in_reply_to = models.CharField(max_length=998, blank=True)
    references = models.TextField(blank=True)
    from_address = EncryptedTextField(blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body_text = EncryptedTextField(blank=True)
    body_html = EncryptedTextField(blank=True)  # sanitised (nh3) before it is stored
    language = models.CharField(max_length=2, blank=True)
    size_bytes = models.PositiveIntegerField(default=0)
    # What could not be read, said plainly ("No order id found", "Unknown charset …").
    problem = models.CharField(max_length=300, blank=True)
    received_at = models.DateTimeField()
    # Inbound: answered by a reply, or marked "no reply needed".
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    no_reply_needed = models.BooleanField(default=False)
    # Outbound replies: who wrote it, from which template, and its way out.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    template = models.ForeignKey(
        "messaging.MessageTemplate", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=ReplyStatus.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claim_token = models.UUIDField(null=True, blank=True, default=None, editable=False)
    lease_until = models.DateTimeField(null=True, blank=True)
    # A reply the mail server deferred (4xx) waits until then; None: send now.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "message_id"], name="uniq_buyer_message_id", condition=~Q(message_id="")
            ),
            models.CheckConstraint(
                condition=Q(direction="in", status="") | Q(direction="out") & ~Q(status=""),
                name="buyer_message_status_only_outbound",
            ),
        ]
        indexes = [
            models.Index(fields=["order"], name="buyer_message_unanswered", condition=Q(answered_at__isnull=True)),
            models.Index(fields=["thread", "received_at"], name="buyer_message_thread_time"),
            models.Index(
                fields=["status", "lease_until"], name="buyer_message_reply_due", condition=Q(direction="out")
            ),
        ]

    def __str__(self):
        return f"Buyer message on {self.amazon_order_id or 'no order'}"


def _attachment_path(attachment, filename):
    return f"inbox/{attachment.message.account_id}/{uuid.uuid4().hex}"


class MessageAttachment(models.Model):
    """A file a buyer attached: stored when its type is allowed and it is small
    enough, else recorded with the reason it was not kept."""

    message = models.ForeignKey(BuyerMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=_attachment_path, blank=True)
    skipped_reason = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return self.filename or self.content_type


class OptOutState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"


class OptOutProposal(models.Model):
    """A buyer wrote that they want no more messages: proposed for the
    do-not-solicit list with the message linked, one click to confirm."""

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="opt_out_proposals")
    message = models.OneToOneField(BuyerMessage, on_delete=models.CASCADE, related_name="opt_out")
    buyer_key = models.CharField(max_length=64, blank=True)
    matched_phrase = models.CharField(max_length=200)
    language = models.CharField(max_length=2, blank=True)
    state = models.CharField(max_length=10, choices=OptOutState.choices, default=OptOutState.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AccountScopedQuerySet.as_manager()

    def __str__(self):
        return f"Opt-out proposal ({self.state})"
