"""Warm shutdown: on Celery's worker_shutting_down (SIGTERM) the dispatcher
stops between rows. The row being sent is finished; rows claimed but not yet
started go back to scheduled at once (rows_release_claimed) instead of
waiting CLAIM_LEASE for leases_resolve."""

import threading

from celery.signals import worker_shutting_down

stopping = threading.Event()


@worker_shutting_down.connect
def _on_worker_shutting_down(**kwargs):
    stopping.set()
