"""Amazon Communication Guidelines checker against the labelled corpus
(compliance_corpus.json): its shape, the recall and false-positive rate it
prints, and findings that stay inside their field on odd texts.

The checker is pure Python: none of these tests touch the database.
"""

import json

from messaging.compliance import Message, MessageKind, check_message, is_blocked

from .compliance_checks import CORPUS_PATH, RULE_IDS

# --- the labelled corpus --------------------------------------------------------------------------------


def load_corpus():
    return json.loads(CORPUS_PATH.read_text(encoding="utf-8"))


def corpus_message(item):
    return Message(
        kind=MessageKind(item["kind"]),
        subject=item["subject"],
        body=item["body"],
        language=item["language"],
        first_contact_after_negative=item["first_contact_after_negative"],
        proactive=item["proactive"],
    )


def test_corpus_is_well_formed():
    corpus = load_corpus()
    assert len(corpus) >= 200
    assert len({item["id"] for item in corpus}) == len(corpus)
    assert {item["language"] for item in corpus} == {"en", "de", "fr", "es", "it", "ja"}
    for item in corpus:
        assert set(item) == {
            "id",
            "language",
            "kind",
            "subject",
            "body",
            "first_contact_after_negative",
            "proactive",
            "violations",
        }
        MessageKind(item["kind"])
        assert set(item["violations"]) <= RULE_IDS, item["id"]
    violating_share = sum(bool(item["violations"]) for item in corpus) / len(corpus)
    assert 0.4 <= violating_share <= 0.6
    assert {rule for item in corpus for rule in item["violations"]} == RULE_IDS


def test_corpus_recall_and_false_positives():
    """A violating message is caught when every expected rule fires; a compliant one is a false
    positive when anything blocks it."""
    missed, false_positives = [], []
    violating = compliant = 0
    for item in load_corpus():
        findings = check_message(corpus_message(item))
        if item["violations"]:
            violating += 1
            if not set(item["violations"]) <= {finding.rule_id for finding in findings}:
                missed.append(item["id"])
        else:
            compliant += 1
            if is_blocked(findings):
                false_positives.append(item["id"])
    recall = 1 - len(missed) / violating
    fpr = len(false_positives) / compliant
    print(
        f"\ncompliance corpus: recall {recall:.1%} on {violating} violating, "
        f"false positives {fpr:.1%} on {compliant} compliant"
    )
    print(f"missed: {missed or 'none'}; false positives: {false_positives or 'none'}")
    assert recall >= 0.95, missed
    assert fpr <= 0.05, false_positives


FUZZ_TEXTS = [
    "",
    " ",
    "{{",
    "}}{{ x }}{{",
    "!!" * 50,
    "a." * 500,
    "1-" * 500,
    "😀\u200d" * 50,
    "\ufe0f\u20e3" * 20,
    "(+" * 100,
    "www." * 100,
    "http://" + "x" * 1000,
    "A" * 1000,
    "if you remove your feedback we will refund " * 50,
]


def test_findings_stay_inside_their_field():
    messages = [corpus_message(item) for item in load_corpus()]
    for text in FUZZ_TEXTS:
        for kind in MessageKind:
            message = Message(kind=kind, subject=text, body=text, language="xx", first_contact_after_negative=True)
            messages.append(message)
    for message in messages:
        for finding in check_message(message):
            text = message.subject if finding.field == "subject" else message.body
            assert finding.field in ("subject", "body")
            assert 0 <= finding.start <= finding.end <= len(text), finding
            assert finding.excerpt == text[finding.start : finding.end]
