"""The checker's data types: what goes in (Message), what comes out (Finding), and how a rule is described."""

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    BLOCK = "block"
    WARN = "warn"


class MessageKind(StrEnum):
    FEEDBACK_REQUEST = "feedback_request"
    FIRST_CONTACT_NEGATIVE = "first_contact_negative"  # first contact after negative feedback
    REMOVAL_REQUEST = "removal_request"  # removal request after the problem is resolved
    PUBLIC_RESPONSE = "public_response"  # public response shown under the feedback on Amazon
    BUYER_REPLY = "buyer_reply"  # reply to a buyer's message


# order=True: callers sort (start, end, finding) tuples, and two rules can flag the same span.
@dataclass(frozen=True, order=True)
class Finding:
    rule_id: str
    severity: Severity
    field: str  # "subject" or "body"
    start: int  # character offsets of the offending text in that field
    end: int
    excerpt: str  # the offending text
    guideline: str  # the Amazon guideline it breaks, one plain sentence


@dataclass(frozen=True)
class Message:
    kind: MessageKind
    subject: str
    body: str
    language: str = "en"  # "en", "de", "fr", "es", "it", "ja"; "de_DE" / "de-DE" are accepted too
    first_contact_after_negative: bool = False
    proactive: bool = True  # seller-initiated (feedback requests, first contacts) vs a reply

    @property
    def is_first_contact(self) -> bool:
        """A first contact after negative feedback, by its flag or by its kind."""
        return self.first_contact_after_negative or self.kind == MessageKind.FIRST_CONTACT_NEGATIVE


@dataclass(frozen=True)
class Rule:
    rule_id: str
    severity: Severity
    title: str
    guideline: str
