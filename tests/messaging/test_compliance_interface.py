"""Amazon Communication Guidelines checker: its interface (rules registry,
findings, messages, language codes) and placeholders. The per-rule tests are in
test_compliance_rules_*.py, the labelled corpus in test_compliance_corpus.py.

The checker is pure Python: none of these tests touch the database.
"""

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from messaging.compliance import (
    RULES,
    Finding,
    Message,
    MessageKind,
    Severity,
    check_message,
    is_blocked,
)

from .compliance_checks import RULE_IDS, assert_flags, check, excerpts

# --- interface --------------------------------------------------------------------------------


def test_rules_registry_describes_every_rule_once():
    assert [rule.rule_id for rule in RULES] == list(dict.fromkeys(rule.rule_id for rule in RULES))
    assert {rule.rule_id for rule in RULES} == RULE_IDS
    for rule in RULES:
        assert rule.title and rule.guideline.endswith(".")
        assert rule.severity == (Severity.WARN if rule.rule_id == "shouting" else Severity.BLOCK)


def test_findings_and_messages_are_frozen():
    message = Message(kind=MessageKind.BUYER_REPLY, subject="", body="Call (555) 555-0100", proactive=False)
    finding = check_message(message)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        message.body = ""


def test_message_defaults():
    message = Message(kind=MessageKind.FEEDBACK_REQUEST, subject="s", body="b")
    assert (message.language, message.first_contact_after_negative, message.proactive) == ("en", False, True)


def test_findings_sorted_subject_first_then_by_position():
    findings = check(
        "Call 555-555-0100 or mail a@example.com 😊", subject="[Important] see www.example.com", proactive=False
    )
    assert [(finding.field, finding.rule_id) for finding in findings] == [
        ("subject", "important_subject"),
        ("subject", "external_link"),
        ("body", "phone_number"),
        ("body", "email_address"),
        ("body", "emoji"),
    ]
    body_starts = [finding.start for finding in findings if finding.field == "body"]
    assert body_starts == sorted(body_starts)


def test_findings_on_the_same_span_can_be_sorted():
    findings = check("Please leave us ⭐⭐⭐⭐⭐")
    assert {(finding.rule_id, finding.start, finding.end) for finding in findings} == {
        ("emoji", 16, 21),
        ("positive_only", 16, 21),
    }
    assert [finding.rule_id for _, _, finding in sorted((f.start, f.end, f) for f in findings)] == [
        "emoji",
        "positive_only",
    ]


def test_finding_carries_the_guideline_it_breaks():
    (finding,) = check("Reach us at seller@example.com")
    assert finding == Finding(
        rule_id="email_address",
        severity=Severity.BLOCK,
        field="body",
        start=12,
        end=30,
        excerpt="seller@example.com",
        guideline="Do not include email addresses in messages to buyers.",
    )


def test_is_blocked():
    warn_only = check("Thank you so much!!")
    assert warn_only and not is_blocked(warn_only)
    assert is_blocked(check("Use coupon SAVE10"))
    assert not is_blocked([])


def test_module_needs_no_django():
    code = "import sys, messaging.compliance; sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], check=False)
    assert result.returncode == 0


@pytest.mark.parametrize("language", ["de", "de_DE", "de-DE", "DE"])
def test_language_codes_with_region_are_accepted(language):
    assert excerpts(check("Hier ist Ihr Gutschein.", language=language), "incentive") == ["Gutschein"]


def test_unknown_language_is_checked_with_every_word_list():
    assert excerpts(check("Ecco il codice sconto.", language="pt"), "incentive") == ["codice sconto"]


# --- placeholders ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "placeholder",
    [
        "{{ feedback_page_url }}",
        "{{ buyer_name }}",
        "{{buyer_name}}",
        "{{ coupon_code }}",
        "{{ seller_email }}",
        "{{ FACEBOOK_PAGE }}",
        "{{ review_url }}",
        '{{ buyer_name|default:"5 stars" }}',
        "{% if gift %}",
    ],
)
def test_placeholders_never_trigger_a_rule(placeholder):
    body = f"Hello {placeholder}, thank you for order {{{{ order_id }}}}. Please rate our service: {placeholder}"
    assert check(body, kind=MessageKind.FEEDBACK_REQUEST, subject=placeholder) == []


def test_offsets_after_a_placeholder_point_into_the_written_text():
    body = "Hi {{ buyer_name }}, email seller@example.com"
    assert_flags(check(body), "email_address", body, "seller@example.com")


def test_rule_titles_read_as_a_person_reads_them():
    from messaging.compliance import rule_titles

    assert rule_titles(["positive_only", "incentive", "incentive"]) == "Incentive, Positive feedback only"
    assert rule_titles(["no_such_rule"]) == "no_such_rule"
