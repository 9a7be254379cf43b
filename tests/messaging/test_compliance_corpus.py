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


def corpus_figures(items, learned_check=True):
    """(recall, false-positive rate, missed ids, false-positive ids): a violating message is
    caught when every expected rule fires; a compliant one is a false positive when anything
    blocks it. learned_check=False: the rules alone."""
    missed, false_positives = [], []
    violating = compliant = 0
    for item in items:
        findings = check_message(corpus_message(item), learned_check=learned_check)
        if item["violations"]:
            violating += 1
            if not set(item["violations"]) <= {finding.rule_id for finding in findings}:
                missed.append(item["id"])
        else:
            compliant += 1
            if is_blocked(findings):
                false_positives.append(item["id"])
    return 1 - len(missed) / violating, len(false_positives) / compliant, missed, false_positives


def report(name, items, before=None, learned_check=True):
    recall, fpr, missed, false_positives = corpus_figures(items, learned_check)
    violating = sum(bool(item["violations"]) for item in items)
    compliant = len(items) - violating
    line = f"\n{name}: recall {recall:.1%} on {violating} violating, false positives {fpr:.1%} on {compliant} compliant"
    if before:
        line += f" (on first reading, see BEFORE: recall {before[0]:.1%}, false positives {before[1]:.1%})"
    print(line)
    print(f"  missed: {missed or 'none'}; false positives: {false_positives or 'none'}")
    return recall, fpr, missed, false_positives


def test_corpus_recall_and_false_positives():
    """The tuned corpus: at or above its figures before the meaning-based rules (100 %, 0.7 %)."""
    recall, fpr, missed, false_positives = report("tuned corpus", load_corpus(), before=(1.0, 1 / 149))
    assert recall == 1.0, missed
    assert fpr <= 1 / 149, false_positives


