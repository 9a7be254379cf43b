"""check_message and is_blocked, and the registry of rules they report against.

A message is checked with the word tables of its own language plus English
(sellers mix English words such as "Instagram" or "coupon" into every language);
an unknown language gets them all.
"""

import re
from collections.abc import Iterable

from . import learned
from .lexicon import INCENTIVE_REFUSAL, LANGUAGES, ORDER_ID_PLACEHOLDER_RE, ORDER_ID_RE
from .model import Finding, Message, MessageKind, Rule, Severity
from .rules import FIELD_RULES, FIRST_CONTACT_RULES, Field, Hit
from .text import mask_for_rules, matches_any

RULES: tuple[Rule, ...] = (
    Rule(
        "incentive",
        Severity.BLOCK,
        "Incentive",
        "Do not offer incentives of any kind (discount, coupon, gift card, free product, refund or voucher) "
        "in exchange for feedback, a review or their removal.",
    ),
    Rule(
        "positive_only",
        Severity.BLOCK,
        "Positive feedback only",
        "Do not ask only for positive feedback or ask only satisfied buyers to leave feedback.",
    ),
    Rule(
        "review_change",
        Severity.BLOCK,
        "Product review change",
        "Do not ask a buyer to change, update or remove a product review.",
    ),
    Rule(
        "removal_in_first_contact",
        Severity.BLOCK,
        "Removal asked too early",
        "A first contact after negative feedback apologises and proposes a fix; "
        "ask for removal only after the problem is solved.",
    ),
    Rule(
        "external_link",
        Severity.BLOCK,
        "External link",
        "Do not include links that are not needed to complete the order; only Amazon links are allowed.",
    ),
    Rule("email_address", Severity.BLOCK, "Email address", "Do not include email addresses in messages to buyers."),
    Rule(
        "phone_number",
        Severity.BLOCK,
        "Phone number",
        "Do not include phone numbers other than warranty, carrier or manufacturer ones.",
    ),
    Rule("emoji", Severity.BLOCK, "Emoji", "Do not use emoji in messages to buyers."),
    Rule(
        "image",
        Severity.BLOCK,
        "Image or logo",
        "Do not include images or logos, least of all a logo linking to your site.",
    ),
    Rule(
        "important_subject",
        Severity.BLOCK,
        "[Important] in the subject",
        'Do not mark the subject "[Important]" or "Important:" unless the message is critical to the order.',
    ),
    Rule(
        "opt_out",
        Severity.BLOCK,
        "Opt-out wording",
        "Do not include opt-out or unsubscribe links or instructions; buyers opt out through Amazon.",
    ),
    Rule(
        "marketing",
        Severity.BLOCK,
        "Marketing",
        "Contact buyers only to complete the order or answer a service question; no marketing or promotions.",
    ),
    Rule(
        "missing_order_id",
        Severity.BLOCK,
        "Order ID missing",
        "A proactive message must include the 17-digit Amazon order ID (for example 112-1234567-1234567).",
    ),
    Rule(
        "shouting",
        Severity.WARN,
        "Shouting",
        "Keep messages polite and professional: no capitals-only wording or rows of exclamation marks.",
    ),
)
RULES_BY_ID: dict[str, Rule] = {rule.rule_id: rule for rule in RULES}


def rule_titles(rule_ids: Iterable[str]) -> str:
    """Rules as a person reads them, each once, in order: "Incentive, Positive feedback only"."""
    return ", ".join(
        RULES_BY_ID[rule_id].title if rule_id in RULES_BY_ID else rule_id for rule_id in sorted(set(rule_ids))
    )


# A finding of the learned check (learned.py) names no phrase: it says so, and what to do.
LEARNED_GUIDELINE = (
    "{} No single phrase breaks this rule, but the message as a whole reads like it to the learned check; "
    "the highlighted sentence weighs most. Reword it plainly and check again."
)
LEARNED_WHOLE_GUIDELINE = (
    "{} No single phrase or sentence breaks this rule, but the message as a whole reads like it to the "
    "learned check. Reword it plainly and check again."
)
FIELD_ORDER = {"subject": 0, "body": 1}
# A reply's subject is the buyer's own ("Re: Discount for a review?").
REPLY_SUBJECT_RE = re.compile(r"^\s*(?:re|aw|rif|r|sv)\s*:", re.IGNORECASE)
ORDER_ID_KINDS = {MessageKind.FEEDBACK_REQUEST, MessageKind.FIRST_CONTACT_NEGATIVE, MessageKind.REMOVAL_REQUEST}


