"""A worker that loses Redis while an import runs (issue 15, item 14).

Imports are acknowledged late (a worker killed mid-import gets its file
imported again by the next). Celery 5.7 / kombu 5.7 stopped such a worker
when the broker went away with the task unacknowledged: the import never
finished and nothing consumed the queue until someone restarted it. Here a
real worker, started as the Procfile starts the imports worker, runs a real
import held on a database lock; its Redis is killed and started again, empty.
"""

import time

import pytest

from orders.models import ImportJob, ImportStatus

from ..messaging.real_processes import wait_for
from ..smtp_sink import free_port
from .worker_processes import (
    consumed_queues,
    imports_held,
    imports_waiting_on_a_lock,
    procfile_workers,
    queued_import,
    start_worker,
    worker_env,
)

pytestmark = pytest.mark.slow

OUTAGE_SECONDS = 20


def imports_worker():
    return next(arguments for arguments in procfile_workers().values() if "imports" in consumed_queues(arguments))


def test_a_worker_running_an_import_outlives_a_broker_outage(
    transactional_db, account, member_of, broker, processes, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    user = member_of(account)
    env = worker_env(broker_url=broker.url, media_root=settings.MEDIA_ROOT, smtp_port=free_port())
    worker = start_worker(processes, "importer", imports_worker(), env)
    job = queued_import(account=account, user=user, broker_url=broker.url)

    with imports_held(job):
        wait_for(lambda: imports_waiting_on_a_lock() == 1, timeout=60, what="the import to run", processes=[worker])
        broker.stop()
        down_since = time.monotonic()
        while time.monotonic() - down_since < OUTAGE_SECONDS:
            assert worker.poll() is None, f"the worker stopped with the broker gone:\n{processes.log(worker)}"
            time.sleep(0.5)
        broker.start()  # the same port, nothing queued
        time.sleep(5)  # the worker reconnects while the import still waits
        assert worker.poll() is None, f"the worker stopped when the broker came back:\n{processes.log(worker)}"

    wait_for(
        lambda: ImportJob.objects.get(pk=job.pk).is_finished, timeout=60, what="the import to end", processes=[worker]
    )
    job.refresh_from_db()
    assert job.status == ImportStatus.SUCCEEDED and job.created == 1, (job.status, job.error)

    # The worker consumes again: the next upload is imported.
    after = queued_import(account=account, user=user, broker_url=broker.url, order_ids=["112-0000002-0000002"])
    wait_for(
        lambda: ImportJob.objects.get(pk=after.pk).is_finished,
        timeout=60,
        what="an import queued after the outage",
        processes=[worker],
    )
    assert ImportJob.objects.get(pk=after.pk).status == ImportStatus.SUCCEEDED