# --- corpora the rules were not written from -------------------------------------------------------------
# Each blind corpus was written by a helper who saw neither the rules nor any other corpus, and
# committed before the rules it measured were changed. The rules were then improved in rounds:
# round 1 on the first blind corpus's "dev" half (its "holdout" half unread until the dev half
# passed), round 2 on all of it, measured on blind2; round 3 on blind2, measured on blind3;
# round 4 on blind3, measured on blind4; round 5 on blind4, measured on blind5 and blind6;
# round 6 on blind5, measured on blind6 again; round 7 on blind6, measured on blind7; round 8 on
# blind7, measured on blind8; round 9 on blind8, measured on blind9 and blind10; round 10 on those
# two, measured on blind12; round 11 on blind12, measured on blind11; round 12 on blind11, measured
# on blind13 and blind14; round 13 on those two, measured on blind15 and blind16, which are never
# tuned on (NEVER_TUNED). BEFORE holds each corpus's
# figure with the rules it was first measured on, before anything was learnt from it.
# compliance_corpus_published.json: 63 messages sellers and seller tools have published, with sources.
BLIND = CORPUS_PATH.with_name("compliance_corpus_blind.json")
BLIND2 = CORPUS_PATH.with_name("compliance_corpus_blind2.json")
BLIND3 = CORPUS_PATH.with_name("compliance_corpus_blind3.json")
BLIND4 = CORPUS_PATH.with_name("compliance_corpus_blind4.json")
BLIND5 = CORPUS_PATH.with_name("compliance_corpus_blind5.json")
BLIND6 = CORPUS_PATH.with_name("compliance_corpus_blind6.json")
BLIND7 = CORPUS_PATH.with_name("compliance_corpus_blind7.json")
BLIND8 = CORPUS_PATH.with_name("compliance_corpus_blind8.json")
BLIND9 = CORPUS_PATH.with_name("compliance_corpus_blind9.json")
BLIND10 = CORPUS_PATH.with_name("compliance_corpus_blind10.json")
BLIND11 = CORPUS_PATH.with_name("compliance_corpus_blind11.json")
BLIND12 = CORPUS_PATH.with_name("compliance_corpus_blind12.json")
BLIND13 = CORPUS_PATH.with_name("compliance_corpus_blind13.json")
BLIND14 = CORPUS_PATH.with_name("compliance_corpus_blind14.json")
BLIND15 = CORPUS_PATH.with_name("compliance_corpus_blind15.json")
BLIND16 = CORPUS_PATH.with_name("compliance_corpus_blind16.json")
BLIND17 = CORPUS_PATH.with_name("compliance_corpus_blind17.json")
BLIND18 = CORPUS_PATH.with_name("compliance_corpus_blind18.json")
BLIND19 = CORPUS_PATH.with_name("compliance_corpus_blind19.json")
BLIND20 = CORPUS_PATH.with_name("compliance_corpus_blind20.json")
BLIND21 = CORPUS_PATH.with_name("compliance_corpus_blind21.json")
BLIND22 = CORPUS_PATH.with_name("compliance_corpus_blind22.json")
# Never tuned on, by the rules or by the learned check (messaging/compliance/learned.py, trained
# on every other corpus by scripts/train_learned_check.py, its threshold chosen leaving one
# training corpus out at a time). The rules alone, round 13, as first read: blind15 91.4 % / 1.2 %,
# blind16 90.1 % / 1.2 %, blind17 97.7 % / 0.0 %, blind18 96.7 % / 0.0 % (blind17 and blind18 were
# written after the learned check's experiments on blind15 and blind16, and read once).
# blind19 to blind22 were written after the learned check was built and first read with it.
NEVER_TUNED = {
    "blind15": BLIND15,
    "blind16": BLIND16,
    "blind17": BLIND17,
    "blind18": BLIND18,
    "blind19": BLIND19,
    "blind20": BLIND20,
    "blind21": BLIND21,
    "blind22": BLIND22,
}
# blind15-18: rules alone 94.0 % / 0.6 %; with the learned check 97.5 % / 1.2 % (blind15 + blind16
# 96.2 % / 2.4 %, blind17 + blind18 98.9 % / 0.0 %). blind19 + blind20, first read: rules alone
# 97.3 % / 0.0 %, with the learned check 99.5 % / 1.8 %; blind21 + blind22, first read: 92.1 % / 0.6 %
# and 96.6 % / 0.6 %. All eight: rules alone 94.4 % / 0.4 %, with the learned check 97.8 % / 1.2 %.
# The floors, on all eight, catch a regression.
NEVER_TUNED_FLOOR = (0.93, 0.02)  # the rules alone
LEARNED_FLOOR = (0.97, 0.02)  # with the learned check
PUBLISHED = CORPUS_PATH.with_name("compliance_corpus_published.json")
BEFORE = {  # (recall, false positives) on first reading, and with which rules
    "blind dev": (0.500, 0.125),  # the checker at 8660651, before the meaning-based rules
    "blind holdout": (0.553, 0.239),  # 8660651
    "blind": (0.526, 0.181),  # 8660651
    "blind2": (0.942, 0.0),  # after round 1 (at 8660651: 76.7 %, 2.5 %)
    "blind3": (0.892, 0.061),  # after round 2 (at 8660651: 75.9 %, 12.2 %)
    "blind4": (0.798, 0.024),  # after round 4 (at 8660651: 62.9 %, 2.4 %)
    "blind5": (0.859, 0.081),  # after round 5
    "blind6": (0.849, 0.090),  # after round 5 (after round 6, still unread: 87.1 %, 1.1 %)
    "blind7": (0.802, 0.0),  # after round 7
    "blind8": (0.889, 0.012),  # after round 8
    "blind9": (0.945, 0.012),  # after round 9
    "blind10": (0.910, 0.0),  # after round 9
    "blind11": (0.945, 0.0),  # after round 11
    "blind12": (0.889, 0.012),  # after round 10
    "blind13": (0.932, 0.0),  # after round 12
    "blind14": (0.911, 0.012),  # after round 12
    "published": (0.705, 0.0),  # 8660651
}
# Every blind corpus the rules were tuned on after its first reading.
TUNED_ON = [name for name in BEFORE if name.startswith("blind") and " " not in name]
BLIND_KEYS = {"id", "language", "kind", "subject", "body", "first_contact_after_negative", "proactive", "violations"}


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("path", "extra_keys", "minimum"),
    [
        (BLIND, {"split"}, 180),
        (BLIND2, set(), 160),
        (BLIND3, set(), 160),
        (BLIND4, set(), 160),
        (BLIND5, set(), 170),
        (BLIND6, set(), 170),
        (BLIND7, set(), 170),
        (BLIND8, set(), 170),
        (BLIND9, set(), 170),
        (BLIND10, set(), 170),
        (BLIND11, set(), 170),
        (BLIND12, set(), 170),
        (BLIND13, set(), 170),
        (BLIND14, set(), 170),
        (BLIND15, set(), 170),
        (BLIND16, set(), 170),
        (BLIND17, set(), 170),
        (BLIND18, set(), 170),
        (BLIND19, set(), 170),
        (BLIND20, set(), 170),
        (BLIND21, set(), 170),
        (BLIND22, set(), 170),
        (PUBLISHED, {"split", "source"}, 60),
    ],
    ids=[
        "blind",
        "blind2",
        "blind3",
        "blind4",
        "blind5",
        "blind6",
        "blind7",
        "blind8",
        "blind9",
        "blind10",
        "blind11",
        "blind12",
        "blind13",
        "blind14",
        "blind15",
        "blind16",
        "blind17",
        "blind18",
        "blind19",
        "blind20",
        "blind21",
        "blind22",
        "published",
    ],
)
def test_independent_corpora_are_well_formed(path, extra_keys, minimum):
    items = load(path)
    assert len(items) >= minimum and len({item["id"] for item in items}) == len(items)
    for item in items:
        assert set(item) == BLIND_KEYS | extra_keys, item["id"]
        kind = MessageKind(item["kind"])
        assert item["first_contact_after_negative"] == (kind == MessageKind.FIRST_CONTACT_NEGATIVE)
        assert set(item["violations"]) <= RULE_IDS, item["id"]
    if path != PUBLISHED:  # the published messages are what could be found: almost all English
        assert {item["language"] for item in items} == {"en", "de", "fr", "es", "it", "ja"}
        assert {rule for item in items for rule in item["violations"]} == RULE_IDS


