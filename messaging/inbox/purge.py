"""Buyer mail is buyer personal data (Amazon's Data Protection Policy, DOMAIN):
a thread's relay address and its messages' addresses, texts and attachments go
when the order's buyer data does (orders.services.buyer_data_purge: 30 days
after delivery), and for mail that names no order 30 days after its last
message. What the inbox and the metrics need stays: the thread, its state and
clock, the order id, the times (reply times), the relay address's digest
(threading) and the opt-out decisions."""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q

from feedbackhub.rules import PII_RETENTION_DAYS

from .models import BuyerMessage, BuyerThread, MessageAttachment

logger = logging.getLogger(__name__)

PURGED_NOTE = "Text removed under Amazon's 30-day rule for buyer data."


def buyer_mail_purge(*, now: datetime) -> int:
    """Remove the personal part of buyer mail past retention; returns the threads purged."""
    cutoff = now - timedelta(days=PII_RETENTION_DAYS)
    due = BuyerThread.objects.filter(
        Q(order__pii_purged_at__isnull=False) | Q(order__isnull=True, last_message_at__lt=cutoff)
    ).exclude(relay_address="")
    with transaction.atomic():
        thread_ids = list(due.select_for_update(of=("self",)).values_list("pk", flat=True))
        attachments = MessageAttachment.objects.filter(message__thread_id__in=thread_ids)
        for attachment in attachments.exclude(file=""):
            attachment.file.delete(save=False)
        attachments.update(file="", filename="", skipped_reason="Removed under Amazon's 30-day rule for buyer data.")
        BuyerMessage.objects.filter(thread_id__in=thread_ids).update(
            from_address="", body_text=PURGED_NOTE, body_html=""
        )
        BuyerThread.objects.filter(pk__in=thread_ids).update(relay_address="")
    logger.info("buyer mail purged from %d threads (retention %d days)", len(thread_ids), PII_RETENTION_DAYS)
    return len(thread_ids)
