"""Amazon's usage plans as token buckets shared by every worker (Redis).

SP-API meters each operation per selling partner and application: a bucket
of `burst` requests refilled at `rate` requests per second. The buckets live
in Redis so that any number of workers syncing the same seller stay under
the plan together. When Amazon sends x-amzn-RateLimit-Limit, that rate
replaces the published one for the bucket.
"""

import math
import time
from dataclasses import dataclass

from .locks import redis_client


@dataclass(frozen=True)
class UsagePlan:
    rate: float  # requests per second
    burst: int


# Amazon's published default plans (selling-partner-api-models: orders_2026-01-01,
# reports_2021-06-30, sellers).
USAGE_PLANS = {
    "getMarketplaceParticipations": UsagePlan(rate=0.016, burst=15),
    "searchOrders": UsagePlan(rate=0.0056, burst=20),
    "createReport": UsagePlan(rate=0.0167, burst=15),
    "getReport": UsagePlan(rate=2.0, burst=15),
    "getReportDocument": UsagePlan(rate=0.0167, burst=15),
    # solicitations_v1: 1 request/s, burst 5, per selling partner.
    "getSolicitationActionsForOrder": UsagePlan(rate=1.0, burst=5),
    "createProductReviewAndSellerFeedbackSolicitation": UsagePlan(rate=1.0, burst=5),
}

KEY_PREFIX = "feedbackhub:sp-api:bucket"

# Refill the bucket to now; shared by both scripts. Tokens may be negative:
# a bucket held for N seconds owes N × rate tokens.
_REFILL = """
local now = tonumber(ARGV[1])
local burst = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'stamp', 'rate')
local rate = tonumber(state[3]) or tonumber(ARGV[2])
local tokens = tonumber(state[1]) or burst
local stamp = tonumber(state[2]) or now
if now > stamp then
  tokens = math.min(burst, tokens + (now - stamp) * rate)
end
"""
_SAVE = """
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'stamp', tostring(now))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
"""
# Take one token if there is one; either way return the seconds to wait.
TAKE_SCRIPT = (
    _REFILL
    + """
local wait = 0
-- The epsilon absorbs float rounding: a caller that slept the exact wait gets its token.
if tokens >= 1 - 1e-6 then tokens = math.max(tokens - 1, 0) else wait = (1 - tokens) / rate end
"""
    + _SAVE
    + "return tostring(wait)"
)
# Amazon said "wait N seconds": no token for anyone before then.
HOLD_SCRIPT = (
    _REFILL
    + """
tokens = math.min(tokens, 1 - tonumber(ARGV[5]) * rate)
"""
    + _SAVE
    + "return tostring(tokens)"
)


class QuotaWait(Exception):  # noqa: N818 - a pause, not an error
    """The next call would have to wait longer than this run may: stop here
    and resume on the next run."""

    def __init__(self, operation, seconds):
        self.operation = operation
        self.seconds = seconds
        super().__init__(f"{operation}: the usage plan allows the next call in {seconds:.0f} s")


def parse_rate(value):
    """x-amzn-RateLimit-Limit as requests per second, or None."""
    try:
        rate = float(value)
    except (TypeError, ValueError):
        return None
    return rate if rate > 0 and math.isfinite(rate) else None


class RateLimiter:
    """Token buckets of one selling partner, one per operation."""

    def __init__(self, *, partner_key, clock=time.time, sleep=time.sleep, max_wait=60.0, redis=None):
        self.partner_key = partner_key
        self.clock = clock
        self.sleep = sleep
        self.max_wait = max_wait
        self._redis = redis or redis_client()
        self._take = self._redis.register_script(TAKE_SCRIPT)
        self._hold = self._redis.register_script(HOLD_SCRIPT)

    def _key(self, operation):
        return f"{KEY_PREFIX}:{self.partner_key}:{operation}"

    def _args(self, operation):
        plan = USAGE_PLANS[operation]
        # Past burst / rate seconds the bucket is full again: nothing to remember.
        ttl = math.ceil(plan.burst / plan.rate) + 60
        return [repr(self.clock()), repr(plan.rate), plan.burst, ttl]

    def acquire(self, operation):
        """Wait for a token (sleeping at most max_wait in all), or raise QuotaWait."""
        waited = 0.0
        while True:
            wait = float(self._take(keys=[self._key(operation)], args=self._args(operation)))
            if wait <= 0:
                return waited
            if waited + wait > self.max_wait:
                raise QuotaWait(operation, wait)
            self.sleep(wait)
            waited += wait

    def hold(self, operation, seconds):
        self._hold(keys=[self._key(operation)], args=[*self._args(operation), repr(float(seconds))])

    def rate(self, operation):
        stored = parse_rate(self._redis.hget(self._key(operation), "rate"))
        return stored or USAGE_PLANS[operation].rate

    def observe(self, operation, rate_limit_header):
        """Use the rate Amazon reports for this partner from now on."""
        rate = parse_rate(rate_limit_header)
        if rate is not None:
            self._redis.hset(self._key(operation), "rate", repr(rate))
