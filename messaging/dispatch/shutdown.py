"""Warm shutdown: on Celery's worker_shutting_down (SIGTERM) the dispatcher
stops between rows. The row being sent is finished; rows claimed but not yet
started go back to scheduled at once (rows_release_claimed) instead of
waiting CLAIM_LEASE for leases_resolve.

The signal fires in the worker's main process, while a prefork worker's ticks
run in its pool processes: the flag is one byte of anonymous shared memory,
made when Django loads the app (messaging.apps), before the pool is forked,
so every pool process reads what the main process wrote. One byte read per
row: no query, no system call.
"""

import mmap

from celery.signals import worker_shutting_down


class _SharedFlag:
    def __init__(self):
        self._byte = mmap.mmap(-1, 1)  # MAP_SHARED | MAP_ANONYMOUS: shared with forked children

    def is_set(self):
        return self._byte[0] == 1

    def set(self):
        self._byte[0] = 1

    def clear(self):
        self._byte[0] = 0


stopping = _SharedFlag()


@worker_shutting_down.connect
def _on_worker_shutting_down(**kwargs):
    stopping.set()