def _normalise_language(code: str) -> str | None:
    base = re.split(r"[-_]", (code or "").strip().lower(), maxsplit=1)[0]
    return base if base in LANGUAGES else None


def _languages(message: Message) -> tuple[str, ...]:
    language = _normalise_language(message.language)
    if language is None:
        return LANGUAGES
    return ("en",) if language == "en" else ("en", language)


def _has_order_id(message: Message) -> bool:
    return any(
        ORDER_ID_RE.search(text) or ORDER_ID_PLACEHOLDER_RE.search(text) for text in (message.subject, message.body)
    )


def _quotes_a_question_it_turns_down(message: Message, languages: tuple[str, ...]) -> bool:
    """A reply whose subject repeats the buyer's question about a reward ("Re: Discount for a
    review?") and whose body turns the reward down."""
    return (
        message.kind == MessageKind.BUYER_REPLY
        and bool(REPLY_SUBJECT_RE.match(message.subject or ""))
        and matches_any(INCENTIVE_REFUSAL, languages, message.body or "")
    )


def _merged(hits: Iterable[Hit]) -> list[Hit]:
    """One hit per stretch of text and rule: overlapping patterns would otherwise double-highlight."""
    merged: list[Hit] = []
    for hit in sorted(hits, key=lambda hit: (hit.rule_id, hit.start, -hit.end)):
        previous = merged[-1] if merged else None
        if previous and previous.rule_id == hit.rule_id and hit.start < previous.end:
            if hit.end > previous.end:
                merged[-1] = Hit(previous.rule_id, previous.start, hit.end, previous.severity, previous.guideline)
            continue
        merged.append(hit)
    return merged


def check_message(message: Message, *, learned_check: bool = True) -> list[Finding]:
    """Every guideline the message breaks, subject findings first, then body, each by position.
    learned_check=False: the rules alone, as the corpus tests and the bench measure them."""
    kind = MessageKind(message.kind)
    languages = _languages(message)
    field_rules = list(FIELD_RULES)
    if message.is_first_contact:
        field_rules.extend(FIRST_CONTACT_RULES)

    findings: list[Finding] = []
    for name, text in (("subject", message.subject or ""), ("body", message.body or "")):
        field = Field(name, mask_for_rules(text), kind, languages)
        hits = _merged(hit for rule in field_rules for hit in rule(field, languages))
        if name == "subject" and _quotes_a_question_it_turns_down(message, languages):
            hits = [hit for hit in hits if hit.rule_id != "incentive"]
        for hit in hits:
            rule = RULES_BY_ID[hit.rule_id]
            findings.append(
                Finding(
                    rule_id=hit.rule_id,
                    severity=hit.severity or rule.severity,
                    field=name,
                    start=hit.start,
                    end=hit.end,
                    excerpt=text[hit.start : hit.end],
                    guideline=hit.guideline or rule.guideline,
                )
            )

    extra = learned.flagged(message, already={finding.rule_id for finding in findings}) if learned_check else []
    for rule_id, name, start, end in extra:
        rule = RULES_BY_ID[rule_id]
        text = message.subject if name == "subject" else message.body
        guideline = (LEARNED_GUIDELINE if end > start else LEARNED_WHOLE_GUIDELINE).format(rule.guideline)
        findings.append(Finding(rule_id, rule.severity, name, start, end, text[start:end], guideline))

    if message.proactive and kind in ORDER_ID_KINDS and not _has_order_id(message):
        rule = RULES_BY_ID["missing_order_id"]
        # Nothing to highlight: the finding points at the start of the body.
        findings.append(Finding(rule.rule_id, rule.severity, "body", 0, 0, "", rule.guideline))

    return sorted(
        findings, key=lambda finding: (FIELD_ORDER[finding.field], finding.start, finding.end, finding.rule_id)
    )


def is_blocked(findings: Iterable[Finding]) -> bool:
    return any(finding.severity == Severity.BLOCK for finding in findings)
