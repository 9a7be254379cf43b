"""Counting attempts per key in a fixed time window, in the shared cache
(Redis): every web process sees the same counts."""

import hashlib

from django.core.cache import cache


def attempt_allowed(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt for (scope, key); False once more than `limit`
    attempts fell in the current window. The key is hashed: an email
    address never sits in the cache as text."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    cache_key = f"throttle:{scope}:{digest}"
    # add() starts the window only if no count exists; incr() is atomic in Redis.
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window ended between add() and incr()
        cache.add(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
