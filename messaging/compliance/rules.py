"""The rule functions.

A rule takes one field (subject or body, placeholders already blanked) and the
languages to check it in, and yields a Hit per offending span, tagged with the id
of its entry in checker.RULES. checker.check_message runs FIELD_RULES on every
message and FIRST_CONTACT_RULES on a first contact after negative feedback, then
turns the hits into Findings.
"""

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from .lexicon import (
    AMAZON_DOMAINS,
    BARE_DOMAIN_RE,
    BUSINESS_HARM,
    BUYER_CHOICE,
    CARRIER_DOMAINS,
    CHECKOUT_CONTEXT,
    CRITICAL_SUBJECT_RE,
    CURRENCY_AFTER_RE,
    CURRENCY_BEFORE_RE,
    DATE_RE,
    EMAIL_RE,
    EMOJI_MODIFIERS,
    EMOJI_RANGES,
    EMOTICON_RE,
    EVEN_HANDED,
    EXCHANGE_ASK,
    EXCLAMATION_ROW_RE,
    FEEDBACK_TERMS,
    IMAGE_PATTERNS,
    IMPORTANT_SUBJECT_RE,
    IMPORTANT_WORDED_SUBJECT_RE,
    INCENTIVE_CONDITION,
    INCENTIVE_REFUSAL,
    INCENTIVE_REWARD,
    INCENTIVE_WORDS,
    KEYCAP,
    LATIN_WORD_RE,
    MARKETING_PATTERNS,
    NEGATION_RE,
    NOT_PHONE_PREFIX_RE,
    OPT_OUT_PATTERNS,
    ORDER_ID_RE,
    OTHERS_READ_FIRST,
    PHONE_ALLOWED_CONTEXT_RE,
    PHONE_CANDIDATE_RE,
    PHONE_KEYWORD_RE,
    POSITIVE_CONDITION,
    POSITIVE_WORDS,
    PRODUCT_REVIEW_TERMS,
    RECONSIDER_HINT,
    REMOVAL_ASK,
    REMOVAL_BY_REFERENCE,
    RESOLUTION_TERMS,
    REVIEW_BY_REFERENCE,
    REVIEW_CHANGE,
    SHOUTED_WORDS_RE,
    SPELLED_PHONE_RE,
    THOUSANDS_RE,
    URL_RE,
    URL_TRAILING,
    VARIATION_SELECTOR_EMOJI,
    ZERO_WIDTH_JOINER,
    ZIP_PLUS_FOUR_RE,
)
from .model import MessageKind, Severity
from .text import matches_any, search, sentences, trimmed

PHONE_CONTEXT_GUIDELINE = (
    "Phone numbers are allowed only for warranty, carrier or manufacturer contact: check this one is not your own."
)
EMOTICON_GUIDELINE = (
    "A typed emoticon is not an emoji character, but it reads as one: keep messages to buyers plain and professional."
)
PHONE_CONTEXT_CHARS = 160  # how far back (its sentence and the one before) a number looks for "warranty", "carrier" ...
# Shouting: a run of long words (4+ letters) in capitals, or enough of the field's long words in capitals.
CAPS_RUN_MIN_LONG_WORDS = 2
CAPS_SHARE_MIN_WORDS = 3
CAPS_SHARE = 0.4


