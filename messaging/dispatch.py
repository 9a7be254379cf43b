"""The dispatcher: sends due feedback requests, once each, whatever crashes.

Celery beat wakes dispatch_tick every minute; the database is the schedule
(no Celery ETA). A row moves through:

    scheduled --claim--> claimed --about to send--> sending --> sent
                                                            \\-> skipped / failed
                                                            \\-> scheduled (retry later)

- claim: UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) with a
  claim token and a lease, committed at once: two dispatchers never hold the
  same row.
- Before any send the row is re-checked against every exclusion (the same
  SQL as planning) and skipped with the reason when it no longer qualifies.
- "sending" is committed before the message leaves, "sent" right after; a
  crash between the two leaves a "sending" row whose lease runs out.
- leases_resolve: an expired claim was never sent → back to scheduled. An
  expired send: Amazon is asked again (the action gone = it was sent); an
  email is marked uncertain and never re-sent automatically — the owner
  decides (messaging.views.outbox_attention).
"""

import logging
import smtplib
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import get_connection
from django.db import connection as db_connection
from django.utils import timezone

from feedbackhub.tenancy.amazon import (
    AmazonApi,
    AmazonApiError,
    AmazonError,
    AmazonNotConfigured,
    AmazonThrottled,
    QuotaWait,
)
from feedbackhub.tenancy.models import AmazonConnection

from .compose import feedback_request_email, feedback_request_render, sender_address
from .models import (
    CampaignState,
    Channel,
    FeedbackRequest,
    RequestStatus,
    SendingSettings,
)
from .planning import reason_label, send_time_check
from .selectors import daily_cap, sent_today

logger = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=10)
SEND_LEASE = timedelta(minutes=10)
BATCH_SIZE = 100
TICK_SECONDS = 50  # a tick stops claiming after this; the next one goes on
MAX_ATTEMPTS = 6
AMAZON_MAX_WAIT = 5.0  # seconds the usage plan may make one call wait
REVIEW_ACTION = "productReviewAndSellerFeedback"
NOT_OFFERED = "Amazon does not offer Request a Review for this order (already requested or not eligible)."


# --- outcomes of one send ---------------------------------------------------


@dataclass
class Sent:
    provider_id: str = ""


@dataclass
class Skip:
    reason: str


@dataclass
class Retry:
    reason: str
    delay: timedelta | None = None


@dataclass
class Fail:
    reason: str


@dataclass
class Uncertain:
    reason: str


@dataclass
class Ready:
    """A channel's prepare(): nothing stops the send; `payload` is what to send."""

    payload: object = None


def backoff(attempts):
    """2, 4, 8 … minutes, at most an hour."""
    return timedelta(minutes=min(2**attempts, 60))


# --- row state changes (each its own committed statement) -------------------


def rows_claim(account, *, now, limit, token):
    """Claim up to `limit` due rows of live campaigns, first campaigns first."""
    with db_connection.cursor() as cursor:
        cursor.execute(
            """
            WITH picked AS MATERIALIZED (
                SELECT fr.id FROM messaging_feedbackrequest fr
                 WHERE fr.account_id = %(account)s AND fr.status = 'scheduled' AND fr.scheduled_for <= %(now)s
                   AND fr.campaign_id IN (SELECT id FROM messaging_campaign WHERE state = 'live')
                 ORDER BY fr.priority, fr.scheduled_for, fr.id
                 LIMIT %(limit)s
                   FOR UPDATE OF fr SKIP LOCKED
            )
            UPDATE messaging_feedbackrequest AS held
               SET status = 'claimed', claim_token = %(token)s, lease_until = %(lease)s, updated_at = %(now)s
              FROM picked
             WHERE held.id = picked.id AND held.status = 'scheduled'
            RETURNING held.id
            """,
            {"token": token, "lease": now + CLAIM_LEASE, "now": now, "account": account.pk, "limit": limit},
        )
        ids = [row[0] for row in cursor.fetchall()]
    return list(
        FeedbackRequest.objects.filter(pk__in=ids, claim_token=token)
        .select_related("account", "order__marketplace", "campaign", "variant__template")
        .prefetch_related("order__items")
        .order_by("priority", "scheduled_for", "id")
    )


