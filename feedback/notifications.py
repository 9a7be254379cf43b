"""Notifications to the owner: email and, when set, a Slack-compatible webhook.

Rows in feedback.Notification are the schedule; the periodic task sends
what is unsent. A notification names the order and the rating, never the
buyer; the comment goes as text (escaped for HTML and for Slack's markup).
"""

import logging
from datetime import datetime

import requests
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from feedbackhub.rules import local_day
from feedbackhub.tenancy.models import Membership, Role

from .models import Notification, NotificationKind, QueueSettings

logger = logging.getLogger(__name__)

WEBHOOK_TIMEOUT_SECONDS = 10
HEADLINES = {
    NotificationKind.NEW_NEGATIVE: "New {rating}★ feedback on order {order_id} ({marketplace})",
    NotificationKind.ESCALATION: "{days_left} days left to resolve the {rating}★ feedback on order {order_id}",
    NotificationKind.FOLLOW_UP: "Amazon has not answered the removal request for order {order_id} in 3 days",
}


def slack_escape(text: str) -> str:
    """Slack reads <…> as links and mentions: &, < and > must be entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def notification_text(notification: Notification, *, now: datetime) -> tuple[str, str, str]:
    """(headline, comment, link) for a notification; no buyer data."""
    case = notification.case
    feedback = case.feedback
    headline = HEADLINES[notification.kind].format(
        rating=feedback.rating,
        order_id=feedback.amazon_order_id,
        marketplace=case.marketplace.code,
        days_left=(case.deadline - local_day(now, case.marketplace.time_zone)).days,
    )
    link = settings.SITE_URL + reverse("feedback:case", args=[case.pk])
    return headline, feedback.comment, link


def _owner_emails(account_id):
    memberships = Membership.objects.filter(account_id=account_id, role=Role.OWNER).select_related("user")
    return [m.user.email for m in memberships if m.user.email]


def owner_notify(*, account_id: int, headline: str, detail: str, link: str, link_text: str) -> list[str]:
    """Email the account's owners (when the account wants it) and post to its
    webhook (when set). Returns what failed, for the caller to record."""
    queue_settings = QueueSettings.objects.filter(account_id=account_id).first()
    errors = []
    if queue_settings is None or queue_settings.notify_owner_email:
        recipients = _owner_emails(account_id)
        text = f"{headline}\n\n{detail}\n\n{link_text}: {link}\n"
        html = f"<p><strong>{escape(headline)}</strong></p><blockquote>{escape(detail)}</blockquote>"
        html += f'<p><a href="{escape(link)}">{escape(link_text)}</a></p>'
        message = EmailMultiAlternatives(subject=f"[FeedbackHub] {headline}", body=text, to=recipients)
        message.attach_alternative(html, "text/html")
        if recipients:
            try:
                message.send()
            except Exception as error:  # noqa: BLE001 - recorded by the caller
                errors.append(f"email: {type(error).__name__}")
    if queue_settings and queue_settings.webhook_url:
        body = {"text": f"{slack_escape(headline)}\n{slack_escape(detail)}\n<{link}|{slack_escape(link_text)}>"}
        try:
            requests.post(queue_settings.webhook_url, json=body, timeout=WEBHOOK_TIMEOUT_SECONDS)
        except requests.RequestException as error:
            errors.append(f"webhook: {type(error).__name__}")
    return errors


def notifications_send(*, now: datetime | None = None) -> int:
    """Send every unsent notification once; a failure is recorded, not retried
    forever (the case itself stays at the top of the queue)."""
    now = now or timezone.now()
    sent = 0
    pending = Notification.objects.filter(sent_at__isnull=True).select_related(
        "case__feedback", "case__marketplace", "account"
    )
    for notification in pending.order_by("created_at")[:200]:
        with transaction.atomic():
            claimed = Notification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(sent_at=now)
            if not claimed:
                continue
            headline, comment, link = notification_text(notification, now=now)
            errors = owner_notify(
                account_id=notification.account_id,
                headline=headline,
                detail=f"“{comment}”",
                link=link,
                link_text="Open the case",
            )
            if errors:
                logger.warning("notification %s: %s", notification.pk, "; ".join(errors))
                Notification.objects.filter(pk=notification.pk).update(error="; ".join(errors)[:300])
            sent += 1
    return sent
