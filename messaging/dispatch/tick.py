"""One wake-up of the dispatcher: resolve expired leases, then claim and send
what is due, account by account, within each account's daily cap."""

import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from feedbackhub.tenancy.models import SellerAccount

from ..models import CampaignState, Channel, FeedbackRequest, RequestStatus, SendingSettings
from ..planning import reason_label, send_time_check
from ..selectors import daily_cap, sent_today
from .channels import CHANNELS
from .leases import leases_resolve
from .outcomes import Fail, Ready, Retry, Sent, Skip, Uncertain
from .rows import (
    finish_changes,
    row_finish,
    row_finish_and_start_sending,
    row_leave_sending,
    row_release,
    row_start_sending,
    rows_claim,
    rows_release_claimed,
)
from .shutdown import stopping

BATCH_SIZE = 100
TICK_SECONDS = 50  # a tick stops claiming after this; the next one goes on


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


def _clock(now):
    """The tick's given `now`, else the real time at the moment of asking: a
    tick runs for up to TICK_SECONDS, and each claim and check looks at the
    time it runs."""
    return timezone.now() if now is None else now


def accounts_due(now):
    due = FeedbackRequest.objects.filter(status=RequestStatus.SCHEDULED, scheduled_for__lte=now).values("account_id")
    paused = SendingSettings.objects.filter(paused=True).values("account_id")
    return SellerAccount.objects.filter(pk__in=due).exclude(pk__in=paused)


def dispatch_tick(*, now=None, deadline_seconds=TICK_SECONDS, batch_size=BATCH_SIZE):
    """One wake-up: resolve expired leases, then send what is due for every
    account that is not paused, within its daily cap. A given `now` is the
    time for the leases, the claims, the cap and the send-time checks."""
    started = time.monotonic()
    result = TickResult()
    leases_resolve(result, now=_clock(now))
    for account in accounts_due(_clock(now)):
        account_dispatch(
            account, result, now=now, started=started, deadline_seconds=deadline_seconds, batch_size=batch_size
        )
        if time.monotonic() - started > deadline_seconds or stopping.is_set():
            break
    return result


def account_dispatch(account, result, *, now, started, deadline_seconds, batch_size):
    channels = {}
    cap_now = _clock(now)
    # The cap is counted once per tick; each batch then spends what it sent.
    budget = daily_cap(account=account, now=cap_now) - sent_today(account=account, now=cap_now)
    try:
        while budget > 0 and time.monotonic() - started <= deadline_seconds and not stopping.is_set():
            if SendingSettings.objects.filter(account=account, paused=True).exists():
                return  # paused mid-tick: the rest stays scheduled
            token = uuid.uuid4()
            rows = rows_claim(account, now=_clock(now), limit=min(batch_size, budget), token=token)
            if not rows:
                return
            before = result.sent + result.uncertain
            batch_send(rows, token, channels, result, now=now)
            budget -= result.sent + result.uncertain - before
    finally:
        for channel in channels.values():
            channel.close()


def batch_send(rows, token, channels, result, *, now):
    """Send a claimed batch. A sent row is marked in the same statement that
    moves the next row to "sending" (one commit per message, not two); the
    last one when the batch ends. The channel runs that statement (start)
    before the message can reach the buyer, an email's while its envelope
    goes out (channels.EmailChannel._smtp_send)."""
    now = _clock(now)
    checks = send_time_check(rows=rows, now=now)
    pending = None  # (row, its finish columns): sent, "sending" until the next statement
    try:
        for row in rows:
            if stopping.is_set():  # warm shutdown: stop between rows, give the rest back
                result.released += rows_release_claimed(token)
                return  # the finally marks the row just sent
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

            def start(row=row):
                """The row to "sending", the one sent before it marked in the same statement."""
                nonlocal pending
                if pending is None:
                    return row_start_sending(row, token)
                started = row_finish_and_start_sending(*pending, row, token)
                pending = None
                return started

            outcome = channel.send(row, prepared.payload, start)
            if outcome is None:
                continue  # the lease ran out and someone else resolved the row
            if isinstance(outcome, Uncertain) and row.channel == Channel.AMAZON:
                row_leave_sending(row, token, reason=outcome.reason)
            else:
                pending = (row, finish_changes(row, outcome, from_status=RequestStatus.SENDING))
            result.count(outcome)
    finally:
        if pending is not None:
            row_finish(pending[0], token, None, from_status=RequestStatus.SENDING, changes=pending[1])
