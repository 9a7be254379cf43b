"""Shared by the compliance checker's tests (test_compliance_*.py): the rule
ids, the labelled corpus's path, and short ways to check a message and read
its findings."""

from pathlib import Path

from messaging.compliance import Message, MessageKind, check_message

CORPUS_PATH = Path(__file__).with_name("compliance_corpus.json")
RULE_IDS = {
    "incentive",
    "positive_only",
    "review_change",
    "removal_in_first_contact",
    "external_link",
    "email_address",
    "phone_number",
    "emoji",
    "image",
    "important_subject",
    "opt_out",
    "marketing",
    "missing_order_id",
    "shouting",
}


def check(
    body, *, subject="Re: your question", kind=MessageKind.BUYER_REPLY, language="en", learned_check=True, **fields
):
    """Findings for a message; by default a reply, which needs no order id."""
    fields.setdefault("proactive", kind not in (MessageKind.BUYER_REPLY, MessageKind.PUBLIC_RESPONSE))
    message = Message(kind=kind, subject=subject, body=body, language=language, **fields)
    return check_message(message, learned_check=learned_check)


def excerpts(findings, rule_id, field="body"):
    return [finding.excerpt for finding in findings if finding.rule_id == rule_id and finding.field == field]


def assert_flags(findings, rule_id, text, expected, field="body"):
    """The rule fires on exactly `expected`, at its real offsets in the field."""
    matching = [finding for finding in findings if finding.rule_id == rule_id and finding.field == field]
    assert [finding.excerpt for finding in matching] == [expected], findings
    finding = matching[0]
    assert (finding.start, finding.end) == (text.index(expected), text.index(expected) + len(expected))
    assert text[finding.start : finding.end] == expected


def assert_clean(findings, rule_id):
    assert not [finding for finding in findings if finding.rule_id == rule_id], findings
