"""The dispatcher as it runs for real (Celery workers, beat and plain processes
on the real PostgreSQL, a Redis broker of the test's own and a local SMTP
sink): a broker that goes away for a minute, two dispatchers racing for the
same rows: every order gets its message once, none is lost, none is sent
twice. The helpers: real_processes.py.
"""

import json
import sys
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from feedbackhub.celery import app
from messaging.models import FeedbackRequest, RequestStatus

from ..smtp_sink import smtp_sink
from .real_processes import (
    UNFINISHED,
    StallingHandler,
    due_email_requests,
    messages_by_recipient,
    process_env,
    received,
    status_counts,
    unfinished,
    wait_for,
    wake_up,
)

pytestmark = pytest.mark.slow


# --- the broker goes away for a minute -------------------------------------------

OUTAGE_SECONDS = 60
BEAT_PERIOD = app.conf.beat_schedule["dispatch-feedback-requests"]["schedule"]
BEFORE_ROWS, DURING_ROWS = 200, 300


def test_a_broker_outage_delays_sends_and_loses_none(transactional_db, account, broker, processes, client):
    """Beat and a worker on a Redis of their own. Redis is killed mid-tick for
    a minute and started again on the same port, empty: the running tick
    finishes, then nothing is sent and /healthz says the broker is down;
    afterwards beat's wake-up gets through with no help from the test, and
    every order has its one message."""
    orders = due_email_requests(account, BEFORE_ROWS + DURING_ROWS)
    before = FeedbackRequest.objects.filter(order_id__in=[order.pk for order in orders[:BEFORE_ROWS]])
    later = FeedbackRequest.objects.filter(order_id__in=[order.pk for order in orders[BEFORE_ROWS:]])
    later.update(scheduled_for=timezone.now() + timedelta(hours=1))
    sink_handler = StallingHandler(stall_at=BEFORE_ROWS, seconds=3)
    with smtp_sink(handler=sink_handler) as (sink, smtp_port), override_settings(CELERY_BROKER_URL=broker.url):
        env = process_env(smtp_port=smtp_port, broker_url=broker.url)
        beat = processes.beat(env)
        beat_started = time.monotonic()
        worker = processes.worker("worker", env)
        wake_up(broker.url)  # beat's first wake-up is a period away
        assert client.get(reverse("healthz")).status_code == 200
        wait_for(sink.stalled.is_set, timeout=60, what="the tick's last send", processes=[worker, beat])

        broker.stop()  # the tick is still running: its last send waits for the sink's answer
        down_since = time.monotonic()
        assert down_since < beat_started + BEAT_PERIOD < down_since + OUTAGE_SECONDS, "beat must tick during it"
        wait_for(
            lambda: before.filter(status=RequestStatus.SENT).count() == BEFORE_ROWS,
            timeout=30,
            what="the running tick to finish without the broker",
            processes=[worker, beat],
        )
        later.update(scheduled_for=timezone.now())  # due while the broker is down
        health = client.get(reverse("healthz"))
        assert health.status_code == 503 and health.json()["broker"].startswith("down"), health.json()
        while time.monotonic() - down_since < OUTAGE_SECONDS:
            assert received(sink) == BEFORE_ROWS, "a message went out with no wake-up"
            assert worker.poll() is None, f"the worker gave up on the broker:\n{processes.log(worker)}"
            assert beat.poll() is None, f"beat gave up on the broker:\n{processes.log(beat)}"
            time.sleep(0.5)
        assert client.get(reverse("healthz")).status_code == 503
        assert later.filter(status=RequestStatus.SCHEDULED).count() == DURING_ROWS

        broker.start()  # the same port, nothing queued
        assert client.get(reverse("healthz")).status_code == 200
        wait_for(
            lambda: unfinished() == 0,
            timeout=BEAT_PERIOD + 30,
            what="a wake-up from beat after the outage",
            processes=[worker, beat],
        )
        processes.stop(worker)
        per_recipient = messages_by_recipient(sink)

    assert status_counts() == {RequestStatus.SENT: BEFORE_ROWS + DURING_ROWS}
    assert per_recipient == Counter({order.buyer_email: 1 for order in orders})


# --- two dispatchers at once -----------------------------------------------------

RACE_ROWS = 1_000
RACE_BATCH = 20  # small batches: many claims each, side by side

# A dispatcher process: tick until nothing is left, starting when told to.
DISPATCH_LOOP = f"""
import json, pathlib, sys, time
import django
django.setup()
from messaging.dispatch import dispatch_tick
from messaging.models import FeedbackRequest

ready, go, result = map(pathlib.Path, sys.argv[1:4])
ready.touch()
while not go.exists():
    time.sleep(0.001)
sent = ticks = 0
while FeedbackRequest.objects.filter(status__in={[str(status) for status in UNFINISHED]!r}).exists():
    sent += dispatch_tick(batch_size={RACE_BATCH}).sent
    ticks += 1
result.write_text(json.dumps({{"sent": sent, "ticks": ticks}}))
"""


def test_two_dispatchers_at_once_never_send_the_same_row(transactional_db, account, processes, tmp_path):
    orders = due_email_requests(account, RACE_ROWS)
    names = ("dispatcher-a", "dispatcher-b")
    go = tmp_path / "go"
    with smtp_sink() as (sink, smtp_port):
        env = process_env(smtp_port=smtp_port)
        racers = []
        for name in names:
            paths = [tmp_path / f"{name}.ready", go, tmp_path / f"{name}.json"]
            racers.append(processes.start(name, [sys.executable, "-c", DISPATCH_LOOP, *map(str, paths)], env))
        wait_for(
            lambda: all((tmp_path / f"{name}.ready").exists() for name in names),
            timeout=60,
            what="both dispatchers to start",
            processes=racers,
        )
        go.touch()
        for racer in racers:
            assert racer.wait(timeout=120) == 0, processes.log(racer)
        per_recipient = messages_by_recipient(sink)

    sent = [json.loads((tmp_path / f"{name}.json").read_text())["sent"] for name in names]
    assert all(count > 0 for count in sent), f"one dispatcher sent everything: {sent}"
    assert sum(sent) == RACE_ROWS
    assert status_counts() == {RequestStatus.SENT: RACE_ROWS}
    assert per_recipient == Counter({order.buyer_email: 1 for order in orders})
