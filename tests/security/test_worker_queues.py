"""A slow import never holds back sends (issue 15, item 15).

Imports and SP-API syncs run on a worker of their own: with every process of
the imports worker busy on an import, the dispatcher's wake-up still reaches
the worker that sends. The workers are started as the Procfile starts them
(`make run` runs the Procfile with honcho); docker-compose.yml is held to the
same split.
"""

from collections import Counter

import pytest
import yaml

from feedbackhub.celery import QUEUE_NAMES, app
from messaging.models import RequestStatus
from orders.models import ImportJob, ImportStatus

from ..messaging.real_processes import (
    ROOT,
    due_email_requests,
    status_counts,
    wait_for,
    wake_up,
)
from ..smtp_sink import smtp_sink
from .worker_processes import (
    consumed_queues,
    imports_held,
    imports_waiting_on_a_lock,
    option,
    procfile_workers,
    queued_import,
    start_worker,
    worker_env,
)

SLOW_QUEUES = {"imports", "sync"}
DUE_REQUESTS = 5


def test_the_import_and_sync_tasks_are_routed_to_their_queues():
    router = app.amqp.router
    assert router.route({}, "orders.import.run")["queue"].name == "imports"
    for name in ("orders.sync.orders", "orders.sync.orders_for", "orders.sync.reports", "orders.sync.reports_for"):
        assert router.route({}, name)["queue"].name == "sync", name
    assert router.route({}, "messaging.dispatch.tick")["queue"].name == "dispatch"


def worker_queues_apart(workers):
    """Every queue consumed, and no worker that sends also imports."""
    consumed = [consumed_queues(arguments) for arguments in workers]
    assert set().union(*consumed) >= set(QUEUE_NAMES), consumed
    for queues in consumed:
        assert not (queues & SLOW_QUEUES and "dispatch" in queues), f"one worker takes imports and sends: {queues}"
        # Nothing shares the dispatcher's worker: a long task of any queue would delay sends.
        assert "dispatch" not in queues or queues == {"dispatch"}, f"the dispatch worker takes more: {queues}"


def test_the_procfile_runs_imports_on_a_worker_of_their_own():
    worker_queues_apart(procfile_workers().values())


def test_compose_runs_imports_on_a_worker_of_their_own():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    workers = []
    for service in services.values():
        command = service.get("command")
        words = command.split() if isinstance(command, str) else command or []
        if words[:4] == ["celery", "-A", "feedbackhub", "worker"]:
            workers.append(words)
    worker_queues_apart(workers)


@pytest.mark.slow
def test_sends_go_out_while_every_import_process_is_busy(
    transactional_db, account, member_of, broker, processes, settings, tmp_path
):
    """The Procfile's workers on a Redis of the test's own. As many imports
    as the workers that take imports have processes are held mid-task on a
    database lock; a dispatcher wake-up is then sent, and every due request
    goes out before an import is let go."""
    settings.MEDIA_ROOT = tmp_path / "media"
    user = member_of(account)
    orders = due_email_requests(account, DUE_REQUESTS)
    workers = procfile_workers()
    importers = [arguments for arguments in workers.values() if "imports" in consumed_queues(arguments)]
    import_slots = sum(int(option(arguments, "--concurrency")) for arguments in importers)
    with smtp_sink() as (sink, smtp_port):
        env = worker_env(broker_url=broker.url, media_root=settings.MEDIA_ROOT, smtp_port=smtp_port)
        started = [start_worker(processes, name, arguments, env) for name, arguments in workers.items()]
        jobs = [
            queued_import(account=account, user=user, broker_url=broker.url, order_ids=[f"112-0000000-{n:07d}"])
            for n in range(import_slots)
        ]
        with imports_held(*jobs):
            wait_for(
                lambda: imports_waiting_on_a_lock() == import_slots,
                timeout=60,
                what="every import process to be busy",
                processes=started,
            )
            wake_up(broker.url)
            wait_for(
                lambda: status_counts() == {RequestStatus.SENT: DUE_REQUESTS},
                timeout=30,
                what="the due requests to go out while the imports run",
                processes=started,
            )
            assert not ImportJob.objects.filter(pk__in=[job.pk for job in jobs], status=ImportStatus.SUCCEEDED).exists()
        wait_for(
            lambda: ImportJob.objects.filter(status=ImportStatus.SUCCEEDED).count() == import_slots,
            timeout=60,
            what="the imports to finish once let go",
            processes=started,
        )
        with sink.lock:
            recipients = Counter(message["To"] for message in sink.messages)
    assert recipients == Counter({order.buyer_email: 1 for order in orders})
