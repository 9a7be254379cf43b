"""What one send can come to: a channel's prepare() and send() return these."""

from dataclasses import dataclass
from datetime import timedelta


@dataclass
class Sent:
    provider_id: str = ""


@dataclass
class Skip:
    reason: str


@dataclass
class Retry:
    reason: str
    delay: timedelta | None = None


@dataclass
class Fail:
    reason: str


@dataclass
class Uncertain:
    reason: str


@dataclass
class Ready:
    """A channel's prepare(): nothing stops the send; `payload` is what to send."""

    payload: object = None


def backoff(attempts):
    """2, 4, 8 … minutes, at most an hour."""
    return timedelta(minutes=min(2**attempts, 60))
