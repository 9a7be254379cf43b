"""Train the compliance checker's learned check (messaging/compliance/learned.py) on the labelled
corpora and write messaging/compliance/learned_model.json.

    make train-compliance            # train on every corpus but the held-out ones, write the model
    make train-compliance ARGS=--loco   # leave one corpus out at a time: choose the threshold

scikit-learn is needed here only (requirements-train.txt); the app scores the written model in
pure Python. The features are learned.features, so what is trained is what is scored.

The corpora in HELD_OUT (the tests' NEVER_TUNED) are never trained on, nor used to choose
anything: they are what the checker is measured on (tests/messaging/test_compliance_corpus.py).
"""

import argparse
import hashlib
import json
import logging
import math
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from messaging.compliance import Message  # noqa: E402
from messaging.compliance.learned import (  # noqa: E402
    MODEL_PATH,
    NORMALISED,
    LearnedModel,
    features,
    group,
    long_enough,
)
from messaging.compliance.text import sentences, trimmed  # noqa: E402
from tests.messaging.test_compliance_corpus import NEVER_TUNED, corpus_message  # noqa: E402

CORPORA = ROOT / "tests" / "messaging"
HELD_OUT = set(NEVER_TUNED)  # the corpora the checker is measured on: never trained on
CLASSES = ("incentive", "positive_only", "review_change", "marketing")  # see learned.py: not removal
SIGNIFICANT = 6  # digits kept of every number written
logger = logging.getLogger("train_learned_check")


def corpus_name(path: Path) -> str:
    return path.stem.removeprefix("compliance_corpus").lstrip("_") or "tuned"


def training_corpora() -> list[Path]:
    return sorted(p for p in CORPORA.glob("compliance_corpus*.json") if corpus_name(p) not in HELD_OUT)


