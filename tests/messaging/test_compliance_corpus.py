"""Amazon Communication Guidelines checker against the labelled corpus
(compliance_corpus.json): its shape, the recall and false-positive rate it
prints, and findings that stay inside their field on odd texts.

The checker is pure Python: none of these tests touch the database.
"""

import json

import pytest

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


def corpus_figures(items):
    """(recall, false-positive rate, missed ids, false-positive ids): a violating message is
    caught when every expected rule fires; a compliant one is a false positive when anything
    blocks it."""
    missed, false_positives = [], []
    violating = compliant = 0
    for item in items:
        findings = check_message(corpus_message(item))
        if item["violations"]:
            violating += 1
            if not set(item["violations"]) <= {finding.rule_id for finding in findings}:
                missed.append(item["id"])
        else:
            compliant += 1
            if is_blocked(findings):
                false_positives.append(item["id"])
    return 1 - len(missed) / violating, len(false_positives) / compliant, missed, false_positives


def report(name, items, before=None):
    recall, fpr, missed, false_positives = corpus_figures(items)
    violating = sum(bool(item["violations"]) for item in items)
    compliant = len(items) - violating
    line = f"\n{name}: recall {recall:.1%} on {violating} violating, false positives {fpr:.1%} on {compliant} compliant"
    if before:
        line += f" (before the meaning-based rules: recall {before[0]:.1%}, false positives {before[1]:.1%})"
    print(line)
    print(f"  missed: {missed or 'none'}; false positives: {false_positives or 'none'}")
    return recall, fpr, missed, false_positives


def test_corpus_recall_and_false_positives():
    """The tuned corpus: at or above its figures before the meaning-based rules (100 %, 0.7 %)."""
    recall, fpr, missed, false_positives = report("tuned corpus", load_corpus(), before=(1.0, 1 / 149))
    assert recall == 1.0, missed
    assert fpr <= 1 / 149, false_positives


# --- corpora the rules were not written from -------------------------------------------------------------
# compliance_corpus_blind.json: 191 messages a helper wrote before any rule change, seeing
# neither the rules nor the tuned corpus. Measured before the change, then tuned on: first its
# "dev" half only (the "holdout" half stayed unread until the dev half passed), then all of it.
# compliance_corpus_blind2.json: 165 more by another helper, committed unread and never tuned
# on (only its per-rule miss counts were looked at) — the figure that says how the rules generalise.
# compliance_corpus_published.json: 63 messages sellers and seller tools have published, with sources.
BLIND = CORPUS_PATH.with_name("compliance_corpus_blind.json")
BLIND2 = CORPUS_PATH.with_name("compliance_corpus_blind2.json")
PUBLISHED = CORPUS_PATH.with_name("compliance_corpus_published.json")
BEFORE = {  # the checker at 8660651, before the meaning-based rules
    "blind dev": (0.500, 0.125),
    "blind holdout": (0.553, 0.239),
    "blind": (0.526, 0.181),
    "blind2": (0.767, 0.025),
    "published": (0.705, 0.0),
}
BLIND_KEYS = {"id", "language", "kind", "subject", "body", "first_contact_after_negative", "proactive", "violations"}


@pytest.mark.parametrize(
    ("path", "extra_keys", "minimum"),
    [(BLIND, {"split"}, 180), (BLIND2, set(), 160), (PUBLISHED, {"split", "source"}, 60)],
    ids=["blind", "blind2", "published"],
)
def test_independent_corpora_are_well_formed(path, extra_keys, minimum):
    items = json.loads(path.read_text(encoding="utf-8"))
    assert len(items) >= minimum and len({item["id"] for item in items}) == len(items)
    for item in items:
        assert set(item) == BLIND_KEYS | extra_keys, item["id"]
        kind = MessageKind(item["kind"])
        assert item["first_contact_after_negative"] == (kind == MessageKind.FIRST_CONTACT_NEGATIVE)
        assert set(item["violations"]) <= RULE_IDS, item["id"]
    if path != PUBLISHED:  # the published messages are what could be found: almost all English
        assert {item["language"] for item in items} == {"en", "de", "fr", "es", "it", "ja"}
        assert {rule for item in items for rule in item["violations"]} == RULE_IDS


def test_blind_corpus_meets_the_targets():
    items = json.loads(BLIND.read_text(encoding="utf-8"))
    for split in ("dev", "holdout"):
        report(f"blind corpus, {split} half", [i for i in items if i["split"] == split], BEFORE[f"blind {split}"])
    recall, fpr, missed, false_positives = report("blind corpus, all", items, BEFORE["blind"])
    assert recall >= 0.97, missed
    assert fpr <= 0.03, false_positives


def test_never_tuned_corpus_is_reported_with_a_floor():
    """Reported for what it is, the rules' figure on unseen text; the floor only catches a regression."""
    recall, fpr, missed, false_positives = report(
        "second blind corpus (never tuned on)", json.loads(BLIND2.read_text(encoding="utf-8")), BEFORE["blind2"]
    )
    assert recall >= 0.92, missed
    assert fpr <= 0.03, false_positives


def test_published_messages_are_reported_with_a_floor():
    recall, fpr, missed, false_positives = report(
        "published seller messages", json.loads(PUBLISHED.read_text(encoding="utf-8")), BEFORE["published"]
    )
    assert recall >= 0.9, missed
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