def _update_held(row, token, from_status, **changes):
    """One committed UPDATE of a row this dispatcher still holds; False when
    the claim was lost. Plain SQL: it runs twice per message, and building
    the ORM query cost as much as running it (bench/dispatch.py)."""
    assignments = ", ".join(f"{column} = %s" for column in changes)
    with db_connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE messaging_feedbackrequest SET {assignments} WHERE id = %s AND claim_token = %s AND status = %s",
            [*changes.values(), row.pk, token, from_status],
        )
        return cursor.rowcount == 1


def row_start_sending(row, token):
    """Committed before the message leaves. False: the claim was lost."""
    now = timezone.now()
    return _update_held(
        row,
        token,
        RequestStatus.CLAIMED,
        status=RequestStatus.SENDING,
        lease_until=now + SEND_LEASE,
        attempts=row.attempts + 1,
        updated_at=now,
    )


def row_finish(row, token, outcome, *, from_status):
    now = timezone.now()
    release = {"claim_token": None, "lease_until": None, "updated_at": now}
    if isinstance(outcome, Sent):
        changes = {"status": RequestStatus.SENT, "sent_at": now, "provider_id": outcome.provider_id[:200], "reason": ""}
    elif isinstance(outcome, Skip):
        changes = {"status": RequestStatus.SKIPPED, "reason": outcome.reason[:300]}
    elif isinstance(outcome, Fail):
        changes = {"status": RequestStatus.FAILED, "reason": outcome.reason[:300]}
    elif isinstance(outcome, Uncertain):
        changes = {"status": RequestStatus.UNCERTAIN, "reason": outcome.reason[:300]}
    else:  # Retry
        attempts = row.attempts + (1 if from_status == RequestStatus.SENDING else 0)
        if attempts >= MAX_ATTEMPTS:
            reason = f"Gave up after {attempts} attempts: {outcome.reason}"
            changes = {"status": RequestStatus.FAILED, "reason": reason[:300]}
        else:
            changes = {
                "status": RequestStatus.SCHEDULED,
                "reason": outcome.reason[:300],
                "scheduled_for": now + (outcome.delay or backoff(attempts)),
            }
    _update_held(row, token, from_status, **changes, **release)


def row_release(row, token, *, scheduled_for=None):
    """Give a claimed row back untouched (send hours not open yet, cap reached)."""
    changes = {"status": RequestStatus.SCHEDULED, "claim_token": None, "lease_until": None}
    if scheduled_for is not None:
        changes["scheduled_for"] = scheduled_for
    _update_held(row, token, RequestStatus.CLAIMED, **changes)


# --- channels ----------------------------------------------------------------


class EmailChannel:
    """Custom emails through the Django email backend (SMTP by default, a
    django-anymail provider by setting), one connection per batch."""

    def __init__(self, account):
        self.from_email = sender_address(account)
        self.account = account
        self.connection = None

    def close(self):
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                logger.debug("closing the mail connection failed", exc_info=True)
            self.connection = None

    def prepare(self, row):
        """The message to send, or an outcome that stops the send."""
        order, template = row.order, row.variant.template if row.variant else None
        if template is None:
            return Skip(reason_label("no_template"))
        if template.compliance_blocked:
            # Not the order's fault: hold it (within its window) until the template is fixed.
            return Retry(f"Template “{template.name}” breaks Amazon's rules; fix it to send.", delay=timedelta(hours=1))
        if not order.buyer_email:
            return Skip(reason_label("no_address"))
        rendered = feedback_request_render(template=template, order=order, account=self.account)
        if rendered.blocking_rules:
            rules = ", ".join(rendered.blocking_rules)
            return Fail(f"Not sent: the rendered message breaks Amazon's rules ({rules}).")
        return Ready(feedback_request_email(rendered, from_email=self.from_email, to=order.buyer_email))

    def send(self, row, message):
        try:
            if self.connection is None:
                self.connection = get_connection(fail_silently=False)
                self.connection.open()
            self.connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()))
            return self._smtp_outcome(code, text)
        except smtplib.SMTPResponseException as error:
            self.close()
            return self._smtp_outcome(error.smtp_code, error.smtp_error)
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            self.close()
            # The server may or may not have taken the message: never resend.
            return Uncertain(f"The mail connection broke during the send ({type(error).__name__}).")
        except Exception as error:  # noqa: BLE001 - a provider's API error (django-anymail)
            self.close()
            status = getattr(error, "status_code", None)
            if status is not None and (status == 429 or status >= 500):
                return Retry(f"The mail provider answered {status}.")
            return Fail(f"The mail provider refused the message: {error}"[:300])
        status = getattr(message, "anymail_status", None)
        provider_id = (getattr(status, "message_id", None) if status else None) or message.extra_headers["Message-ID"]
        return Sent(provider_id=str(provider_id))

    @staticmethod
    def _smtp_outcome(code, text):
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        if 400 <= code < 500:
            return Retry(f"The mail server answered {code} {text} (temporary).")
        return Fail(f"The mail server refused the message: {code} {text}")


