"""The checker's verdict on a rendered message (messaging/compose.py): it reads the seller's
words, the template with the product titles and the store name filled in and the buyer's values
(name, order id, dates, marketplace, feedback page) as their placeholders, and keeps the verdict
per text, so the dispatcher checks each product's message once rather than each order's.

Proved here against the whole rendered text, every order's values filled in: over every
template of every labelled corpus (the never-tuned ones included) that uses placeholders, each
rendered for buyers of varied names, languages, order ids and dates, the two verdicts agree.

Pure Python: no database. The rules-alone part reads every template; with the learned check, every third.
"""

import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from messaging.compliance import Message, Severity, check_message
from messaging.compose import NOT_CHECKED_VALUES, PROACTIVE_KINDS, checked_findings, checked_text
from messaging.models import TemplateKind
from messaging.placeholders import FEEDBACK_PAGE, PLACEHOLDER, PLACEHOLDERS, format_date, render_text

CORPORA = sorted(Path(__file__).parent.glob("compliance_corpus*.json"))

DOMAINS = {"en": "amazon.com", "de": "amazon.de", "fr": "amazon.fr", "es": "amazon.es", "it": "amazon.it"}
DOMAINS["ja"] = "amazon.co.jp"
# Obviously invented buyers, in the shapes Amazon's names come in (accents, apostrophes, hyphens,
# scripts without spaces, one letter, none: the greeting's fallback).
FIRST_NAMES = ["Testa", "Zoë", "Jean-Luc", "O'Fakename", "Ümit", "María", "Nguyễn", "さくら", "Q", ""]
PRODUCT_TITLES = [
    "Enamel camping mug, 12 oz",
    "Trail insulated bottle 750 ml",
    "Edelstahl-Trinkflasche 1 l, Bambusdeckel",
    "Lampe frontale rechargeable 400 lumens",
    "ステンレス製 保温ボトル 500ml",
    "Camp stove (2 burners), Wind shield",
]
STORE_NAMES = ["Demo Outdoor Goods", "Fictional Kitchen Co.", "Beispiel Handel GmbH"]


def corpus_templates():
    """Every corpus message that uses a placeholder: written as a seller writes a template."""
    templates = []
    for path in CORPORA:
        for item in json.loads(path.read_text(encoding="utf-8")):
            if PLACEHOLDER.search(item["subject"] + item["body"]):
                templates.append(item)
    return templates


def buyer_values(rng, language):
    """Every placeholder's value for one invented order, in the message's language."""
    order_id = f"{rng.randint(111, 999)}-{rng.randint(0, 9_999_999):07d}-{rng.randint(0, 9_999_999):07d}"
    purchased = date(2026, 1, 1) + timedelta(days=rng.randint(0, 700))
    domain = DOMAINS.get(language[:2], "amazon.com")
    return {
        "buyer_first_name": rng.choice(FIRST_NAMES),
        "order_id": order_id,
        "product_titles": ", ".join(rng.sample(PRODUCT_TITLES, rng.randint(1, 2))),
        "order_date": format_date(purchased, language),
        "delivery_date": format_date(purchased + timedelta(days=rng.randint(1, 9)), language),
        "store_name": rng.choice(STORE_NAMES),
        "marketplace_domain": domain,
        "feedback_page_url": FEEDBACK_PAGE.format(domain=domain, order_id=order_id),
    }


def verdict(item, subject, body, *, learned_check=True):
    """The blocking rules of the checker for this text, read as the kind of message it is."""
    kind = item["kind"]
    message = Message(
        kind=kind,
        subject=subject,
        body=body,
        language=item["language"],
        first_contact_after_negative=kind == TemplateKind.FIRST_CONTACT_NEGATIVE,
        proactive=kind in PROACTIVE_KINDS,
    )
    return {f.rule_id for f in check_message(message, learned_check=learned_check) if f.severity == Severity.BLOCK}


def whole_text_verdict(item, values, *, learned_check=True):
    """The message as the buyer gets it, every value filled in."""
    language = item["language"]
    subject, body = render_text(item["subject"], values, language), render_text(item["body"], values, language)
    return verdict(item, subject, body, learned_check=learned_check)


def checked_verdict(item, values, *, learned_check=True):
    return verdict(
        item, *checked_text(item["subject"], item["body"], values, item["language"]), learned_check=learned_check
    )


def order_id_only_in_the_link(item):
    text = item["subject"] + item["body"]
    return "feedback_page_url" in text and not re.search(r"\{\{\s*order_id\s*\}\}", text)


def labels_met(item, verdict):
    """As the corpus tests count: a violating message caught on every labelled rule, a
    compliant one not blocked."""
    expected = set(item["violations"])
    return expected <= verdict if expected else not verdict


def test_the_corpora_hold_enough_templates_to_prove_it():
    templates = corpus_templates()
    assert len(templates) >= 2000
    assert {item["language"] for item in templates} == set(DOMAINS)
    assert sum(bool(item["violations"]) for item in templates) >= 800
    used = {match.group(1) for item in templates for match in PLACEHOLDER.finditer(item["subject"] + item["body"])}
    assert set(NOT_CHECKED_VALUES) <= used


