"""The learned check: a second reader beside the rules for four guidelines that are about
meaning (incentive, positive only, product review change, marketing).

The rules catch what they were written for; a seller writes the same thing in words no rule
names ("reviewers receive a little something"). The learned check is a logistic regression per
guideline over character and word n-grams, trained offline by scripts/train_learned_check.py on
the labelled corpora and shipped as data (learned_model.json): scoring a message here is pure
Python, a few dictionary look-ups per n-gram, with no library and nothing downloaded.

It only adds: a guideline the rules already found is not scored again, and the check never
clears what a rule flagged. What it flags blocks the message like a rule would, with the
sentence that weighs most highlighted and a guideline telling the seller it is the learned
check's reading, so a false alarm is reworded around rather than argued with.

Removal asked too early is left to the rules: trained on the first contacts alone (the only
messages it applies to) the model learned the feedback's name as the ask, and flagged short
apologies that name it ("Wir haben Ihre Bewertung gelesen ..."); leaving one corpus out it
flagged 1.7 % of compliant first contacts against at most 0.3 % for the other four.

The features are the training script's own (it imports `features` from here), so what was
trained is what is scored.
"""

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .model import Message, MessageKind
from .text import mask_placeholders, sentences, trimmed

MODEL_PATH = Path(__file__).with_name("learned_model.json")
CHAR_NGRAMS = range(2, 6)  # 2 to 5 characters, inside words padded with one space each side
WORD_RE = re.compile(r"\w+")


# Trained on whole messages (half of them over 50 words), the model weighs a message as a whole; on
# a few words, a sentence being typed, it has too little to weigh and the rules decide alone.
MIN_WORDS = 15
CHARACTERS_PER_WORD_JA = 3  # Japanese has no spaces: its length in characters, in words of English


def long_enough(message: Message) -> bool:
    text = mask_placeholders(f"{message.subject}\n{message.body}")
    words = len(text.split())
    if (message.language or "").lower().startswith("ja"):
        words = max(words, len("".join(text.split())) // CHARACTERS_PER_WORD_JA)
    return words >= MIN_WORDS


def _meta(message: Message) -> list[str]:
    """What the message is, as words no text can contain ("=" is not a word character)."""
    return [
        f"kind={MessageKind(message.kind).value}",
        f"first_contact={int(message.is_first_contact)}",
        f"proactive={int(bool(message.proactive))}",
    ]


def features(message: Message, subject: str | None = None, body: str | None = None) -> Counter:
    """N-gram counts of the message ("c:" character n-grams, "w:" words and word pairs, "m:" what
    kind of message it is). subject/body override the message's own text (one sentence scored alone)."""
    text = mask_placeholders(
        f"{message.subject if subject is None else subject}\n{message.body if body is None else body}"
    ).lower()
    counts: Counter = Counter()
    for word in text.split():
        padded = f" {word} "
        for n in CHAR_NGRAMS:
            if n > len(padded):
                break
            counts.update("c:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    words = WORD_RE.findall(text)
    counts.update("w:" + word for word in words)
    counts.update(f"w:{first} {second}" for first, second in zip(words, words[1:], strict=False))
    counts.update("m:" + meta for meta in _meta(message))
    return counts


def group(term: str) -> str:
    """Character n-grams and words are weighed apart (each part of the vector has length 1); what
    kind of message it is ("m:") counts as 1 whatever the length of the text, so a short message
    is not read as its kind alone."""
    return term[0]


NORMALISED = ("c", "w")


@dataclass(frozen=True)
class LearnedModel:
    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    threshold: float
    # term -> (idf, weight for each class)
    terms: dict[str, tuple[float, ...]]

    def scores(self, counts: Counter) -> list[float]:
        """Probability per class: sublinear tf-idf of the character and the word n-grams, each
        group normalised to length 1, the message kind as ones, then each class's regression."""
        found: dict[str, list[tuple[int, tuple[float, ...]]]] = {"c": [], "w": [], "m": []}
        terms = self.terms
        for term, count in counts.items():
            row = terms.get(term)
            if row is not None:
                found[group(term)].append((count, row))
        logits = list(self.intercepts)
        for part, entries in found.items():
            if not entries:
                continue
            if part in NORMALISED:
                values = [(1.0 + math.log(count)) * row[0] for count, row in entries]
                norm = math.sqrt(sum(value * value for value in values))
            else:
                values, norm = [1.0] * len(entries), 1.0
            rows = [row for _, row in entries]
            for index in range(len(logits)):
                column = index + 1
                logits[index] += sum(value * row[column] for value, row in zip(values, rows, strict=True)) / norm
        return [1.0 / (1.0 + math.exp(-logit)) for logit in logits]


@cache
def load_model(path: Path = MODEL_PATH) -> LearnedModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return LearnedModel(
        classes=tuple(data["classes"]),
        intercepts=tuple(data["intercepts"]),
        threshold=data["threshold"],
        terms={term: tuple(row) for term, row in data["terms"].items()},
    )


def probabilities(message: Message, model: LearnedModel | None = None) -> dict[str, float]:
    model = model or load_model()
    return dict(zip(model.classes, model.scores(features(message)), strict=True))


def flagged(message: Message, already: set[str], model: LearnedModel | None = None) -> list[tuple[str, str, int, int]]:
    """(rule id, field, start, end) for each guideline the learned check reads in the message and
    the rules did not find (`already`); the span is the sentence that reads most like it, or an
    empty span at the start of the body when no sentence alone does (the message as a whole)."""
    model = model or load_model()
    wanted = [rule_id for rule_id in model.classes if rule_id not in already]
    if not wanted or not long_enough(message):
        return []
    scores = dict(zip(model.classes, model.scores(features(message)), strict=True))
    found = []
    for rule_id in wanted:
        if scores[rule_id] >= model.threshold:
            score, name, start, end = _likeliest_sentence(message, model, model.classes.index(rule_id))
            found.append((rule_id, name, start, end) if score >= model.threshold else (rule_id, "body", 0, 0))
    return found


def _likeliest_sentence(message: Message, model: LearnedModel, index: int) -> tuple[float, str, int, int]:
    """(score, field, start, end) of the sentence of the subject or body that scores highest
    alone (the rest of the message left out): what the seller should look at first."""
    best = (-1.0, "body", 0, 0)
    for name, text in (("subject", message.subject or ""), ("body", message.body or "")):
        for start, end in sentences(text):
            start, end = trimmed(text, start, end)
            if start == end:
                continue
            sentence = text[start:end]
            parts = {"subject": sentence, "body": ""} if name == "subject" else {"subject": "", "body": sentence}
            score = model.scores(features(message, **parts))[index]
            if score > best[0]:
                best = (score, name, start, end)
    return best