# Verbs of removal (not of change): what only a feedback, never a product or an order, is asked to undergo.
STRONG_REMOVAL_RE = re.compile(
    r"remov|delet|withdr|retract|take\s+\w+\s+down|entfern|lösch|zurückz|zurückn|supprim|retir|effac|elimin|borr|quit|"
    r"rimuov|cancell|togli|ritir|削除|取り下げ|取り消|撤回",
    re.IGNORECASE,
)
# "change my review" is the buyer's own question quoted back (a reply's "Re:" subject), not a request.
BUYERS_OWN_WORDS_RE = re.compile(r"\b(?:my|meine[nm]?|mon|ma|mes|mi|mis|mia|mio|miei)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    rule_id: str
    start: int
    end: int
    severity: Severity | None = None  # None: the rule's own severity
    guideline: str | None = None


@dataclass(frozen=True)
class Field:
    name: str  # "subject" or "body"
    masked: str  # the text with placeholders blanked, same length, so offsets hold for the original
    kind: MessageKind = MessageKind.FEEDBACK_REQUEST
    languages: tuple[str, ...] = ()  # the word tables it is read with (checker._languages)

    # What several rules ask of the same field, worked out once.
    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        return list(sentences(self.masked))

    @cached_property
    def starts(self) -> list[int]:
        return [start for start, _ in self.spans]

    @cached_property
    def emails(self) -> list[tuple[int, int]]:
        """Spans of e-mail addresses (three rules ask)."""
        return [match.span() for match in EMAIL_RE.finditer(self.masked)]

    @cached_property
    def urls(self) -> list[tuple[int, int]]:
        return [match.span() for match in URL_RE.finditer(self.masked)]

    @cached_property
    def about_feedback(self) -> list[bool]:
        """Per sentence: does it name feedback or a review?"""
        return [matches_any(FEEDBACK_TERMS, self.languages, self.masked[start:end]) for start, end in self.spans]

    def sentence_at(self, position: int) -> int:
        return max(0, bisect_right(self.starts, position) - 1)

    def sentence(self, index: int) -> str:
        start, end = self.spans[index]
        return self.masked[start:end]

    def previous_in_paragraph(self, index: int) -> int | None:
        """The sentence before this one when no blank line separates them."""
        if index == 0 or not self.masked[self.spans[index - 1][0] : self.spans[index - 1][1]].strip():
            return None
        return index - 1

    def feedback_named_before(self, index: int, *, anywhere: bool = False) -> bool:
        """Feedback or a review named in this sentence or in one of the few before it (blank
        lines not counted): what "please remove it" refers to. anywhere: in any sentence before."""
        if self.about_feedback[index]:
            return True
        earlier = [i for i in range(index) if self.masked[self.spans[i][0] : self.spans[i][1]].strip()]
        return any(self.about_feedback[i] for i in (earlier if anywhere else earlier[-REFERENCE_SENTENCES_BACK:]))


REFERENCE_SENTENCES_BACK = 3  # how far back "it" may point: the feedback named up to three sentences before


def _incentive(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    """Incentive words (discount, coupon ...) anywhere except in what the buyer used at checkout;
    and a benefit offered for a feedback action: the benefit, the feedback and the direction
    ("if you", "who leave", "once your feedback is", "in exchange") in one sentence."""
    text = field.masked
    for start, end in search(INCENTIVE_WORDS, languages, text):
        index = field.sentence_at(start)
        sentence = field.sentence(index)
        if matches_any(INCENTIVE_REFUSAL, languages, sentence):
            continue  # "we can't offer a discount for a review": the rule explained, nothing offered
        if field.about_feedback[index] or not matches_any(CHECKOUT_CONTEXT, languages, sentence):
            yield Hit("incentive", start, end)
    for index, (sentence_start, sentence_end) in enumerate(field.spans):
        previous = field.previous_in_paragraph(index)
        # The feedback may be named in the sentence before: "Your review matters to us: to thank
        # you for sharing it, we will ..."
        if not (field.about_feedback[index] or (previous is not None and field.about_feedback[previous])):
            continue
        sentence = text[sentence_start:sentence_end]
        if matches_any(INCENTIVE_REFUSAL, languages, sentence):
            continue
        if matches_any(INCENTIVE_CONDITION, languages, sentence) and matches_any(INCENTIVE_REWARD, languages, sentence):
            yield Hit("incentive", *trimmed(text, sentence_start, sentence_end))
        elif (
            field.about_feedback[index]
            and previous is not None
            and matches_any(EXCHANGE_ASK, languages, sentence)
            and matches_any(INCENTIVE_REWARD, languages, field.sentence(previous))
        ):
            # The trade over two sentences: the benefit, then "all we ask is that the feedback ..."
            yield Hit("incentive", *trimmed(text, sentence_start, sentence_end))


def _positive_only(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    text = field.masked
    for start, end in search(POSITIVE_WORDS, languages, text):
        yield Hit("positive_only", start, end)
    flags = field.about_feedback
    for index, (sentence_start, sentence_end) in enumerate(field.spans):
        # The ask may follow the condition: "If everything went well? Then a feedback would help us."
        if not (flags[index] or (index + 1 < len(flags) and flags[index + 1])):
            continue
        sentence = text[sentence_start:sentence_end]
        if field.kind == MessageKind.REMOVAL_REQUEST and matches_any(RESOLUTION_TERMS, languages, sentence):
            continue  # Amazon's wording: "if you are satisfied that we resolved your concerns, it is possible ..."
        if matches_any(EVEN_HANDED, languages, sentence):
            continue  # "whether it went well or not": any verdict is asked for
        for start, end in search(POSITIVE_CONDITION, languages, sentence):
            if not NEGATION_RE.search(sentence, start, end):
                yield Hit("positive_only", sentence_start + start, sentence_start + end)


def _review_change(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    """A request to change a product review; in a reply to the buyer, a sentence that says the
    review is the buyer's own choice explains how, it does not ask."""
    text = field.masked
    for start, end in search(REVIEW_CHANGE, languages, text):
        if BUYERS_OWN_WORDS_RE.search(text, start, end):
            continue
        if field.kind == MessageKind.BUYER_REPLY and matches_any(
            BUYER_CHOICE, languages, field.sentence(field.sentence_at(start))
        ):
            continue
        yield Hit("review_change", start, end)
    # By reference: "if you wrote a review on the product page, could you update that one too?"
    for start, end in search(REVIEW_BY_REFERENCE, languages, text):
        index = field.sentence_at(start)
        window = [i for i in (index - 1, index) if i >= 0]
        if not any(matches_any(PRODUCT_REVIEW_TERMS, languages, field.sentence(i)) for i in window):
            continue
        if field.kind == MessageKind.BUYER_REPLY and any(
            matches_any(BUYER_CHOICE, languages, field.sentence(i)) for i in window
        ):
            continue
        yield Hit("review_change", start, end)


def _removal_in_first_contact(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    """A removal or change of the feedback asked for by name, by reference ("please remove it"
    after the sentence that names the feedback), or urged through what the rating does to
    the seller (pressure or guilt)."""
    text = field.masked
    named = list(search(REMOVAL_ASK, languages, text))
    named.extend(search(OTHERS_READ_FIRST, languages, text))
    for start, end in named:
        yield Hit("removal_in_first_contact", start, end)
    for table in (REMOVAL_BY_REFERENCE, BUSINESS_HARM):
        for start, end in search(table, languages, text):
            # Only the feedback is ever asked to be removed or deleted: "delete it" may point
            # at feedback named anywhere before; "change it" only at feedback named just before.
            anywhere = table is REMOVAL_BY_REFERENCE and bool(STRONG_REMOVAL_RE.search(text, start, end))
            if field.feedback_named_before(field.sentence_at(start), anywhere=anywhere) and not _overlaps(
                start, end, named
            ):
                yield Hit("removal_in_first_contact", start, end)
    # "... we trust the comments you left will no longer reflect your experience": the hope
    # and the feedback in one sentence.
    for index, (sentence_start, sentence_end) in enumerate(field.spans):
        if field.about_feedback[index]:
            for start, end in search(RECONSIDER_HINT, languages, text[sentence_start:sentence_end]):
                yield Hit("removal_in_first_contact", sentence_start + start, sentence_start + end)


def _is_allowed_host(host: str) -> bool:
    """Amazon's own sites, and carriers' (the buyer's tracking page is needed for the order)."""
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in AMAZON_DOMAINS + CARRIER_DOMAINS)


def _host_of(link: str) -> str:
    host = re.sub(r"^(?:https?|ftp)://", "", link, flags=re.IGNORECASE)
    host = re.split(r"[/?#:]", host, maxsplit=1)[0]
    return host.rsplit("@", 1)[-1]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _email_address(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    for start, end in field.emails:
        yield Hit("email_address", start, end)


def _external_link(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    text = field.masked
    emails = field.emails
    links: list[tuple[int, int]] = list(field.urls)
    for match in BARE_DOMAIN_RE.finditer(text):
        tld = match.group("tld")
        # "product.It works": a missing space after a full stop, not an Italian domain.
        if tld[0].isupper() and tld[1:].islower() and "/" not in match.group():
            continue
        if not _overlaps(*match.span(), links):
            links.append(match.span())
    for start, end in links:
        while end > start and text[end - 1] in URL_TRAILING:
            end -= 1
        if _overlaps(start, end, emails) or _is_allowed_host(_host_of(text[start:end])):
            continue
        yield Hit("external_link", start, end)


def _looks_like_phone(text: str, start: int, end: int) -> bool:
    candidate = text[start:end]
    digits = re.sub(r"\D", "", candidate)
    before = text[max(0, start - 40) : start]
    after = text[end : end + 8]
    if not 7 <= len(digits) <= 15:
        return False
    if ORDER_ID_RE.fullmatch(candidate) or DATE_RE.match(candidate) or ZIP_PLUS_FOUR_RE.match(candidate):
        return False
    if THOUSANDS_RE.match(candidate) or CURRENCY_BEFORE_RE.search(before) or CURRENCY_AFTER_RE.match(after):
        return False
    if NOT_PHONE_PREFIX_RE.search(before):
        return False
    if "/" in candidate and not re.search(r"\d\s+/\s+\d", candidate):
        return False  # "3/4" style fractions and paths; phones write the slash with spaces: "0555 / 123 456"
    if PHONE_KEYWORD_RE.search(before) and 9 <= len(digits) <= 13:
        return True  # "text me on 07 7009 00 4 82": said to be a phone, however it is grouped
    groups = [
        group for group in re.split(r"[ \u00a0().\-–/－‐（）]+", candidate.replace("(0)", " ").lstrip("+(")) if group
    ]
    if len(groups) >= 5 and sum(len(group) == 1 for group in groups) * 2 >= len(groups):
        return True  # digits spaced out to dodge filters: "0 7 7 0 0 9 ..."
    if len(groups) == 1:
        return candidate.startswith("+") or bool(PHONE_KEYWORD_RE.search(before))
    # Phone groups have two digits or more; a lone leading digit is a country or trunk code (1-800-...).
    return all(len(group) >= 2 for group in groups[1:])


def _phone_number(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    text = field.masked
    links_and_addresses = field.urls + field.emails
    sentence_starts = field.starts or [0]
    candidates = [match.span() for match in PHONE_CANDIDATE_RE.finditer(text)]
    spelled = [match.span() for match in SPELLED_PHONE_RE.finditer(text)]
    for start, end in spelled:
        if not _overlaps(start, end, candidates):
            candidates.append((start, end))
    for start, end in sorted(candidates):
        spelled_out = (start, end) in spelled
        if text[start] == "(" and ")" not in text[start:end]:
            start += 1
        if _overlaps(start, end, links_and_addresses) or not (spelled_out or _looks_like_phone(text, start, end)):
            continue
        # Whose number it is may be said in the sentence before: "Contact the manufacturer. Their hotline: ..."
        sentence = bisect_right(sentence_starts, start) - 1
        before = max(0, sentence - 1)
        # "... is the quickest route: 0800 ...": the clause ending in a colon introduces the
        # number, so whose number it is may be said in the sentence before that clause.
        if before > 0 and text[sentence_starts[before] : sentence_starts[sentence]].rstrip().endswith(":"):
            before -= 1
        context_start = max(sentence_starts[before], start - PHONE_CONTEXT_CHARS)
        if PHONE_ALLOWED_CONTEXT_RE.search(text, context_start, end):
            yield Hit("phone_number", start, end, Severity.WARN, PHONE_CONTEXT_GUIDELINE)
        else:
            yield Hit("phone_number", start, end)


def _is_emoji(code_point: int) -> bool:
    if code_point < EMOJI_RANGES[0][0]:
        return False  # Latin, Greek, Cyrillic ... : most of every message
    return any(low <= code_point <= high for low, high in EMOJI_RANGES)


# Where an emoji can start: one of the ranges, or any character followed by the emoji selector
# or the keycap mark. A regex finds them; most messages have none, so nothing else is scanned.
EMOJI_START_RE = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in EMOJI_RANGES) + "]"
    f"|.(?=[{chr(VARIATION_SELECTOR_EMOJI)}{chr(KEYCAP)}])",
    re.DOTALL,
)


def _emoji(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    text = field.masked
    index = 0
    for match in EMOJI_START_RE.finditer(text):
        if match.start() < index:
            continue  # inside the sequence just reported
        end = match.start() + 1
        # Text-style symbols (©, ™, ↔, ▶ ...) count only when followed by the emoji selector.
        while end < len(text) and (
            ord(text[end]) in EMOJI_MODIFIERS
            or _is_emoji(ord(text[end]))
            or (0xE0020 <= ord(text[end]) <= 0xE007F)  # flag tag sequences
            or (ord(text[end - 1]) == ZERO_WIDTH_JOINER)
        ):
            end += 1
        yield Hit("emoji", match.start(), end)
        index = end
    for match in EMOTICON_RE.finditer(text):
        yield Hit("emoji", *match.span(), Severity.WARN, EMOTICON_GUIDELINE)


def _image(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    for start, end in search(IMAGE_PATTERNS, languages, field.masked):
        yield Hit("image", start, end)


def _important_subject(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    if field.name != "subject" or CRITICAL_SUBJECT_RE.search(field.masked):
        return  # critical to the order: the one case Amazon allows it
    patterns = [IMPORTANT_SUBJECT_RE]
    if field.kind == MessageKind.FEEDBACK_REQUEST:
        patterns.append(IMPORTANT_WORDED_SUBJECT_RE)
    for pattern in patterns:
        for match in pattern.finditer(field.masked):
            yield Hit("important_subject", *trimmed(field.masked, *match.span()))


def _opt_out(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    for start, end in search(OPT_OUT_PATTERNS, languages, field.masked):
        yield Hit("opt_out", start, end)


def _marketing(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    for start, end in search(MARKETING_PATTERNS, languages, field.masked):
        yield Hit("marketing", start, end)


def _caps_runs(text: str, words: list[re.Match]) -> list[tuple[int, int]]:
    """Stretches of words in capitals with only spaces and light punctuation between them."""
    runs: list[tuple[int, int]] = []
    run: list[re.Match] = []
    for word in [*words, None]:
        loud = word is not None and len(word.group()) >= 2 and word.group().isupper()
        if loud and run and re.fullmatch(r"[\s,'’\-]*", text[run[-1].end() : word.start()]):
            run.append(word)
            continue
        if sum(len(item.group()) >= 4 for item in run) >= CAPS_RUN_MIN_LONG_WORDS:
            runs.append((run[0].start(), run[-1].end()))
        run = [word] if loud else []
    return runs


def _shouting(field: Field, languages: tuple[str, ...]) -> Iterator[Hit]:
    text = field.masked
    for match in EXCLAMATION_ROW_RE.finditer(text):
        yield Hit("shouting", *match.span())
    words = list(LATIN_WORD_RE.finditer(text))
    runs = _caps_runs(text, words)
    for start, end in runs:
        yield Hit("shouting", start, end)
    for match in SHOUTED_WORDS_RE.finditer(text):
        if not _overlaps(*match.span(), runs):
            yield Hit("shouting", *match.span())
    long_words = [word for word in words if len(word.group()) >= 4]
    loud = [word for word in long_words if word.group().isupper()]
    if len(loud) >= CAPS_SHARE_MIN_WORDS and len(loud) >= CAPS_SHARE * len(long_words):
        for word in loud:
            if not _overlaps(*word.span(), runs):
                yield Hit("shouting", *word.span())


FIELD_RULES = (
    _incentive,
    _positive_only,
    _review_change,
    _external_link,
    _email_address,
    _phone_number,
    _emoji,
    _image,
    _important_subject,
    _opt_out,
    _marketing,
    _shouting,
)
# Run on a first contact after negative feedback only: that one may not ask for a removal yet.
FIRST_CONTACT_RULES = (_removal_in_first_contact,)
