"""Per-account data generations: a counter in Redis that every committed change
a cached page shows moves forward, so a cached copy is never served after the
data under it changed.

`account_changed(account_id)` bumps it when the surrounding transaction
commits (immediately outside one); `account_generation(account_id)` reads it.
The ORM saves and deletes of the models the dashboard reads bump it through
signals (feedback.receivers); code that writes those tables in SQL calls
`account_changed` itself (the rollup refresh, the import) — and a cached copy
also expires after its own short time to live, which bounds what a missed
write can hide.
"""

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "generation:{account_id}"
# Longer than any cached copy lives: an expired counter restarts at 0, and every
# copy keyed on an older 0 has expired long before.
GENERATION_TTL_SECONDS = 7 * 24 * 3600


def _bump(account_id: int) -> None:
    key = GENERATION_KEY.format(account_id=account_id)
    if not cache.add(key, 1, GENERATION_TTL_SECONDS):
        cache.incr(key)


def account_changed(account_id: int) -> None:
    """The account's data changed (or will, when this transaction commits)."""
    transaction.on_commit(lambda: _bump(account_id))


def account_generation(account_id: int) -> int:
    return cache.get(GENERATION_KEY.format(account_id=account_id), 0)
