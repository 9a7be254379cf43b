"""Who else has a thread open: a short-lived Redis hash per thread (user id →
name, activity, until), refreshed by the thread page's htmx poll. It is a
courtesy to avoid two answers, not a lock: Redis down means nobody is shown."""

import json
import logging

from django.utils import timezone

from feedbackhub.tenancy.amazon.locks import redis_client

logger = logging.getLogger(__name__)

PRESENCE_SECONDS = 30  # the page polls every 10 s; a closed tab fades after this
VIEWING, REPLYING = "viewing", "replying"


def _key(thread):
    return f"feedbackhub:inbox:presence:{thread.account_id}:{thread.pk}"


def _display_name(user):
    return user.get_full_name() or user.get_username()


def presence_mark(*, thread, user, activity, now=None) -> None:
    now = now or timezone.now()
    entry = {"name": _display_name(user), "activity": activity, "until": now.timestamp() + PRESENCE_SECONDS}
    try:
        store = redis_client()
        key = _key(thread)
        store.hset(key, str(user.pk), json.dumps(entry))
        store.expire(key, PRESENCE_SECONDS)
    except Exception:  # noqa: BLE001 - presence is best effort
        logger.info("could not record inbox presence", exc_info=True)


def presence_others(*, thread, user, now=None) -> list[dict]:
    """The other people on the thread now: [{"name", "activity"}], replying first."""
    now = now or timezone.now()
    try:
        entries = redis_client().hgetall(_key(thread))
    except Exception:  # noqa: BLE001
        logger.info("could not read inbox presence", exc_info=True)
        return []
    others = []
    for user_id, raw in entries.items():
        entry = json.loads(raw)
        user_id = user_id.decode() if isinstance(user_id, bytes) else user_id
        if user_id != str(user.pk) and entry["until"] > now.timestamp():
            others.append({"name": entry["name"], "activity": entry["activity"]})
    return sorted(others, key=lambda other: (other["activity"] != REPLYING, other["name"]))