def amazon_api(connection):
    """The SP-API client the dispatcher uses (tests swap in a fake clock)."""
    return AmazonApi(connection, max_wait=AMAZON_MAX_WAIT)


class AmazonChannel:
    """Amazon's Request a Review: only when Amazon offers it for the order."""

    def __init__(self, account):
        self.account = account
        self.api = None
        self.error = "This seller account is not connected to Amazon."
        connection = AmazonConnection.objects.filter(account=account).first()
        if connection is not None:
            try:
                self.api = amazon_api(connection)
            except AmazonNotConfigured as error:
                self.error = str(error)

    def close(self):
        if self.api is not None:
            self.api.close()

    def _offered(self, row):
        return REVIEW_ACTION in self.api.solicitation_actions(
            amazon_order_id=row.order.amazon_order_id, marketplace_id=row.order.marketplace_id
        )

    def prepare(self, row):
        if self.api is None:
            return Retry(f"Not sent: {self.error}", delay=timedelta(hours=1))
        try:
            if not self._offered(row):
                return Skip(NOT_OFFERED)
        except (QuotaWait, AmazonError) as error:
            return _amazon_failure(error, sending=False)
        except Exception as error:  # noqa: BLE001 - e.g. Redis (usage plans) down: try again later
            return Retry(f"Could not ask Amazon ({type(error).__name__}).")
        return Ready()

    def send(self, row, message):
        try:
            self.api.request_review(amazon_order_id=row.order.amazon_order_id, marketplace_id=row.order.marketplace_id)
        except (QuotaWait, AmazonError) as error:
            return _amazon_failure(error, sending=True)
        except Exception as error:  # noqa: BLE001
            return Uncertain(f"Amazon's answer was lost ({type(error).__name__}); checking again.")
        return Sent(provider_id="amazon:productReviewAndSellerFeedback")

    def already_sent(self, row):
        """After an interrupted send: True when Amazon no longer offers the
        action (it took the request), False when it still does."""
        return not self._offered(row)


def _amazon_failure(error, *, sending):
    if isinstance(error, QuotaWait | AmazonThrottled):
        return Retry("Amazon asked to slow down (429); trying again later.", delay=timedelta(minutes=1))
    if isinstance(error, AmazonApiError) and error.status_code == 400:
        return Skip(f"Amazon: not eligible — {error}"[:300])
    if isinstance(error, AmazonApiError) and error.status_code and error.status_code >= 500 and sending:
        return Uncertain(f"Amazon failed mid-request ({error.status_code}); checking again.")
    if isinstance(error, AmazonApiError) and (error.status_code or 0) >= 500:
        return Retry(str(error))
    return Fail(str(error))


CHANNELS = {Channel.EMAIL: EmailChannel, Channel.AMAZON: AmazonChannel}


# --- the tick ----------------------------------------------------------------


@dataclass
class TickResult:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    retried: int = 0
    uncertain: int = 0
    released: int = 0
    resolved: int = 0

    def count(self, outcome):
        name = {Sent: "sent", Skip: "skipped", Fail: "failed", Retry: "retried", Uncertain: "uncertain"}
        setattr(self, name[type(outcome)], getattr(self, name[type(outcome)]) + 1)


def accounts_due(now):
    from feedbackhub.tenancy.models import SellerAccount

    due = FeedbackRequest.objects.filter(status=RequestStatus.SCHEDULED, scheduled_for__lte=now).values("account_id")
    paused = SendingSettings.objects.filter(paused=True).values("account_id")
    return SellerAccount.objects.filter(pk__in=due).exclude(pk__in=paused)


def dispatch_tick(*, now=None, deadline_seconds=TICK_SECONDS, batch_size=BATCH_SIZE):
    """One wake-up: resolve expired leases, then send what is due for every
    account that is not paused, within its daily cap."""
    started = time.monotonic()
    result = TickResult()
    leases_resolve(result, now=now or timezone.now())
    for account in accounts_due(now or timezone.now()):
        account_dispatch(account, result, started=started, deadline_seconds=deadline_seconds, batch_size=batch_size)
        if time.monotonic() - started > deadline_seconds:
            break
    return result


