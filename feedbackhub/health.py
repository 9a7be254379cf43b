"""Liveness of the database, the broker and the Celery processes."""

import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import connection

HEARTBEAT_KEY = "feedbackhub:worker-heartbeat"


@dataclass(frozen=True)
class HealthReport:
    database: str
    broker: str
    worker_seconds_since_heartbeat: float | None

    @property
    def healthy(self):
        return self.database == "ok" and self.broker == "ok"


def _redis():
    return redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=1, socket_connect_timeout=1)


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        return f"down: {type(error).__name__}"


def broker_status():
    try:
        _redis().ping()
        return "ok"
    except redis.RedisError as error:
        return f"down: {type(error).__name__}"


def worker_heartbeat_age():
    try:
        stamp = _redis().get(HEARTBEAT_KEY)
    except redis.RedisError:
        return None
    return None if stamp is None else round(time.time() - float(stamp), 1)


def worker_heartbeat_record():
    _redis().set(HEARTBEAT_KEY, str(time.time()))


def health_report():
    return HealthReport(
        database=database_status(),
        broker=broker_status(),
        worker_seconds_since_heartbeat=worker_heartbeat_age(),
    )
