"""feedback.eligibility: which seller feedback Amazon removes or strikes through, and why.

The module is pure Python; none of these tests needs a database. The corpus test prints
precision and recall of `eligible` and outcome accuracy per split, per language and in
total (run pytest with -s to see them), and asserts them on the labelled corpus only;
the blind corpus, when present, is reported, never asserted.
"""

import ast
import dataclasses
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from feedback.eligibility import Reason, Verdict, removal_eligibility

HERE = Path(__file__).parent
REPO = HERE.parent.parent
CORPUS = HERE / "eligibility_corpus.json"
BLIND = HERE / "eligibility_corpus_blind.json"
FIELDS = {"id", "language", "rating", "fulfillment_channel", "comment", "outcome", "reasons", "note"}
OUTCOMES = {"removed", "struck_through", "not_eligible"}
REASON_IDS = {"obscene", "personal_info", "product_review", "fba_fulfillment", "buy_shipping_late", "promotional"}


def verdict(comment, rating=1, channel="MFN", language="en", **kw) -> Verdict:
    return removal_eligibility(comment, rating=rating, fulfillment_channel=channel, language=language, **kw)


def spans(v: Verdict, comment: str, reason_id: str) -> list[str]:
    return [comment[r.start : r.end] for r in v.reasons if r.id == reason_id]


# --- no Django -------------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["eligibility.py", "eligibility_lexicon.py"])
def test_modules_import_no_django(module):
    tree = ast.parse((REPO / "feedback" / module).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
    assert "django" not in imported


def test_importing_the_module_loads_no_django():
    # A fresh interpreter: this one has Django loaded by pytest-django already.
    code = "import sys, feedback.eligibility; assert 'django' not in sys.modules, 'django imported'"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


# --- the verdict -----------------------------------------------------------------------------


def test_verdict_and_reason_are_frozen_dataclasses():
    v = verdict("Stopped working after two days.")
    assert dataclasses.is_dataclass(v) and dataclasses.is_dataclass(v.reasons[0])
    assert isinstance(v.reasons, tuple) and isinstance(v.topics, tuple) and isinstance(v.reasons[0], Reason)
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.outcome = "removed"  # type: ignore[misc]


def test_obscene_word_is_highlighted():
    comment = "Seller never answered, total bullshit."
    v = verdict(comment)
    assert (v.eligible, v.outcome) == (True, "removed")
    assert spans(v, comment, "obscene") == ["bullshit"]
    assert v.reasons[0].explanation


@pytest.mark.parametrize(
    "comment",
    ["Damn, the seller never answered.", "Mist, der Verkäufer antwortet nicht.", "Nul, le vendeur ne répond pas.",
     "Bunch of scammers.", "Cocktail shaker arrived, seller ignored me.", "Scunthorpe buyer: seller never replied."],
)  # fmt: skip
def test_rude_but_not_profane_words_are_not_obscene(comment):
    assert "obscene" not in verdict(comment, language=None).reason_ids


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("Contact me at john.doe@example.com, no refund yet.", "john.doe@example.com"),
        ("Email me at jane (at) example dot com, no refund yet.", "jane (at) example dot com"),
        ("Call me on (555) 123-4567, the seller ignores me.", "(555) 123-4567"),
        ("Jane Doe from customer support was rude and hung up on me.", "Jane Doe"),
        ("Spoke to Mr. John Doe who refused my return.", "John Doe"),
    ],
)
def test_personal_information_is_highlighted(comment, expected):
    v = verdict(comment)
    assert v.outcome == "removed"
    assert spans(v, comment, "personal_info") == [expected]


@pytest.mark.parametrize(
    ("comment", "language", "expected"),
    [
        ("Herr Max Mustermann vom Kundendienst hat mich abgewimmelt.", "de", "Max Mustermann"),
        ("Appelez-moi au 01 99 00 12 34 pour le remboursement.", "fr", "01 99 00 12 34"),
        ("El Sr. Juan Pérez de atención al cliente fue grosero.", "es", "Juan Pérez"),
        ("Il sig. Mario Rossi del servizio clienti mi ha trattato male.", "it", "Mario Rossi"),
        ("担当の山田太郎さんの対応が最悪でした。", "ja", "山田太郎"),
        ("電話090-1234-5678に連絡ください。", "ja", "090-1234-5678"),
    ],
)
def test_personal_information_in_other_languages(comment, language, expected):
    v = verdict(comment, language=language)
    assert spans(v, comment, "personal_info") == [expected]