def account_dispatch(account, result, *, started, deadline_seconds, batch_size):
    channels = {}
    now = timezone.now()
    # The cap is counted once per tick; each batch then spends what it sent.
    budget = daily_cap(account=account, now=now) - sent_today(account=account, now=now)
    try:
        while budget > 0 and time.monotonic() - started <= deadline_seconds:
            if SendingSettings.objects.filter(account=account, paused=True).exists():
                return  # paused mid-tick: the rest stays scheduled
            token = uuid.uuid4()
            rows = rows_claim(account, now=timezone.now(), limit=min(batch_size, budget), token=token)
            if not rows:
                return
            before = result.sent + result.uncertain
            batch_send(rows, token, channels, result)
            budget -= result.sent + result.uncertain - before
    finally:
        for channel in channels.values():
            channel.close()


def batch_send(rows, token, channels, result):
    now = timezone.now()
    checks = send_time_check(rows=rows, now=now)
    for row in rows:
        reason, slot = checks[row.pk]
        if row.campaign is None or row.campaign.state != CampaignState.LIVE:
            row_release(row, token)
            result.released += 1
            continue
        if reason is not None:
            outcome = Skip(reason_label(reason))
            row_finish(row, token, outcome, from_status=RequestStatus.CLAIMED)
            result.count(outcome)
            continue
        if slot is not None and slot > now + timedelta(minutes=1):
            row_release(row, token, scheduled_for=slot)  # outside the send hours now
            result.released += 1
            continue
        channel = channels.get(row.channel)
        if channel is None:
            channel = channels[row.channel] = CHANNELS[row.channel](row.account)
        prepared = channel.prepare(row)
        if not isinstance(prepared, Ready):
            row_finish(row, token, prepared, from_status=RequestStatus.CLAIMED)
            result.count(prepared)
            continue
        if not row_start_sending(row, token):
            continue  # the lease ran out and someone else resolved the row
        outcome = channel.send(row, prepared.payload)
        if isinstance(outcome, Uncertain) and row.channel == Channel.AMAZON:
            # Leave it "sending" with an expired lease: the next tick asks Amazon.
            _update_held(row, token, RequestStatus.SENDING, lease_until=timezone.now(), reason=outcome.reason)
        else:
            row_finish(row, token, outcome, from_status=RequestStatus.SENDING)
        result.count(outcome)


def leases_resolve(result, *, now):
    """Rows whose dispatcher vanished (kill -9, lost machine)."""
    result.released += FeedbackRequest.objects.filter(status=RequestStatus.CLAIMED, lease_until__lt=now).update(
        status=RequestStatus.SCHEDULED, claim_token=None, lease_until=None, updated_at=now
    )
    result.uncertain += FeedbackRequest.objects.filter(
        status=RequestStatus.SENDING, lease_until__lt=now, channel=Channel.EMAIL
    ).update(
        status=RequestStatus.UNCERTAIN,
        claim_token=None,
        lease_until=None,
        updated_at=now,
        reason="The sender stopped during the send: the email may or may not have gone out. Not resent.",
    )
    stuck = FeedbackRequest.objects.filter(
        status=RequestStatus.SENDING, lease_until__lt=now, channel=Channel.AMAZON
    ).select_related("account", "order")
    channels = {}
    try:
        for row in stuck:
            _amazon_lease_resolve(row, channels, result, now=now)
    finally:
        for channel in channels.values():
            channel.close()


def _amazon_lease_resolve(row, channels, result, *, now):
    """Ask Amazon whether an interrupted Request a Review went through."""
    if row.account_id not in channels:
        channels[row.account_id] = AmazonChannel(row.account)
    channel = channels[row.account_id]
    if channel.api is None:
        return
    try:
        sent = channel.already_sent(row)
    except Exception:  # noqa: BLE001 - ask again next tick
        logger.info("could not re-check feedback request %s with Amazon", row.pk, exc_info=True)
        return
    held = FeedbackRequest.objects.filter(pk=row.pk, status=RequestStatus.SENDING, lease_until__lt=now)
    if sent:
        held.update(
            status=RequestStatus.SENT,
            sent_at=row.lease_until,
            provider_id="amazon:productReviewAndSellerFeedback",
            reason="Confirmed by Amazon after an interrupted send.",
            claim_token=None,
            lease_until=None,
        )
    else:
        held.update(status=RequestStatus.SCHEDULED, scheduled_for=now, claim_token=None, lease_until=None)
    result.resolved += 1
