"""The learned check (messaging/compliance/learned.py): its pure-Python scorer gives scikit-learn's
own probabilities, its model was trained on the corpora as they are now (and never on the corpora
it is measured on), and what it adds to the rules' findings.

Pure Python, like the checker: none of these tests touch the database.
"""

import hashlib
import json

import pytest

from messaging.compliance import RULES_BY_ID, Message, MessageKind, Severity, is_blocked
from messaging.compliance.learned import MODEL_PATH, LearnedModel, flagged, probabilities

from .compliance_checks import CORPUS_PATH, check
from .test_compliance_corpus import NEVER_TUNED, corpus_message

CORPORA = sorted(CORPUS_PATH.parent.glob("compliance_corpus*.json"))
MODEL = json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def test_the_scorer_gives_the_probabilities_scikit_learn_gave_when_training():
    items = {item["id"]: item for path in CORPORA for item in json.loads(path.read_text(encoding="utf-8"))}
    assert len(MODEL["reference"]) >= 50
    for reference in MODEL["reference"]:
        scores = probabilities(corpus_message(items[reference["id"]]))
        for rule_id, expected in zip(MODEL["classes"], reference["probabilities"], strict=True):
            assert abs(scores[rule_id] - expected) < 1e-9, (reference["id"], rule_id)


def test_the_model_was_trained_on_the_corpora_as_they_are_and_never_on_the_measured_ones():
    """Change a corpus and this fails until the model is trained again (make train-compliance)."""
    measured = {path.name for path in NEVER_TUNED.values()}
    assert measured and not measured & set(MODEL["trained_on"])
    current = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in CORPORA}
    assert MODEL["trained_on"] == {name: digest for name, digest in current.items() if name not in measured}


def test_the_model_covers_four_meaning_rules_and_stays_small():
    """Removal asked too early is the rules' alone (learned.py says why)."""
    assert MODEL["classes"] == ["incentive", "positive_only", "review_change", "marketing"]
    assert set(MODEL["classes"]) <= set(RULES_BY_ID)
    assert 0 < MODEL["threshold"] < 1
    assert MODEL_PATH.stat().st_size < 4_000_000


# An incentive in words no rule names: a "small thank-you" for those who tell others on Amazon.
PARAPHRASED_INCENTIVE = (
    "Thank you for order 112-1234567-1234567. Buyers who tell others about their order on Amazon "
    "find a small thank-you tucked into their next parcel."
)


def test_a_paraphrase_no_rule_names_is_found_by_the_learned_check():
    rules_alone = check(PARAPHRASED_INCENTIVE, kind=MessageKind.FEEDBACK_REQUEST, learned_check=False)
    assert not is_blocked(rules_alone)
    findings = check(PARAPHRASED_INCENTIVE, kind=MessageKind.FEEDBACK_REQUEST)
    [finding] = [finding for finding in findings if finding.rule_id == "incentive"]
    assert finding.severity == Severity.BLOCK
    assert "learned check" in finding.guideline and RULES_BY_ID["incentive"].guideline in finding.guideline
    # The sentence that weighs most, at its offsets in the body.
    assert finding.excerpt == PARAPHRASED_INCENTIVE[finding.start : finding.end]
    assert finding.excerpt.startswith("Buyers who tell others")


def test_a_plain_request_passes_both():
    body = (
        "Hello, thank you for order 112-1234567-1234567. If you have a moment, please share your "
        "experience with the order on Amazon. Any feedback helps other buyers."
    )
    assert not is_blocked(check(body, kind=MessageKind.FEEDBACK_REQUEST))


def test_a_rule_finding_is_not_scored_again():
    body = "Thank you for order 112-1234567-1234567. Leave a 5-star review and get a 20% discount on your next order."
    findings = check(body, kind=MessageKind.FEEDBACK_REQUEST)
    incentive = [finding for finding in findings if finding.rule_id == "incentive"]
    assert incentive and not any("learned check" in finding.guideline for finding in incentive)


FIRST_CONTACT = MessageKind.FIRST_CONTACT_NEGATIVE
SHORT_MESSAGES = [
    ("en", FIRST_CONTACT, "We read your feedback and we are truly sorry. We have sent a replacement."),
    ("en", FIRST_CONTACT, "Thank you for your feedback on order {{ order_id }}. We can refund you in full."),
    ("en", FIRST_CONTACT, "We saw your feedback and will update you as soon as the new part ships."),
    ("de", FIRST_CONTACT, "Wir haben Ihre Bewertung gelesen und bitten um Entschuldigung. Ein Ersatz ist unterwegs."),
    ("es", FIRST_CONTACT, "Hemos leído su valoración. Le enviaremos de nuevo el producto mañana."),
    ("fr", FIRST_CONTACT, "Nous avons lu votre évaluation et nous en sommes désolés. Le remboursement est en cours."),
    ("en", MessageKind.FEEDBACK_REQUEST, "Thank you for order {{ order_id }}. How did we do? {{ feedback_page_url }}"),
    ("it", MessageKind.FEEDBACK_REQUEST, "Grazie per l'ordine {{ order_id }}. Se ha un momento, ci lasci un feedback."),
    ("ja", MessageKind.BUYER_REPLY, "お問い合わせありがとうございます。商品は明日発送いたします。"),
    ("en", MessageKind.PUBLIC_RESPONSE, "We are sorry about the delay. We have refunded the shipping cost."),
]


@pytest.mark.parametrize(("language", "kind", "body"), SHORT_MESSAGES)
def test_a_short_compliant_message_passes(language, kind, body):
    """Trained on the sentences of compliant messages too (scripts/train_learned_check.py): a short
    message is not read as the long violating ones that use the same words."""
    proactive = kind in (MessageKind.FEEDBACK_REQUEST, FIRST_CONTACT)
    findings = check(
        body,
        language=language,
        subject="{{ order_id }}" if proactive else "Re: your question",
        kind=kind,
        first_contact_after_negative=kind == FIRST_CONTACT,
    )
    assert not is_blocked(findings), findings


def test_the_sentence_that_reads_like_it_or_the_message_as_a_whole():
    """A model of two words, each weighing in alone, over the threshold only together: the
    finding points at no sentence then, rather than at one that passes alone."""
    model = LearnedModel(
        classes=("incentive",),
        intercepts=(-2.0,),
        threshold=0.7,
        terms={"w:alpha": (1.0, 2.5), "w:beta": (1.0, 2.5)},
    )
    filler = " ".join(["word"] * 14)
    message = Message(kind=MessageKind.FEEDBACK_REQUEST, subject="", body=f"alpha {filler}. beta {filler}.")
    # Alone each sentence is 1 / (1 + e^-0.5) = 0.62 < 0.7; together 1 / (1 + e^-(2 * 2.5 / sqrt 2 - 2)) = 0.82.
    assert probabilities(message, model)["incentive"] > 0.8
    assert flagged(message, set(), model) == [("incentive", "body", 0, 0)]
    one_sentence = Message(kind=MessageKind.FEEDBACK_REQUEST, subject="", body=f"Alpha beta {filler}. {filler}.")
    end = len(f"Alpha beta {filler}.")
    assert flagged(one_sentence, set(), model) == [("incentive", "body", 0, end)]
    assert flagged(one_sentence, {"incentive"}, model) == []
