"""Live progress of a running import, kept in Redis (the import's own
transaction is not visible to the page that polls)."""

import json

import redis
from django.conf import settings

TTL_SECONDS = 24 * 3600


def _client():
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


def _key(job_id):
    return f"feedbackhub:import:{job_id}:progress"


def import_progress_set(job_id, *, rows_done, rows_total=None, phase="reading"):
    payload = {"rows_done": rows_done, "rows_total": rows_total, "phase": phase}
    try:
        _client().set(_key(job_id), json.dumps(payload), ex=TTL_SECONDS)
    except redis.RedisError:
        pass  # progress is a courtesy; the import itself must not fail for it


def import_progress_get(job_id):
    try:
        raw = _client().get(_key(job_id))
    except redis.RedisError:
        return None
    return json.loads(raw) if raw else None