def fingerprint(paths: list[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def rounded(value: float) -> float:
    return float(f"{value:.{SIGNIFICANT}g}")


def vocabulary(counts: list[Counter], max_features: dict[str, int], min_df: int) -> dict[str, float]:
    """term -> idf, for the terms in at least min_df messages, the most frequent per group."""
    df, total = Counter(), Counter()
    for c in counts:
        df.update(c.keys())
        total.update(c)
    n = len(counts)
    kept = {t: 1.0 for t in df if group(t) == "m"}
    for part, cap in max_features.items():
        terms = [t for t in df if group(t) == part and df[t] >= min_df]
        terms.sort(key=lambda t: (-total[t], t))
        for t in terms[:cap]:
            kept[t] = rounded(math.log((1 + n) / (1 + df[t])) + 1)
    return kept


def matrix(counts: list[Counter], vocab: dict[str, float]) -> csr_matrix:
    """The same vector learned.LearnedModel.scores builds: sublinear tf-idf, the character and the
    word group each of length 1, the kind of message as ones."""
    columns = {part: {} for part in "cwm"}
    for t in sorted(vocab):
        columns[group(t)][t] = len(columns[group(t)])
    blocks = []
    for part in "cwm":
        index = columns[part]
        rows, cols, values = [], [], []
        for r, c in enumerate(counts):
            if part in NORMALISED:
                entries = [(index[t], (1 + math.log(k)) * vocab[t]) for t, k in c.items() if t in index]
                norm = math.sqrt(sum(v * v for _, v in entries)) or 1.0
            else:
                entries, norm = [(index[t], 1.0) for t in c if t in index], 1.0
            for col, v in entries:
                rows.append(r)
                cols.append(col)
                values.append(v / norm)
        blocks.append(csr_matrix((values, (rows, cols)), shape=(len(counts), len(index))))
    return hstack(blocks).tocsr(), [t for part in "cwm" for t in columns[part]]


def compliant_sentences(items: list[dict]) -> list[tuple[Message, dict]]:
    """Each sentence of a compliant message, alone: compliant too. Without them a short message
    that names the feedback ("We read your feedback and we are sorry.") reads like the long
    violating ones that also name it."""
    pieces = []
    for item in items:
        if item["violations"]:
            continue
        m = corpus_message(item)
        for start, end in sentences(m.body):
            start, end = trimmed(m.body, start, end)
            if len(m.body[start:end].split()) >= 3 or (m.language == "ja" and end - start >= 8):
                pieces.append((replace(m, subject="", body=m.body[start:end]), {"violations": []}))
    return pieces


def fit(items: list[dict], args) -> tuple[LearnedModel, dict]:
    counts = [features(corpus_message(i)) for i in items]
    vocab = vocabulary(counts, {"c": args.max_char, "w": args.max_word}, args.min_df)
    pieces = compliant_sentences(items) if args.sentence_weight else []
    x, order = matrix(counts + [features(m) for m, _ in pieces], vocab)
    items = items + [i for _, i in pieces]
    sample_weight = np.array([1.0] * len(counts) + [args.sentence_weight] * len(pieces))
    weights, intercepts, estimators = [], [], {}
    for rule_id in CLASSES:
        y = np.array([rule_id in item["violations"] for item in items])
        clf = LogisticRegression(C=args.C, class_weight="balanced", max_iter=5000)
        clf.fit(x, y, sample_weight=sample_weight)
        clf.coef_ = np.vectorize(rounded)(clf.coef_)
        clf.intercept_ = np.vectorize(rounded)(clf.intercept_)
        weights.append(clf.coef_[0])
        intercepts.append(float(clf.intercept_[0]))
        estimators[rule_id] = clf
    terms = {t: (vocab[t], *(float(w[j]) for w in weights)) for j, t in enumerate(order)}
    model = LearnedModel(CLASSES, tuple(intercepts), args.threshold, terms)
    return model, {"vocab": vocab, "estimators": estimators}


def leave_one_corpus_out(corpora: dict[str, list[dict]], args) -> None:
    thresholds = [t / 100 for t in range(30, 96, 5)]
    items_all, scores_all = [], []
    for name, items in corpora.items():
        rest = [i for n, its in corpora.items() if n != name for i in its]
        model, _ = fit(rest, args)
        for item in items:
            m = corpus_message(item)
            items_all.append(item)
            scores = model.scores(features(m)) if long_enough(m) else [0.0] * len(model.classes)
            scores_all.append(dict(zip(model.classes, scores, strict=True)))
        logger.info("  %s: held out", name)
    # The rules were tuned on these corpora (they catch all of it), so the threshold is chosen on
    # the learned check alone: of the violations of its four guidelines, how many it finds by
    # itself, against how many compliant messages it flags.
    semantic = [(i, s) for i, s in zip(items_all, scores_all, strict=True) if set(i["violations"]) & set(CLASSES)]
    compliant = [s for i, s in zip(items_all, scores_all, strict=True) if not i["violations"]]
    logger.info(
        "learned check alone, each corpus scored by a model trained on the others (%d violating one of its "
        "guidelines, %d compliant):",
        len(semantic),
        len(compliant),
    )
    logger.info("  per guideline (recall on its violations, compliant messages it flags):")
    for c in CLASSES:
        own = [s for i, s in semantic if c in i["violations"]]
        row = []
        for t in (0.4, 0.45, 0.5, 0.6, 0.7):
            found = sum(s[c] >= t for s in own)
            flagged = sum(s[c] >= t for s in compliant)
            row.append(f"{t:.2f}: {found}/{len(own)}, {flagged}/{len(compliant)}")
        logger.info("    %s: %s", c, "; ".join(row))
    for t in thresholds:
        found = sum(set(i["violations"]) & set(CLASSES) <= {c for c, p in s.items() if p >= t} for i, s in semantic)
        flagged = sum(any(p >= t for p in s.values()) for s in compliant)
        logger.info(
            "  threshold %.2f: recall %.1f%% (%d), false positives %.1f%% (%d)",
            t,
            100 * found / len(semantic),
            found,
            100 * flagged / len(compliant),
            flagged,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loco", action="store_true", help="leave one corpus out; print figures per threshold")
    parser.add_argument(
        "--threshold",
        type=float,
        default=0.45,
        help="chosen with --loco: the lowest at which the learned check alone flags under 1 %% of compliant messages",
    )
    parser.add_argument("--C", type=float, default=10.0)
    parser.add_argument("--min-df", type=int, default=2)
    parser.add_argument("--sentence-weight", type=float, default=1.0, help="0: no compliant sentences")
    parser.add_argument("--max-char", type=int, default=40000)
    parser.add_argument("--max-word", type=int, default=10000)
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)

    paths = training_corpora()
    corpora = {corpus_name(p): json.loads(p.read_text(encoding="utf-8")) for p in paths}
    if args.loco:
        leave_one_corpus_out(corpora, args)
        return
    items = [i for its in corpora.values() for i in its]
    model, fitted = fit(items, args)
    # Reference probabilities from scikit-learn itself, for the pure-Python scorer's test.
    sample = items[:: max(1, len(items) // 60)][:60]
    counts = [features(corpus_message(i)) for i in sample]
    vocab = fitted["vocab"]
    x, _ = matrix(counts, vocab)
    reference = []
    for r, item in enumerate(sample):
        probs = [float(fitted["estimators"][c].predict_proba(x[r])[0][1]) for c in CLASSES]
        reference.append({"id": item["id"], "probabilities": probs})
    data = {
        "about": "The learned check's model: written by scripts/train_learned_check.py, read by "
        "messaging/compliance/learned.py. terms: n-gram -> [idf, weight per class].",
        "classes": list(CLASSES),
        "intercepts": list(model.intercepts),
        "threshold": args.threshold,
        "settings": {
            "C": args.C,
            "min_df": args.min_df,
            "max_char": args.max_char,
            "max_word": args.max_word,
            "sentence_weight": args.sentence_weight,
        },
        "trained_on": fingerprint(paths),
        "reference": reference,
        "terms": {t: list(row) for t, row in sorted(model.terms.items())},
    }
    args.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    logger.info("wrote %s (%.1f MB, %d terms)", args.output, args.output.stat().st_size / 1e6, len(model.terms))


if __name__ == "__main__":
    main()
