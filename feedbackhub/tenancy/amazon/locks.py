"""Redis for SP-API bookkeeping: the usage-plan buckets and per-connection
locks that keep two workers from syncing the same thing at once."""

import contextlib
import functools

import redis
from django.conf import settings

LOCK_PREFIX = "feedbackhub:sp-api:lock"


@functools.cache
def _client_for(url):
    return redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)


def redis_client():
    return _client_for(settings.REDIS_URL)


class SyncBusy(Exception):  # noqa: N818 - a state, not a failure
    """Another worker is already running this sync."""


@contextlib.contextmanager
def sync_lock(name, *, timeout):
    """Hold a lock while a sync runs; expires after `timeout` seconds if the
    worker dies. Raises SyncBusy when someone else holds it."""
    lock = redis_client().lock(f"{LOCK_PREFIX}:{name}", timeout=timeout, blocking=False)
    if not lock.acquire():
        raise SyncBusy(name)
    try:
        yield
    finally:
        with contextlib.suppress(redis.exceptions.LockError):
            lock.release()
