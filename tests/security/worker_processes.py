"""Real Celery workers for the operations tests (broker outage, queue
separation, warm shutdown): the workers the Procfile starts, an import held
on a database lock while it runs, and a Redis broker of the test's own. The
process helpers themselves are tests/messaging/real_processes.py.
"""

import shlex
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import psycopg2
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from feedbackhub.celery import app
from orders.imports.services import import_job_create
from orders.tasks import import_run

from ..messaging.real_processes import CELERY, PROCESS_APPLICATION_NAME, ROOT, process_env
from ..orders.reports import all_orders_file, all_orders_row


def procfile_commands():
    """The Procfile's processes as argument lists, with .venv/bin/celery
    replaced by this interpreter's celery."""
    commands = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, command = line.split(":", 1)
        arguments = shlex.split(command)
        if Path(arguments[0]).name == "celery":
            arguments[0] = str(CELERY)
        commands[name.strip()] = arguments
    return commands


def procfile_workers():
    """The Procfile's Celery workers: {name: arguments}."""
    return {name: arguments for name, arguments in procfile_commands().items() if "worker" in arguments[1:4]}


def worker_env(*, broker_url, media_root, smtp_port):
    """A worker's environment: production settings on the test database,
    this test's broker (Redis for progress too) and its media folder."""
    env = process_env(smtp_port=smtp_port, broker_url=broker_url)
    env["MEDIA_ROOT"] = str(media_root)
    return env


def option(arguments, name):
    return arguments[arguments.index(name) + 1]


def consumed_queues(arguments):
    return set(option(arguments, "--queues").split(","))


def start_worker(processes, name, arguments, env):
    """A worker as `arguments` says, named apart from the test run's others
    and without mingle (nothing to sync with in a test)."""
    if "--hostname" in arguments:
        at = arguments.index("--hostname")
        arguments = arguments[:at] + arguments[at + 2 :]
    return processes.start(name, [*arguments, "--hostname", f"{name}@%h", "--without-mingle"], env)


def queued_import(*, account, user, broker_url, order_ids=("112-0000001-0000001",)):
    """An All Orders import job, queued on `broker_url` as the upload view
    queues it: the real task, routed to its queue by the app's routes."""
    content = all_orders_file([all_orders_row(order_id=order_id) for order_id in order_ids]).encode()
    with mock.patch.object(import_run, "delay"):  # the test run's broker is not this test's
        job = import_job_create(account=account, user=user, uploaded_file=SimpleUploadedFile("orders.txt", content))
    with app.connection_for_write(broker_url) as broker_connection:
        import_run.apply_async((job.pk,), connection=broker_connection)
    return job


@contextmanager
def imports_held(*jobs):
    """Holds the jobs' rows locked from another session: a worker that runs
    one of these imports waits at its first write, mid-task, until the block
    ends."""
    params = connections["default"].get_connection_params()
    holder = psycopg2.connect(**params)
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT id FROM orders_importjob WHERE id = ANY(%s) FOR UPDATE", [[job.pk for job in jobs]])
        yield
    finally:
        holder.rollback()
        holder.close()


def imports_waiting_on_a_lock():
    """How many of the started processes' sessions wait for a lock."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND application_name = %s AND wait_event_type = 'Lock'",
            [PROCESS_APPLICATION_NAME],
        )
        return cursor.fetchone()[0]
