"""The Selling Partner API client layer: credentials per connection, usage
plans shared through Redis, retries, and errors a seller can read.

feedbackhub is the lowest layer: this package knows nothing of orders or
feedback; orders.sync drives it.
"""

from .client import (
    AmazonApi,
    AmazonApiError,
    AmazonAuthError,
    AmazonError,
    AmazonNotConfigured,
    AmazonThrottled,
    amazon_credentials,
    iso_utc,
    parse_amazon_datetime,
)
from .locks import SyncBusy, sync_lock
from .ratelimit import USAGE_PLANS, QuotaWait, RateLimiter, UsagePlan

__all__ = [
    "USAGE_PLANS",
    "AmazonApi",
    "AmazonApiError",
    "AmazonAuthError",
    "AmazonError",
    "AmazonNotConfigured",
    "AmazonThrottled",
    "QuotaWait",
    "RateLimiter",
    "SyncBusy",
    "UsagePlan",
    "amazon_credentials",
    "iso_utc",
    "parse_amazon_datetime",
    "sync_lock",
]
