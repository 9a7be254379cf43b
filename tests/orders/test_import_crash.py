"""A crash or a lost database connection mid-import writes nothing."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from orders.imports.progress import import_progress_get
from orders.imports.services import import_job_create, import_job_run
from orders.models import ImportStatus, Order

from .reports import all_orders_file, all_orders_row

ROOT = Path(__file__).resolve().parents[2]
ROWS = 60_000


def big_file():
    rows = [all_orders_row(order_id=f"112-{n // 10_000_000:07d}-{n % 10_000_000:07d}") for n in range(ROWS)]
    return all_orders_file(rows).encode()


def start_import_process(job_id, media_root):
    env = dict(os.environ, MEDIA_ROOT=str(media_root), DJANGO_SETTINGS_MODULE="feedbackhub.settings.test")
    db = settings.DATABASES["default"]
    env["DATABASE_URL"] = f"postgres://{db['USER']}@/{db['HOST'].replace('/', '%2F')}/{db['NAME']}"
    if db["HOST"] and not db["HOST"].startswith("/"):
        env["DATABASE_URL"] = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    code = (
        "import django; django.setup();"
        "from orders.imports.services import import_job_run;"
        f"import_job_run(job_id={job_id})"
    )
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stderr=subprocess.PIPE)


def wait_until_reading(job_id, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = import_progress_get(job_id) or {}
        if progress.get("rows_done", 0) > 0 or progress.get("phase") in ("checking", "saving"):
            return progress
        assert process.poll() is None, process.stderr.read().decode()[-2000:]
        time.sleep(0.02)
    raise AssertionError("the import never started reading")


@pytest.fixture
def queued_job(transactional_db, account, member_of, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = import_job_create(
        account=account, user=member_of(account), uploaded_file=SimpleUploadedFile("big.txt", big_file())
    )
    return job, tmp_path


def test_kill_9_mid_import_leaves_the_database_as_it_was(queued_job, account):
    job, media_root = queued_job
    process = start_import_process(job.pk, media_root)
    wait_until_reading(job.pk, process)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert Order.objects.filter(account=account).count() == 0
    # The queue redelivers the task (acks_late); the re-run imports everything once.
    job = import_job_run(job_id=job.pk)
    assert job.status == ImportStatus.SUCCEEDED and job.created == ROWS
    assert Order.objects.filter(account=account).count() == ROWS


def test_losing_the_database_connection_mid_import_writes_nothing(queued_job, account):
    job, media_root = queued_job
    process = start_import_process(job.pk, media_root)
    wait_until_reading(job.pk, process)
    with connection.cursor() as cursor:
        # What a database restart does to the import's session.
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE pid <> pg_backend_pid() AND datname = current_database() AND query ILIKE %s",
            ["%import_order%"],
        )
        found = cursor.fetchone()
        if found is None:
            cursor.execute("SELECT pid, datname, state, left(query, 80) FROM pg_stat_activity")
            raise AssertionError(f"the import's session was not found: {cursor.fetchall()}")
    process.wait(timeout=30)
    assert process.returncode != 0
    assert Order.objects.filter(account=account).count() == 0
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "connection was lost" in job.error and "nothing was written" in job.error