def test_the_rules_verdict_on_what_the_seller_wrote_is_the_whole_texts():
    """Each corpus template rendered for one invented order (a different one each template,
    the same seed every run) and read by the rules both ways: the same rule ids, but for one
    difference on purpose. An order id only inside the feedback page's address is not the
    order id Amazon asks every message to show: the whole text finds it in the address, the
    seller's text does not (and the corpora's labels, like the template editor, say it is missing)."""
    rng = random.Random(20261203)
    disagreements, blocked, in_the_link = [], 0, 0
    for item in corpus_templates():
        values = buyer_values(rng, item["language"])
        whole = whole_text_verdict(item, values, learned_check=False)
        checked = checked_verdict(item, values, learned_check=False)
        blocked += bool(whole)
        if whole != checked and order_id_only_in_the_link(item) and checked - whole == {"missing_order_id"}:
            assert "missing_order_id" in item["violations"], item["id"]
            in_the_link += 1
        elif whole != checked:
            disagreements.append((item["id"], values["buyer_first_name"], whole, checked))
    assert blocked >= 800  # the agreement covers blocked messages, not only clean ones
    assert 20 <= in_the_link <= 100
    assert disagreements == [], "\n".join(map(str, disagreements))


def test_the_learned_checks_verdict_on_what_the_seller_wrote_agrees_and_is_no_worse():
    """With the learned check, a score near its threshold may tip either way on the buyer's
    name or the order id's digits: it was trained on templates, the buyer's values blanked, so
    it reads the seller's text as it learned. Every third template (the check is slower with
    it): the verdicts differ on under 0.5 % of them, and the seller's text meets the labels at
    least as often as the whole text does."""
    rng = random.Random(20261204)
    templates = corpus_templates()[::3]
    differ, whole_met, checked_met = [], 0, 0
    for item in templates:
        values = buyer_values(rng, item["language"])
        whole, checked = whole_text_verdict(item, values), checked_verdict(item, values)
        whole_met += labels_met(item, whole)
        checked_met += labels_met(item, checked)
        if whole - {"missing_order_id"} != checked - {"missing_order_id"}:
            differ.append((item["id"], whole, checked))
    assert len(templates) >= 700
    assert len(differ) <= 0.005 * len(templates), differ
    assert checked_met >= whole_met


def test_one_template_for_many_buyers_is_checked_once():
    template = next(item for item in corpus_templates() if item["id"] == "b20-en-001")
    rng = random.Random(7)
    checked_findings.cache_clear()
    verdicts = set()
    for _ in range(50):
        values = buyer_values(rng, "en") | {"product_titles": PRODUCT_TITLES[0], "store_name": STORE_NAMES[0]}
        assert whole_text_verdict(template, values) == set()
        subject, body = checked_text(template["subject"], template["body"], values, "en")
        verdicts.add(checked_findings(kind=template["kind"], language="en", subject=subject, body=body))
    assert verdicts == {()}
    info = checked_findings.cache_info()
    assert (info.misses, info.hits) == (1, 49)


def test_the_buyers_values_are_read_as_placeholders_and_the_sellers_as_written():
    values = buyer_values(random.Random(1), "en") | {"buyer_first_name": "Testa", "store_name": "Demo Outdoor Goods"}
    subject, body = checked_text(
        "Order {{ order_id }} from {{ store_name }}",
        "Hello {{ buyer_first_name }}, your {{ product_titles }} arrived on {{ delivery_date }}: "
        "{{ feedback_page_url }}",
        values,
        "en",
    )
    assert subject == "Order {{ order_id }} from Demo Outdoor Goods"
    assert body == (
        f"Hello {{{{ buyer_first_name }}}}, your {values['product_titles']} arrived on {{{{ delivery_date }}}}: "
        "{{ feedback_page_url }}"
    )
    # Every placeholder is one or the other: a new one must be sorted into the seller's or the buyer's.
    assert set(NOT_CHECKED_VALUES) < set(PLACEHOLDERS)
    assert set(PLACEHOLDERS) - set(NOT_CHECKED_VALUES) == {"product_titles", "store_name"}


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("product_titles", "Mug set - FREE gift card when you leave a 5-star review", "incentive"),
        ("store_name", "Best Deals Shop - visit www.best-deals-shop.example for 20% off", "external_link"),
    ],
)
def test_what_the_seller_wrote_into_a_value_still_blocks(field, value, rule):
    template = {
        "kind": "feedback_request",
        "language": "en",
        "subject": "Your order {{ order_id }} from {{ store_name }}",
        "body": "Hello {{ buyer_first_name }},\n\nHow is your {{ product_titles }}? Order {{ order_id }}.\n\n"
        "{{ store_name }}",
    }
    values = buyer_values(random.Random(3), "en") | {field: value}
    assert rule in checked_verdict(template, values)
    assert rule in whole_text_verdict(template, values)
