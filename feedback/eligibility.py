"""Can this seller feedback be removed (or struck through) by Amazon, and why?

Pure Python on purpose (no Django): the feedback list and the VA's review screen call it,
and tests run it without a database. `removal_eligibility` returns a Verdict whose reasons
carry character offsets into the comment, so the screen can highlight the text.

Amazon's grounds, as this module applies them to negative and neutral feedback (1–3 stars):
  removed         obscene or profane words; personal information (email, phone, a person's
                  full name); a comment that is entirely a product review; promotion of
                  another seller or site.
  struck_through  a comment entirely about delivery of an FBA order (fulfillment_channel
                  "AFN"), or of a seller-fulfilled order shipped on time with Buy Shipping
                  (which the text cannot show: `buy_shipping_on_time=True`).
  not_eligible    everything else: service, wrong item, listing, refunds, mixed comments.
A removable comment is removed even when it would also be struck through.

Topics are found with per-language cue tables (feedback/eligibility_lexicon.py); when cues of
two topics overlap the longer one wins ("arrived damaged" is delivery, "wrong size" service).
"""

import re
from dataclasses import dataclass

from . import eligibility_lexicon as lx

__all__ = ["Reason", "Verdict", "removal_eligibility"]

REMOVAL_REASONS = ("obscene", "personal_info", "promotional", "product_review")
STRIKE_REASONS = ("fba_fulfillment", "buy_shipping_late")
REASON_ORDER = {rid: i for i, rid in enumerate(REMOVAL_REASONS + STRIKE_REASONS)}
TOPICS = ("product", "delivery", "service")


# What each reason is called where people read it.
REASON_LABELS = {
    "obscene": "Obscene or profane language",
    "personal_info": "Personal information (email, phone, full name)",
    "product_review": "Entirely a product review",
    "fba_fulfillment": "Entirely about FBA fulfilment or delivery (strike-through)",
    "buy_shipping_late": "Late delivery of an order shipped on time with Buy Shipping (strike-through)",
    "promotional": "Promotional content",
}


@dataclass(frozen=True)
class Reason:
    id: str  # obscene | personal_info | product_review | fba_fulfillment | buy_shipping_late | promotional
    start: int  # offsets into the comment of the text the reason is about
    end: int
    explanation: str  # one sentence for the VA


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    outcome: str  # "removed" | "struck_through" | "not_eligible"
    reasons: tuple[Reason, ...]
    request_text: str  # suggested removal request for Seller Central; "" when not eligible
    topics: tuple[str, ...]  # what the comment is about, in TOPICS order

    @property
    def reason_ids(self) -> tuple[str, ...]:
        """The distinct reason ids, in the order of `reasons`."""
        return tuple(dict.fromkeys(r.id for r in self.reasons))


# --- compiled tables -------------------------------------------------------------------------


def _each(patterns, flags=re.IGNORECASE) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, flags) for p in patterns)


def _one(patterns, flags=re.IGNORECASE) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


PROFANITY = {lang: _one(pats) for lang, pats in lx.PROFANITY.items()}
TOPIC_CUES = {
    topic: {lang: _each(pats) for lang, pats in table.items()}
    for topic, table in (("product", lx.PRODUCT), ("delivery", lx.DELIVERY), ("service", lx.SERVICE))
}
PRODUCT_WEAK = {lang: _each(pats) for lang, pats in lx.PRODUCT_WEAK.items()}
CARRIERS = _each(lx.CARRIERS, 0)
PROMO_CUES = {lang: _one(pats) for lang, pats in lx.PROMO_CUES.items()}
SHOPS = _one(lx.SHOPS, 0)
OTHER_SELLER = _one(lx.OTHER_SELLER)
UNKNOWN_SHOP = _one(lx.UNKNOWN_SHOP)
NOT_SHOPS = re.compile(lx.NOT_SHOPS)
URL = re.compile(lx.URL, re.IGNORECASE)
AMAZON_DOMAIN = re.compile(lx.AMAZON_DOMAIN, re.IGNORECASE)
EMAILS = (re.compile(lx.EMAIL),) + _each(lx.EMAIL_SPELLED)
ORDER_ID = re.compile(lx.ORDER_ID)
DATE = re.compile(lx.DATE)
PHONE_CANDIDATE = re.compile(lx.PHONE_CANDIDATE)
CURRENCY = re.compile(lx.CURRENCY, re.IGNORECASE)
PHONE_CUES = re.compile(lx.PHONE_CUES, re.IGNORECASE)
NOT_PHONE_CUES = re.compile(lx.NOT_PHONE_CUES, re.IGNORECASE)
PHONE_SHAPES = re.compile(
    r"[+(].*"  # international or area code in brackets
    r"|0[\d\s./-]{8,}"  # national number with a trunk prefix (0171 ..., 06 12 ..., 090-...)
    r"|\d{3}[\s.-]\d{3}[\s.-]\d{4}"  # 555 123 4567
    r"|(?:.*\D)?555\D.*"  # the 555 range, e.g. 555-0147
    r"|[6-9]\d{2}[\s.]\d{3}[\s.]\d{3}"  # Spanish 612 345 678
    r"|3\d{2}[\s.]?\d{6,7}"  # Italian mobile 333 1234567
)
HONORIFIC_NAME = re.compile(
    rf"(?<!\w)(?i:{lx.HONORIFICS})\s+({lx.NAME_WORD})\s+({lx.NAME_WORD})(?!\w)",
)
CUED_NAME = re.compile(rf"(?<!\w)(?i:{lx.NAME_CUES}),?\s+({lx.NAME_WORD})\s+({lx.NAME_WORD})(?!\w)")
PREDICATED_NAME = re.compile(rf"(?<!\w)({lx.NAME_WORD})\s+({lx.NAME_WORD})(?={lx.PERSON_PREDICATE})")
TWO_WORDS = re.compile(rf"(?<!\w)(?=({lx.NAME_WORD})\s+({lx.NAME_WORD})(?!\w))")
JA_NAME = re.compile(lx.JA_NAME)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]*")
ACCENT_HINTS = {"de": "äöüß", "fr": "çêàùâîôœë", "es": "ñ¿¡áíóú", "it": "ìò"}


