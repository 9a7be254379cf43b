"""Writes for mail coming in: one parsed buyer email stored (once per
Message-ID and account), threaded by order or by relay address, its
attachments kept or recorded as skipped, the thread's 24-hour clock moved,
an opt-out proposed; and the mailbox settings saved.

IMAP, the inbound webhook and the demo all come through inbound_message_store.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Min, Q
from django.utils import timezone

from feedbackhub.crypto import blind_index
from feedbackhub.rules import BUYER_REPLY_HOURS
from feedbackhub.tenancy.models import Marketplace, SellerAccount
from orders.models import Order

from .models import (
    BuyerMessage,
    BuyerThread,
    Mailbox,
    MessageAttachment,
    MessageDirection,
    MessageSource,
    ThreadState,
)
from .opt_out import opt_out_propose
from .parse import ParsedMessage, message_parse
from .selectors import thread_unanswered


@dataclass(frozen=True)
class StoreResult:
    message: BuyerMessage
    created: bool  # False: the same Message-ID was already stored for the account


def inbound_message_store(
    *,
    account: SellerAccount,
    raw: bytes,
    source: str = MessageSource.IMAP,
    now: datetime | None = None,
    size_bytes: int | None = None,
) -> StoreResult:
    """Parse and store one buyer email. Idempotent per Message-ID (a message
    without one is keyed by a digest of its bytes). Safe inside the caller's
    transaction: IMAP advances the mailbox's last UID in the same one.
    `size_bytes`: the message's real size when `raw` holds only its headers."""
    now = now or timezone.now()
    parsed = message_parse(raw, size_bytes=size_bytes)
    message_id = parsed.message_id or f"<sha256-{hashlib.sha256(raw).hexdigest()}@no-message-id.invalid>"
    existing = BuyerMessage.objects.filter(account=account, message_id=message_id).first()
    if existing is not None:
        return StoreResult(message=existing, created=False)
    try:
        with transaction.atomic():
            message = _store(account=account, parsed=parsed, message_id=message_id, source=source, now=now)
    except IntegrityError:
        # Stored meanwhile by another poller or a webhook retry.
        existing = BuyerMessage.objects.filter(account=account, message_id=message_id).first()
        if existing is None:
            raise
        return StoreResult(message=existing, created=False)
    return StoreResult(message=message, created=True)


def _store(*, account, parsed: ParsedMessage, message_id, source, now):
    order = None
    if parsed.amazon_order_id:
        order = Order.objects.filter(account=account, amazon_order_id=parsed.amazon_order_id).first()
    marketplace = Marketplace.objects.filter(domain=parsed.relay_domain).first() if parsed.relay_domain else None
    if marketplace is None and order is not None:
        marketplace = order.marketplace
    language = parsed.language or (marketplace.language_code if marketplace else "")
    # A Date in the future (a wrong clock) would stop the reply clock: now instead.
    received_at = parsed.sent_at if parsed.sent_at and parsed.sent_at <= now else now

    thread = _thread_for(
        account=account, parsed=parsed, order=order, marketplace=marketplace, language=language, when=received_at
    )
    message = BuyerMessage.objects.create(
        account=account,
        thread=thread,
        order=order,
        amazon_order_id=parsed.amazon_order_id,
        direction=MessageDirection.INBOUND,
        source=source,
        message_id=message_id,
        in_reply_to=parsed.in_reply_to,
        references=parsed.references,
        from_address=parsed.relay_address or parsed.from_address,
        subject=parsed.subject,
        body_text=parsed.body_text,
        body_html=parsed.body_html,
        language=language,
        size_bytes=min(parsed.size_bytes, 2**31 - 1),
        problem=parsed.problem,
        received_at=received_at,
    )
    for attachment in parsed.attachments:
        row = MessageAttachment(
            message=message,
            filename=attachment.filename,
            content_type=attachment.content_type,
            size_bytes=attachment.size_bytes,
            skipped_reason=attachment.skipped_reason,
        )
        if attachment.content is not None:
            row.file.save("attachment", ContentFile(attachment.content), save=False)
        row.save()
    thread_clock_refresh(thread=thread)
    mailbox = Mailbox.objects.filter(account=account).only("auto_confirm_opt_outs").first()
    opt_out_propose(message=message, auto_confirm=bool(mailbox and mailbox.auto_confirm_opt_outs))
    return message


