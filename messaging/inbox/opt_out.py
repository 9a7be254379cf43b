"""Buyers who write that they want no more messages: detected by a phrase
lexicon (opt_out_phrases.json, data, one list per language), proposed for the
do-not-solicit list, confirmed or dismissed by a person (or confirmed at once
when the mailbox says so).

Every language's phrases are tried on every message: buyers on amazon.de
write English too.
"""

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from feedbackhub.crypto import blind_index

from ..models import DoNotSolicit, DoNotSolicitReason
from .models import BuyerMessage, OptOutProposal, OptOutState

LEXICON_PATH = Path(__file__).with_name("opt_out_phrases.json")
LANGUAGES = ("en", "de", "fr", "es", "it", "ja")
# Where a reply's quoted history starts: the buyer's own words end there.
QUOTE_STARTS = re.compile(
    r"^(?:-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale)"
    r"|on .{0,80} wrote:|am .{0,80} schrieb .{0,80}:|le .{0,80} a écrit ?:"
    r"|el .{0,80} escribió:|il .{0,80} ha scritto:)",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class OptOutMatch:
    phrase: str  # the words that matched, as the buyer wrote them (normalised)
    language: str


@functools.cache
def _lexicon():
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    return [(language, re.compile(pattern)) for language in LANGUAGES for pattern in data[language]]


def _buyers_own_words(text):
    start = QUOTE_STARTS.search(text)
    if start:
        text = text[: start.start()]
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    normalised = unicodedata.normalize("NFKC", " ".join(lines)).casefold()
    normalised = normalised.replace("’", "'").replace("`", "'")
    return " ".join(normalised.split())


def opt_out_match(text: str) -> OptOutMatch | None:
    """The first opt-out phrase in the buyer's own words, or None."""
    words = _buyers_own_words(text or "")
    for language, pattern in _lexicon():
        found = pattern.search(words)
        if found:
            return OptOutMatch(phrase=found.group(0)[:200], language=language)
    return None


def opt_out_propose(*, message: BuyerMessage, auto_confirm: bool = False) -> OptOutProposal | None:
    """Propose the message's buyer for the do-not-solicit list when the
    message asks for no more messages (once per message)."""
    found = opt_out_match(message.subject + "\n" + message.body_text)
    if found is None:
        return None
    relay = message.thread.relay_address if message.thread_id else ""
    buyer_key = blind_index(relay) if relay else (message.order.buyer_key if message.order_id else "")
    proposal, created = OptOutProposal.objects.get_or_create(
        message=message,
        defaults={
            "account_id": message.account_id,
            "buyer_key": buyer_key,
            "matched_phrase": found.phrase,
            "language": found.language,
        },
    )
    if created and auto_confirm:
        opt_out_confirm(proposal=proposal, user=None)
    return proposal


def opt_out_confirm(*, proposal: OptOutProposal, user) -> OptOutProposal:
    """Put the buyer on the do-not-solicit list (by buyer key, else the order)."""
    with transaction.atomic():
        state = OptOutProposal.objects.select_for_update().values_list("state", flat=True).get(pk=proposal.pk)
        if state == OptOutState.CONFIRMED:
            proposal.refresh_from_db()
            return proposal
        note = f"Asked by message: “{proposal.matched_phrase}”"[:200]
        target = {"buyer_key": proposal.buyer_key} if proposal.buyer_key else {"order_id": proposal.message.order_id}
        if target.get("buyer_key") or target.get("order_id"):
            DoNotSolicit.objects.get_or_create(
                account_id=proposal.account_id,
                **target,
                defaults={"reason": DoNotSolicitReason.OPTED_OUT, "note": note, "added_by": user},
            )
        proposal.state = OptOutState.CONFIRMED
        proposal.decided_by = user
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["state", "decided_by", "decided_at"])
    return proposal


def opt_out_dismiss(*, proposal: OptOutProposal, user) -> OptOutProposal:
    """Not an opt-out after all: the buyer stays askable."""
    proposal.state = OptOutState.DISMISSED
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["state", "decided_by", "decided_at"])
    return proposal