# --- the API ---------------------------------------------------------------------------------


def removal_eligibility(
    comment: str,
    *,
    rating: int,
    fulfillment_channel: str,
    language: str | None = None,
    buy_shipping_on_time: bool = False,
) -> Verdict:
    """Classify one feedback comment; see the module docstring for the rules."""
    text = comment or ""
    langs = _languages(text, language)
    reasons: list[Reason] = []
    reasons += _profanity(text, langs if language in lx.LANGUAGES else lx.LANGUAGES)
    pii = _personal_info(text, langs)
    reasons += pii
    promo = _promotion(text, langs)
    reasons += promo
    promo_sentences = [
        s.span() for s in SENTENCE.finditer(text) if _overlaps(s.span(), [(r.start, r.end) for r in promo])
    ]
    masked = _mask(text, [(r.start, r.end) for r in pii] + promo_sentences)
    hits = _topic_hits(masked, langs) or _weak_product_hits(masked, langs)
    topics = tuple(t for t in TOPICS if any(h[2] == t for h in hits))
    if topics == ("product",):
        reasons.append(_topical("product_review", text, hits))
    elif topics == ("delivery",):
        if fulfillment_channel.strip().upper() in ("AFN", "FBA"):
            reasons.append(_topical("fba_fulfillment", text, hits))
        elif buy_shipping_on_time:
            reasons.append(_topical("buy_shipping_late", text, hits))
    if not 1 <= rating <= 3:
        reasons = []
    reasons.sort(key=lambda r: (REASON_ORDER[r.id], r.start))
    ids = {r.id for r in reasons}
    if ids & set(REMOVAL_REASONS):
        outcome = "removed"
    elif ids:
        outcome = "struck_through"
    else:
        outcome = "not_eligible"
    request = _request_text(outcome, [r.id for r in reasons]) if reasons else ""
    return Verdict(bool(reasons), outcome, tuple(reasons), request, topics)


# --- languages -------------------------------------------------------------------------------


def _languages(text: str, language: str | None) -> tuple[str, ...]:
    """The given language plus a clearly different detected one; all of them if none is known."""
    if JAPANESE.search(text):
        detected, best = ["ja"], 3
    else:
        words = [w.lower() for w in WORD.findall(text)]
        scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPSETS.items()}
        for lang, chars in ACCENT_HINTS.items():
            scores[lang] += any(c in text.lower() for c in chars)
        best = max(scores.values())
        detected = [lang for lang, s in scores.items() if s >= max(1, best - 1)]
    if language in lx.LANGUAGES:
        extra = [d for d in detected if d != language and best >= 2 and language not in detected]
        return (language, *extra)
    return tuple(detected) or lx.LANGUAGES


_STOPSETS = {lang: frozenset(words) for lang, words in lx.STOPWORDS.items()}


# --- reasons that do not depend on topics ----------------------------------------------------


def _profanity(text: str, langs) -> list[Reason]:
    found = []
    for lang in dict.fromkeys((*langs, "en")):
        found += [(m.start(), m.end()) for m in PROFANITY[lang].finditer(text)]
    return [Reason("obscene", s, e, lx.EXPLANATIONS["obscene"]) for s, e in _disjoint(found)]


def _personal_info(text: str, langs) -> list[Reason]:
    spans = [(m.start(), m.end(), "email") for p in EMAILS for m in p.finditer(text)]
    emails = _disjoint([(s, e) for s, e, _ in spans])
    spans = [(s, e, "email") for s, e in emails]
    spans += [(s, e, "phone") for s, e in _phones(text, emails)]
    spans += [(s, e, "name") for s, e in _names(text, langs)]
    kept = _disjoint([(s, e) for s, e, _ in spans])
    kinds = {(s, e): k for s, e, k in spans}
    return [Reason("personal_info", s, e, lx.EXPLANATIONS[kinds[s, e]]) for s, e in kept]