def _thread_for(*, account, parsed, order, marketplace, language, when):
    """The order's thread; with no order id, the relay address's."""
    sender = parsed.relay_address or parsed.from_address
    relay_key = blind_index(sender) if sender else ""
    defaults = {
        "order": order,
        "marketplace": marketplace,
        "relay_address": parsed.relay_address,
        "relay_key": relay_key,
        "language": language,
        "subject": parsed.subject,
        "last_message_at": when,
    }
    if parsed.amazon_order_id:
        lookup = {"amazon_order_id": parsed.amazon_order_id}
    elif relay_key:
        lookup = {"amazon_order_id": "", "relay_key": relay_key}
    else:
        # Neither an order id nor a sender: a thread of its own.
        return BuyerThread.objects.create(account=account, **defaults)
    thread, created = BuyerThread.objects.get_or_create(account=account, **lookup, defaults=defaults)
    if not created:
        thread = BuyerThread.objects.select_for_update().get(pk=thread.pk)
        changed = []
        for name, value in (("order", order), ("marketplace", marketplace), ("language", language)):
            if value and not getattr(thread, name):
                setattr(thread, name, value)
                changed.append(name)
        if parsed.relay_address and not thread.relay_address:
            thread.relay_address, thread.relay_key = parsed.relay_address, relay_key
            changed += ["relay_address", "relay_key"]
        if changed:
            thread.save(update_fields=[*changed, "updated_at"])
    return thread


def thread_clock_refresh(*, thread: BuyerThread) -> BuyerThread:
    """Recompute a thread's state and 24-hour clock from its messages: a buyer
    message neither answered nor marked "no reply needed" makes it "needs
    reply", due 24 h after the oldest such message; otherwise it waits on the
    buyer when the last word was ours, else it is done."""
    # "No reply needed" answers the messages too (services.thread_no_reply): one definition of waiting.
    unanswered = thread_unanswered(thread=thread).aggregate(oldest=Min("received_at"))["oldest"]
    last = BuyerMessage.objects.filter(thread=thread).order_by("-received_at", "-pk").first()
    if unanswered is not None:
        thread.state = ThreadState.NEEDS_REPLY
        thread.reply_due_at = unanswered + timedelta(hours=BUYER_REPLY_HOURS)
    else:
        thread.reply_due_at = None
        waiting = last is not None and last.direction == MessageDirection.OUTBOUND
        thread.state = ThreadState.WAITING if waiting else ThreadState.DONE
    if last is not None:
        thread.last_message_at = max(thread.last_message_at or last.received_at, last.received_at)
    thread.save(update_fields=["state", "reply_due_at", "last_message_at", "updated_at"])
    return thread


# --- mailbox settings ----------------------------------------------------------

# Changing any of these means another folder: what was read there says nothing here.
_FOLDER_FIELDS = ("host", "port", "username", "folder")


def mailbox_for(*, account: SellerAccount) -> Mailbox | None:
    return Mailbox.objects.filter(account=account).first()


def mailbox_save(*, account: SellerAccount, password: str = "", **fields) -> Mailbox:
    """Create or update the account's mailbox. An empty password keeps the
    stored one; another host, user or folder starts reading it afresh (the
    per-account Message-ID keeps messages already stored from coming twice)."""
    mailbox = mailbox_for(account=account) or Mailbox(account=account)
    if "inbound_address" in fields:
        fields["inbound_address"] = (fields["inbound_address"] or "").strip().lower()
    moved = mailbox.pk is not None and any(
        name in fields and fields[name] != getattr(mailbox, name) for name in _FOLDER_FIELDS
    )
    for name, value in fields.items():
        setattr(mailbox, name, value)
    if password:
        mailbox.password = password
    if moved:
        mailbox.uidvalidity, mailbox.last_uid = None, 0
    mailbox.last_error = "" if moved else mailbox.last_error
    mailbox.save()
    return mailbox


def mailbox_for_recipients(*, addresses) -> Mailbox | None:
    """The mailbox whose inbound address is among a webhook message's recipients."""
    wanted = [address.strip().lower() for address in addresses if address and address.strip()]
    if not wanted:
        return None
    return Mailbox.objects.filter(~Q(inbound_address=""), inbound_address__in=wanted).select_related("account").first()
