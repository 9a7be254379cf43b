"""The dispatcher as it runs for real (a Celery worker on the real PostgreSQL,
a Redis broker of the test's own and a local SMTP sink): a worker killed with
SIGKILL mid-send, then a new worker: every order gets its message once, none is
lost, none is sent twice. The helpers: real_processes.py.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from messaging.models import FeedbackRequest, RequestStatus

from ..smtp_sink import smtp_sink
from .real_processes import (
    WORKER_CONCURRENCY,
    StallingHandler,
    due_email_requests,
    messages_by_recipient,
    no_process_sessions,
    process_env,
    received,
    status_counts,
    unfinished,
    wait_for,
    wake_up,
)

pytestmark = pytest.mark.slow


# --- kill -9 mid-send ----------------------------------------------------------

KILL_ROWS = 2_000
KILL_AT = 300  # the sink's 300th message: the worker sending it is killed before it hears back


def test_kill_9_of_a_worker_mid_send_then_a_new_worker_sends_every_other_order_once(
    transactional_db, account, broker, processes
):
    orders = due_email_requests(account, KILL_ROWS)
    with smtp_sink(handler=StallingHandler(stall_at=KILL_AT)) as (sink, smtp_port):
        env = process_env(smtp_port=smtp_port, broker_url=broker.url)
        worker = processes.worker("worker-killed", env)
        for _ in range(WORKER_CONCURRENCY):  # both pool processes dispatch side by side
            wake_up(broker.url)
        wait_for(sink.stalled.is_set, timeout=60, what=f"message {KILL_AT}", processes=[worker])
        processes.kill(worker)
        wait_for(no_process_sessions, timeout=30, what="the dead worker's statements to end")
        at_kill = status_counts()
        assert received(sink) < KILL_ROWS
        # The stalled send, and at most one more: one per pool process.
        assert 1 <= at_kill[RequestStatus.SENDING] <= WORKER_CONCURRENCY, at_kill
        assert at_kill[RequestStatus.CLAIMED] > 0, at_kill  # the rest of the batches: never sent, sent later

        # Ten minutes pass and the dead worker's leases run out: moved into
        # the past here rather than waited for.
        FeedbackRequest.objects.filter(status__in=[RequestStatus.CLAIMED, RequestStatus.SENDING]).update(
            lease_until=timezone.now() - timedelta(seconds=1)
        )
        worker = processes.worker("worker-restarted", env)
        deadline = time.monotonic() + 90
        while unfinished() and time.monotonic() < deadline:
            assert worker.poll() is None, processes.log(worker)
            wake_up(broker.url)
            time.sleep(1)
        assert unfinished() == 0, processes.log(worker)
        processes.stop(worker)
        per_recipient = messages_by_recipient(sink)
        stalled_recipient = sink.stalled_message["To"]

    assert max(per_recipient.values()) == 1, [address for address, count in per_recipient.items() if count > 1]
    assert set(per_recipient) <= {order.buyer_email for order in orders}
    rows = {row.order_id: row for row in FeedbackRequest.objects.all()}
    counts = status_counts()
    assert set(counts) <= {RequestStatus.SENT, RequestStatus.UNCERTAIN}, counts
    # Exactly the sends in flight at the kill are uncertain, never resent.
    assert counts[RequestStatus.UNCERTAIN] == at_kill[RequestStatus.SENDING]
    uncertain_received = 0
    for order in orders:
        row = rows[order.pk]
        if row.status == RequestStatus.SENT:
            assert per_recipient[order.buyer_email] == 1, order.amazon_order_id
        else:
            assert row.attempts == 1 and "may or may not" in row.reason
            uncertain_received += per_recipient[order.buyer_email]
    # The stalled one reached the buyer: uncertain, and still one message.
    stalled_row = next(rows[order.pk] for order in orders if order.buyer_email == stalled_recipient)
    assert stalled_row.status == RequestStatus.UNCERTAIN and per_recipient[stalled_recipient] == 1
    assert sum(per_recipient.values()) == counts[RequestStatus.SENT] + uncertain_received


# --- SIGTERM (warm shutdown) mid-batch -----------------------------------------

TERM_ROWS = 1_000
TERM_AT = 100  # the sink holds its 100th message's reply while the worker is told to stop


def test_sigterm_mid_batch_finishes_the_send_in_flight_and_releases_the_other_claims(
    transactional_db, account, broker, processes
):
    orders = due_email_requests(account, TERM_ROWS)
    with smtp_sink(handler=StallingHandler(stall_at=TERM_AT, seconds=3)) as (sink, smtp_port):
        env = process_env(smtp_port=smtp_port, broker_url=broker.url)
        worker = processes.worker("worker-terminated", env)
        for _ in range(WORKER_CONCURRENCY):
            wake_up(broker.url)
        wait_for(sink.stalled.is_set, timeout=60, what=f"message {TERM_AT}", processes=[worker])
        # What docker stop and systemd do: SIGTERM to the main process only.
        processes.stop(worker)
        assert worker.returncode == 0, processes.log(worker)
        per_recipient = messages_by_recipient(sink)

    counts = status_counts()
    # Nothing left claimed or mid-send: every row sent, or due again with no claim.
    assert set(counts) <= {RequestStatus.SENT, RequestStatus.SCHEDULED}, counts
    assert 0 < counts[RequestStatus.SCHEDULED] < TERM_ROWS - TERM_AT, counts
    left = FeedbackRequest.objects.filter(status=RequestStatus.SCHEDULED)
    assert not left.exclude(claim_token=None).exists() and not left.exclude(lease_until=None).exists()
    assert not left.filter(scheduled_for__gt=timezone.now()).exists()
    # The stalled send was finished, not abandoned; sent exactly once each.
    assert max(per_recipient.values()) == 1
    sent = set(FeedbackRequest.objects.filter(status=RequestStatus.SENT).values_list("order__buyer_email", flat=True))
    assert sent == set(per_recipient) and sent <= {order.buyer_email for order in orders}