def _phones(text: str, taken):
    taken = list(taken) + [m.span() for m in ORDER_ID.finditer(text)]
    for m in PHONE_CANDIDATE.finditer(text):
        number, (start, end) = m.group(), m.span()
        digits = re.sub(r"\D", "", number)
        if not 7 <= len(digits) <= 13 or _overlaps((start, end), taken) or DATE.fullmatch(number):
            continue
        if CURRENCY.search(text[max(0, start - 2) : start]) or CURRENCY.match(text[end : end + 5].lstrip()):
            continue  # a price
        before = text[max(0, start - 30) : start]
        cue = max((c.end() for c in PHONE_CUES.finditer(before)), default=-1)
        anti = max((c.end() for c in NOT_PHONE_CUES.finditer(before)), default=-1)
        if anti > cue:
            continue  # a tracking, order or postal number
        if cue >= 0 or PHONE_SHAPES.fullmatch(number):
            yield start, end


def _names(text: str, langs):
    def plausible(first: str, last: str) -> bool:
        first, last = first.lower(), last.lower()
        return first not in lx.NAME_STOP and last not in lx.NAME_STOP and f"{first} {last}" not in lx.PERSON_BRANDS

    for pattern in (HONORIFIC_NAME, CUED_NAME, PREDICATED_NAME):
        for m in pattern.finditer(text):
            if plausible(m.group(1), m.group(2)):
                yield m.start(1), m.end(2)
    for m in TWO_WORDS.finditer(text):
        first, last = m.group(1), m.group(2)
        if first.lower() in lx.FIRST_NAMES and plausible(first, last):
            start = m.start(1)
            yield start, start + len(first) + (m.start(2) - m.end(1)) + len(last)
    if "ja" in langs:
        for m in JA_NAME.finditer(text):
            if m.group(1) and m.group(1)[-1] in lx.JA_NOT_NAME_END:
                continue
            yield m.span(1) if m.group(1) else m.span(2)


def _promotion(text: str, langs) -> list[Reason]:
    found = [
        m.span() for p in (OTHER_SELLER, UNKNOWN_SHOP) for m in p.finditer(text) if not NOT_SHOPS.search(m.group())
    ]
    emails = [m.span() for p in EMAILS for m in p.finditer(text)]
    found += [m.span() for m in URL.finditer(text) if not AMAZON_DOMAIN.search(m.group())]
    found = [span for span in found if not _overlaps(span, emails)]
    if any(PROMO_CUES[lang].search(text) for lang in dict.fromkeys((*langs, "en"))):
        found += [m.span() for m in SHOPS.finditer(text)]
    return [Reason("promotional", s, e, lx.EXPLANATIONS["promotional"]) for s, e in _disjoint(found)]


# --- topics ----------------------------------------------------------------------------------


def _topic_hits(text: str, langs) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, topic) cue matches; the longer of two overlapping ones wins."""
    hits = []
    for topic, tables in TOPIC_CUES.items():
        patterns = [p for lang in langs for p in tables.get(lang, ())]
        if topic == "delivery":
            patterns += CARRIERS
        hits += [(m.start(), m.end(), topic) for p in patterns for m in p.finditer(text) if m.end() > m.start()]
    rank = {"service": 0, "delivery": 1, "product": 2}
    hits.sort(key=lambda h: (h[0] - h[1], rank[h[2]], h[0]))
    kept: list[tuple[int, int, str]] = []
    for hit in hits:
        if not _overlaps(hit[:2], kept):
            kept.append(hit)
    return sorted(kept)


def _weak_product_hits(text: str, langs) -> list[tuple[int, int, str]]:
    """Cues such as "after two weeks" or "torn": product only when nothing else was found."""
    return sorted(
        (m.start(), m.end(), "product") for lang in langs for p in PRODUCT_WEAK[lang] for m in p.finditer(text)
    )


def _topical(reason_id: str, text: str, hits) -> Reason:
    """A reason spanning the sentences that carry the topic cues, trimmed of blanks."""
    sentences = [m.span() for m in SENTENCE.finditer(text)]
    inside = [s for s in sentences if any(s[0] <= h[0] < s[1] for h in hits)] or [(0, len(text))]
    start, end = inside[0][0], inside[-1][1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Reason(reason_id, start, end, lx.EXPLANATIONS[reason_id])


# --- helpers ---------------------------------------------------------------------------------


def _overlaps(span, others) -> bool:
    return any(span[0] < o[1] and o[0] < span[1] for o in others)


def _disjoint(spans) -> list[tuple[int, int]]:
    """The longest of overlapping spans, in text order."""
    kept: list[tuple[int, int]] = []
    for span in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if not _overlaps(span, kept):
            kept.append(span)
    return sorted(kept)


def _mask(text: str, spans) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _request_text(outcome: str, reason_ids) -> str:
    grounds = [lx.REQUEST_GROUNDS[rid] for rid in dict.fromkeys(reason_ids)]
    return " ".join([lx.REQUEST_OPENING, *grounds, lx.REQUEST_CLOSING[outcome]])