@pytest.mark.parametrize("name", TUNED_ON)
def test_blind_corpora_tuned_on_after_measuring_meet_the_targets(name):
    items = load(CORPUS_PATH.with_name(f"compliance_corpus_{name}.json"))
    if name == "blind":
        for split in ("dev", "holdout"):
            report(f"{name}, {split} half", [i for i in items if i["split"] == split], BEFORE[f"blind {split}"])
    recall, fpr, missed, false_positives = report(f"{name} (tuned on after measuring)", items, BEFORE[name])
    assert recall >= 0.97, missed
    assert fpr <= 0.03, false_positives


def test_never_tuned_corpora_are_reported_with_a_floor():
    """blind15 to blind22: the checker's figure on text it was never tuned or trained on, reported
    for what it is, rules alone and with the learned check, each corpus, each pair and all eight."""
    groups = {name: load(path) for name, path in NEVER_TUNED.items()}
    groups["blind15 + blind16"] = groups["blind15"] + groups["blind16"]
    groups["blind17 + blind18"] = groups["blind17"] + groups["blind18"]
    groups["blind19 + blind20"] = groups["blind19"] + groups["blind20"]
    groups["blind21 + blind22"] = groups["blind21"] + groups["blind22"]
    groups["all eight"] = [item for name in NEVER_TUNED for item in groups[name]]
    for name, items in groups.items():
        rules_alone = report(f"{name} (never tuned on), rules alone", items, learned_check=False)
        with_learned = report(f"{name} (never tuned on), rules and learned check", items)
    assert rules_alone[0] >= NEVER_TUNED_FLOOR[0], rules_alone[2]
    assert rules_alone[1] <= NEVER_TUNED_FLOOR[1], rules_alone[3]
    assert with_learned[0] >= LEARNED_FLOOR[0], with_learned[2]
    assert with_learned[1] <= LEARNED_FLOOR[1], with_learned[3]


def test_published_messages_are_reported_with_a_floor():
    recall, fpr, missed, false_positives = report("published seller messages", load(PUBLISHED), BEFORE["published"])
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