@pytest.mark.parametrize(
    ("comment", "channel"),
    [
        ("Order 112-1234567-1234567 never arrived, tracking shows nothing since 03/14/2024.", "MFN"),
        ("Tracking 9400 1000 0000 0000 0000 00 says delivered, but the seller ignores me.", "MFN"),
        ("Paid $129.99 on 2024-05-01 and the seller refused a refund.", "MFN"),
        ("Bestellnummer 302-1234567-7654321, bezahlt 49,99 €, Verkäufer antwortet nicht.", "MFN"),
        ("Thanks to Amazon Customer Service, the seller did nothing.", "MFN"),
        ("Sold by Acme Gadgets, who never replied to my emails.", "MFN"),
        ("John from support promised a callback that never came.", "MFN"),
        ("Frau Müller vom Support war unfreundlich.", "MFN"),
        ("出品者様の対応が悪いです。", "MFN"),
    ],
)
def test_numbers_brands_and_single_names_are_not_personal_information(comment, channel):
    v = verdict(comment, channel=channel, language=None)
    assert "personal_info" not in v.reason_ids
    assert not v.eligible


def test_brand_named_after_a_person_is_not_a_name():
    comment = "The Ralph Lauren polo shrank after one wash."
    v = verdict(comment)
    assert v.reason_ids == ("product_review",)


def test_product_only_comment_spans_the_whole_comment_trimmed():
    comment = "  Stopped working after two days. Cheap plastic junk.  "
    v = verdict(comment)
    assert (v.outcome, v.reason_ids, v.topics) == ("removed", ("product_review",), ("product",))
    assert spans(v, comment, "product_review") == ["Stopped working after two days. Cheap plastic junk."]


def test_profane_product_review_lists_both_reasons():
    v = verdict("This is total shit, doesn't even turn on.")
    assert v.outcome == "removed"
    assert set(v.reason_ids) == {"obscene", "product_review"}


def test_promotion_is_highlighted():
    comment = "Same charger is cheaper at www.example-gadgets.com, don't buy here."
    v = verdict(comment)
    assert v.outcome == "removed"
    assert spans(v, comment, "promotional") == ["www.example-gadgets.com"]
    assert not verdict("Followed the return steps on amazon.com and still no refund.").eligible


def test_delivery_only_is_struck_through_for_fba_only():
    comment = "Package arrived a week late and the box was crushed."
    fba = verdict(comment, channel="AFN")
    assert (fba.eligible, fba.outcome, fba.reason_ids, fba.topics) == (
        True,
        "struck_through",
        ("fba_fulfillment",),
        ("delivery",),
    )
    assert spans(fba, comment, "fba_fulfillment") == [comment]
    mfn = verdict(comment, channel="MFN")
    assert (mfn.eligible, mfn.outcome, mfn.reasons, mfn.request_text) == (False, "not_eligible", (), "")


def test_buy_shipping_flag_strikes_through_late_seller_fulfilled_delivery():
    comment = "Delivered late even though I paid for express."
    assert not verdict(comment).eligible
    v = verdict(comment, buy_shipping_on_time=True)
    assert (v.outcome, v.reason_ids) == ("struck_through", ("buy_shipping_late",))
    mixed = verdict("Arrived late and the seller didn't respond.", buy_shipping_on_time=True)
    assert not mixed.eligible
    product = verdict("Cheap material, the seams came apart.", buy_shipping_on_time=True)
    assert product.reason_ids == ("product_review",)


def test_removed_wins_over_struck_through():
    v = verdict("Shitty packaging, everything rattled around in the box.", channel="AFN")
    assert v.outcome == "removed"
    assert set(v.reason_ids) == {"obscene", "fba_fulfillment"}


@pytest.mark.parametrize(
    ("comment", "channel", "topics"),
    [
        ("The product broke and the seller never answered.", "MFN", ("product", "service")),
        ("Arrived on time, but the zipper broke within a week.", "AFN", ("product", "delivery")),
        ("Looks nothing like the description, the listing is misleading.", "MFN", ("product", "service")),
        ("Sent me the wrong color and no reply from the seller.", "MFN", ("service",)),
        ("The box was damaged and the seller won't replace it.", "AFN", ("delivery", "service")),
        ("Great seller, terrible product.", "AFN", ("product", "service")),
        ("Horrible experience.", "MFN", ()),
    ],
)
def test_service_and_mixed_comments_are_not_eligible(comment, channel, topics):
    v = verdict(comment, channel=channel)
    assert (v.eligible, v.outcome, v.reasons, v.request_text) == (False, "not_eligible", (), "")
    assert v.topics == topics


@pytest.mark.parametrize("rating", [4, 5])
@pytest.mark.parametrize(
    "comment",
    ["Fucking awesome, works perfectly!", "Stopped working after two days.", "Contact me at john.doe@example.com",
     "Package arrived a week late.", "Cheaper at www.example-gadgets.com"],
)  # fmt: skip
def test_ratings_4_and_5_are_never_eligible(comment, rating):
    v = verdict(comment, rating=rating, channel="AFN", buy_shipping_on_time=True)
    assert (v.eligible, v.outcome, v.reasons, v.request_text) == (False, "not_eligible", (), "")


def test_request_text_cites_the_policy_and_quotes_no_buyer_data():
    comment = "Jane Doe, call me at 555-0147 or john.doe@example.com. This is shit."
    v = verdict(comment)
    assert v.outcome == "removed"
    assert "personal information" in v.request_text and "profane" in v.request_text
    assert "removed" in v.request_text
    for secret in ("Jane", "Doe", "555", "example.com", "shit"):
        assert secret not in v.request_text
    struck = verdict("UPS lost my package.", channel="AFN")
    assert "struck through" in struck.request_text and "FBA" in struck.request_text


@pytest.mark.parametrize(
    ("comment", "outcome"),
    [
        ("So ein Scheiß, funktioniert überhaupt nicht.", "removed"),
        ("Colis perdu par le transporteur, jamais reçu.", "struck_through"),
        ("Se rompió al segundo día, la calidad es pésima.", "removed"),
        ("Venditore maleducato, non risponde ai messaggi.", "not_eligible"),
        ("配達が予定より3日も遅れました。箱も潰れていました。", "struck_through"),
    ],
)
def test_language_is_detected_when_not_given(comment, outcome):
    assert verdict(comment, channel="AFN", language=None).outcome == outcome


# --- the corpus ------------------------------------------------------------------------------


def _load(path: Path, strict: bool = True) -> list[dict]:
    items = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(items, list) and items
    for item in items:
        assert (
            FIELDS <= item.keys() if strict else {"comment", "rating", "fulfillment_channel", "outcome"} <= item.keys()
        )
        if strict:
            assert item["outcome"] in OUTCOMES and set(item["reasons"]) <= REASON_IDS, item["id"]
    return items


def _run(items: list[dict]) -> list[tuple[dict, Verdict]]:
    return [
        (
            item,
            removal_eligibility(
                item["comment"],
                rating=item["rating"],
                fulfillment_channel=item["fulfillment_channel"],
                language=item.get("language"),
                buy_shipping_on_time=item.get("buy_shipping_on_time", False),
            ),
        )
        for item in items
    ]


def _figures(results) -> dict:
    tp = sum(1 for item, v in results if v.eligible and item["outcome"] != "not_eligible")
    fp = sum(1 for item, v in results if v.eligible and item["outcome"] == "not_eligible")
    fn = sum(1 for item, v in results if not v.eligible and item["outcome"] != "not_eligible")
    right = sum(1 for item, v in results if v.outcome == item["outcome"])
    return {
        "n": len(results),
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "accuracy": right / len(results) if results else 1.0,
        "fp": fp,
        "fn": fn,
    }


def _report(title: str, results) -> dict:
    groups: dict[str, list] = defaultdict(list)
    for item, v in results:
        groups[f"split {item.get('split', '-')}"].append((item, v))
        groups[f"lang {item.get('language')}"].append((item, v))
    total = _figures(results)
    print(f"\n== {title}: precision / recall of `eligible`, outcome accuracy ==")
    for name in sorted(groups) + ["TOTAL"]:
        f = total if name == "TOTAL" else _figures(groups[name])
        print(
            f"  {name:<18} n={f['n']:>4}  P={f['precision']:.3f}  R={f['recall']:.3f}  "
            f"acc={f['accuracy']:.3f}  FP={f['fp']} FN={f['fn']}"
        )
    for item, v in results:
        if v.outcome != item["outcome"]:
            print(
                f"  miss {item.get('id')}: want {item['outcome']}, got {v.outcome} {v.reason_ids} | {item['comment']}"
            )
    return total


def test_corpus_precision_and_recall():
    items = _load(CORPUS)
    assert len(items) >= 220
    assert len({item["id"] for item in items}) == len(items)
    assert sum(item.get("split") == "blind_dev" for item in items) >= 60
    total = _report(CORPUS.name, _run(items))
    assert total["precision"] >= 0.95
    assert total["recall"] >= 0.85


def test_blind_corpus_is_reported_when_present():
    if not BLIND.exists():
        pytest.skip(f"{BLIND.name} not added yet")
    _report(BLIND.name, _run(_load(BLIND, strict=False)))  # figures are reported, not asserted
