"""Amazon Communication Guidelines checker: one block of tests per rule, then the labelled corpus.

The checker is pure Python: none of these tests touch the database.
"""

import dataclasses
import json
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


def check(body, *, subject="Re: your question", kind=MessageKind.BUYER_REPLY, language="en", **fields):
    """Findings for a message; by default a reply, which needs no order id."""
    fields.setdefault("proactive", kind not in (MessageKind.BUYER_REPLY, MessageKind.PUBLIC_RESPONSE))
    return check_message(Message(kind=kind, subject=subject, body=body, language=language, **fields))


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


# --- incentive ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "Leave a review and get 20% off your next order.", "20% off"),
        ("en", "Here is a coupon for your next purchase.", "coupon"),
        ("en", "Use promo code THANKS10 at checkout.", "promo code"),
        ("en", "We'd like to send you a $10 Amazon gift card.", "gift card"),
        ("en", "Every reviewer gets a free product of their choice.", "free product"),
        ("en", "Get $5 cashback today.", "cashback"),
        ("en", "You are entered into our monthly giveaway.", "giveaway"),
        ("en", "Please accept this voucher as an apology.", "voucher"),
        ("de", "Sie erhalten einen Gutschein über 10 €.", "Gutschein"),
        ("de", "Sichern Sie sich 15 % Rabatt.", "Rabatt"),
        ("fr", "Voici un bon d'achat de 10 €.", "bon d'achat"),
        ("fr", "Profitez de 20 % de réduction.", "20 % de réduction"),
        ("es", "Obtenga un 20% de descuento.", "descuento"),
        ("es", "Le enviamos una tarjeta regalo.", "tarjeta regalo"),
        ("it", "Ecco un buono sconto per lei.", "buono sconto"),
        ("it", "Riceverà un prodotto in omaggio.", "prodotto in omaggio"),
        ("ja", "次回使える10%オフクーポンを差し上げます。", "10%オフ"),
        ("ja", "Amazonギフト券をお送りします。", "ギフト券"),
    ],
)
def test_incentive_words(language, body, expected):
    findings = check(body, language=language)
    assert expected in excerpts(findings, "incentive")
    finding = next(finding for finding in findings if finding.excerpt == expected)
    assert body[finding.start : finding.end] == expected


@pytest.mark.parametrize(
    ("language", "body", "sentence"),
    [
        ("en", "Hi. We will refund you in full if you remove your feedback. Thanks.", "We will refund you in full"),
        ("en", "We can send a replacement as soon as you remove the negative feedback.", "We can send"),
        ("en", "Write a review and we'll pop a bonus in the mail.", "Write a review"),
        ("de", "Wenn Sie Ihre Bewertung entfernen, erstatten wir den Kaufpreis.", "Wenn Sie"),
        ("fr", "Si vous retirez votre évaluation, nous vous rembourserons.", "Si vous retirez"),
        ("es", "Si elimina su valoración, le reembolsaremos el importe.", "Si elimina"),
        ("it", "Se rimuove il suo feedback, le rimborseremo l'importo.", "Se rimuove"),
        ("ja", "評価を削除していただければ、全額返金いたします。", "評価を削除"),
    ],
)
def test_refund_or_replacement_in_exchange_for_feedback_flags_the_sentence(language, body, sentence):
    (excerpt,) = excerpts(check(body, language=language), "incentive")
    assert excerpt.startswith(sentence)
    assert excerpt.endswith((".", "。"))


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "If the jacket does not fit, we offer free returns under Amazon's return policy."),
        ("en", "Feel free to contact us if you have any questions."),
        ("en", "Your order (2 x Cutting Board, free shipping) was delivered yesterday."),
        ("en", "We have sent a replacement; you do not need to return the damaged one."),
        ("en", "We can send a free replacement today, or refund you in full. Thank you for your feedback."),
        ("en", "We refunded the order. If you feel we resolved the problem, you may update your feedback."),
        ("en", "Gift wrapping was selected, so the invoice was not in the box."),
        ("en", "The bottle is BPA-free and dishwasher safe."),
        ("de", "Die Rücksendung ist innerhalb von 30 Tagen kostenlos. Wir senden Ihnen kostenlos Ersatz."),
        ("fr", "Nous vous avons envoyé un produit de remplacement gratuitement. L'emballage cadeau était inclus."),
        ("es", "Vale, gracias. Las devoluciones son gratuitas y el envío gratuito."),
        ("it", "Buongiorno, le proponiamo la sostituzione gratuita. La confezione regalo era inclusa."),
        ("ja", "送料無料でお届けしました。本日、無料で交換品を発送いたしました。"),
    ],
)
def test_incentive_leaves_service_wording_alone(language, body):
    assert_clean(check(body, language=language), "incentive")


# --- positive_only --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "We'd love a five-star rating!", "five-star"),
        ("en", "Please leave us 5 stars.", "5 stars"),
        ("en", "Positive feedback helps a lot.", "Positive feedback"),
        ("en", "If you are happy with your purchase, please leave feedback.", "If you are happy"),
        ("en", "If you're satisfied, please rate us.", "If you're satisfied"),
        ("en", "Only if you loved it, please leave feedback.", "Only if you loved"),
        ("en", "Please contact us before leaving any feedback.", "before leaving any feedback"),
        ("de", "Wir freuen uns über eine 5-Sterne-Bewertung.", "5-Sterne-Bewertung"),
        ("de", "Wenn Sie zufrieden sind, freuen wir uns über Ihre Bewertung.", "Wenn Sie zufrieden"),
        ("fr", "Merci de laisser une évaluation positive.", "évaluation positive"),
        ("fr", "Si vous êtes satisfait, laissez-nous une évaluation.", "Si vous êtes satisfait"),
        ("es", "Déjenos una valoración de 5 estrellas.", "5 estrellas"),
        ("es", "Si está satisfecho, déjenos su valoración.", "Si está satisfecho"),
        ("it", "Ci lasci una valutazione a 5 stelle.", "5 stelle"),
        ("it", "Se è soddisfatto, ci lasci un feedback.", "Se è soddisfatto"),
        ("ja", "星5つの評価をお願いいたします。", "星5つ"),
        ("ja", "高評価をいただけますと励みになります。", "高評価"),
    ],
)
def test_positive_only(language, body, expected):
    assert_flags(check(body, language=language), "positive_only", body, expected)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Whether your experience was good or bad, we would value your honest feedback."),
        ("en", "We hope you had a positive experience. We would appreciate your feedback."),
        ("en", "We hope you're happy with your purchase. Please share your feedback."),
        ("en", "If you are not happy with the item, please contact us."),
        ("en", "Delivery takes 5 days. Please rate our service."),
        ("de", "Ob positiv oder negativ: Ihre ehrliche Bewertung hilft uns. Wir hoffen, Sie sind zufrieden."),
        ("de", "Wenn Sie nicht zufrieden sind, bewerten Sie uns ruhig ehrlich."),
        ("fr", "Que votre expérience soit positive ou négative, votre avis sincère nous aide."),
        ("es", "Tanto si su experiencia fue positiva como negativa, su opinión nos ayuda."),
        ("it", "Che la sua esperienza sia stata positiva o negativa, il suo feedback ci aiuta."),
        ("ja", "商品にご満足いただけていれば幸いです。良い点も悪い点も、評価をお聞かせください。"),
    ],
)
def test_positive_only_leaves_neutral_requests_alone(language, body):
    assert_clean(check(body, language=language), "positive_only")


# --- review_change ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "Could you please update your product review?", "update your product review"),
        ("en", "Would you mind editing your review now?", "editing your review"),
        ("en", "Would you consider taking down the review you posted?", "taking down the review"),
        ("en", "Please remove the 1-star review you left.", "remove the 1-star review"),
        ("de", "Könnten Sie Ihre Rezension bitte anpassen?", "Rezension bitte anpassen"),
        ("fr", "Pourriez-vous modifier votre avis sur le produit ?", "modifier votre avis sur le produit"),
        ("es", "¿Podría modificar su reseña?", "modificar su reseña"),
        ("it", "Potrebbe modificare la sua recensione?", "modificare la sua recensione"),
        ("ja", "商品レビューの修正をお願いできますでしょうか。", "商品レビューの修正"),
    ],
)
def test_review_change_in_any_kind_of_message(language, body, expected):
    for kind in (MessageKind.BUYER_REPLY, MessageKind.REMOVAL_REQUEST, MessageKind.PUBLIC_RESPONSE):
        assert_flags(check(body, language=language, kind=kind, proactive=False), "review_change", body, expected)


@pytest.mark.parametrize(
    "body",
    [
        "We are reviewing your request and will update you within 24 hours.",
        "We have reviewed our shipping process so it does not happen again.",
        "Your comments help us review and improve our packaging.",
        "If you have a moment, please leave a review.",
        "As the issue is resolved, would you consider removing your feedback?",
    ],
)
def test_review_change_leaves_process_reviews_and_seller_feedback_alone(body):
    assert_clean(check(body), "review_change")


# --- removal_in_first_contact ---------------------------------------------------------------------------

REMOVAL_ASKS = [
    ("en", "Sorry about the damage. Could you please remove your negative feedback?", "remove your negative feedback"),
    ("en", "Once it arrives, we kindly ask you to change your feedback.", "change your feedback"),
    ("de", "Bitte entfernen Sie Ihre negative Bewertung.", "entfernen Sie Ihre negative Bewertung"),
    ("fr", "Pourriez-vous supprimer votre évaluation négative ?", "supprimer votre évaluation"),
    ("es", "¿Podría eliminar su valoración negativa?", "eliminar su valoración"),
    ("it", "Potrebbe rimuovere il suo feedback negativo?", "rimuovere il suo feedback"),
    ("ja", "評価を削除していただけますでしょうか。", "評価を削除"),
]


@pytest.mark.parametrize(("language", "body", "expected"), REMOVAL_ASKS)
def test_removal_asked_in_a_first_contact(language, body, expected):
    first_contact = check(body, language=language, kind=MessageKind.FIRST_CONTACT_NEGATIVE, subject="{{ order_id }}")
    assert_flags(first_contact, "removal_in_first_contact", body, expected)
    flagged_reply = check(body, language=language, first_contact_after_negative=True)
    assert_flags(flagged_reply, "removal_in_first_contact", body, expected)


@pytest.mark.parametrize(("language", "body", "expected"), REMOVAL_ASKS)
def test_removal_asked_after_resolution_is_allowed(language, body, expected):
    findings = check(body, language=language, kind=MessageKind.REMOVAL_REQUEST, subject="{{ order_id }}")
    assert_clean(findings, "removal_in_first_contact")


@pytest.mark.parametrize(
    "body",
    [
        "We read your feedback and we are truly sorry. We have sent a replacement.",
        "Thank you for your feedback on order {{ order_id }}. We can refund you in full.",
        "We saw your feedback and will update you as soon as the new part ships.",
    ],
)
def test_first_contact_apology_is_fine(body):
    findings = check(
        body, kind=MessageKind.FIRST_CONTACT_NEGATIVE, first_contact_after_negative=True, subject="{{ order_id }}"
    )
    assert not is_blocked(findings), findings


# --- external_link ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Download it here: https://example.com/manuals/xr200.pdf.", "https://example.com/manuals/xr200.pdf"),
        ("Visit www.example-shop.com for more.", "www.example-shop.com"),
        ("Care instructions are on example-shop.com/care, thanks.", "example-shop.com/care"),
        ("Tips at bit.ly/blend-tips", "bit.ly/blend-tips"),
        ("See https://amazon.com.example.net/login", "https://amazon.com.example.net/login"),
        ("Details: http://fakeamazon.de/x", "http://fakeamazon.de/x"),
        ("取扱説明書は https://www.example-shop.jp/manualをご覧ください。", "https://www.example-shop.jp/manual"),
    ],
)
def test_external_link(body, expected):
    assert_flags(check(body), "external_link", body, expected)


@pytest.mark.parametrize(
    "body",
    [
        "Leave feedback here: https://www.amazon.com/gp/feedback/leave-customer-feedback.html?order=112-1234567-1234567",
        "You can do so at https://www.amazon.co.uk/hz/feedback or amazon.de/hz/feedback.",
        "See Amazon.co.jp, amazon.com.au, amazon.ca and https://sellercentral.amazon.de/help.",
        "Leave feedback: {{ feedback_page_url }}",
        "Fits version 2.0, weighs 2.5 lb, e.g. for the XR-200 (z.B. ca. 1 Minute).",
        "It works fine.It really does.",
        "Write to seller@example.com",
    ],
)
def test_amazon_links_and_dotted_words_are_not_external(body):
    assert_clean(check(body), "external_link")


# --- email_address ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Email us at seller@example.com.", "seller@example.com"),
        ("Écrivez à contact.shop+fr@example.co.uk !", "contact.shop+fr@example.co.uk"),
        ("Reach our team at help (at) example.com.", "help (at) example.com"),
        ("お問い合わせは shop@example.jp までご連絡ください。", "shop@example.jp"),
    ],
)
def test_email_address(body, expected):
    assert_flags(check(body), "email_address", body, expected)


def test_email_address_is_not_also_a_link():
    assert_clean(check("Email us at seller@example.com"), "external_link")


# --- phone_number --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "Call us at (555) 555-0100 if there is a problem.", "(555) 555-0100"),
        ("en", "Call 555-0100 anytime.", "555-0100"),
        ("en", "Text us on +1 555 010 0199.", "+1 555 010 0199"),
        ("de", "Rufen Sie uns an: +49 (0)555 010 0100.", "+49 (0)555 010 0100"),
        ("de", "Sie erreichen uns unter 0555 / 123 456.", "0555 / 123 456"),
        ("fr", "Appelez-nous au 01 99 00 55 55.", "01 99 00 55 55"),
        ("es", "Llámenos al 555 010 099.", "555 010 099"),
        ("it", "Ci chiami al +39 555 010 0100.", "+39 555 010 0100"),
        ("ja", "お電話（03-5555-0100）でも承っております。", "03-5555-0100"),
        ("ja", "電話番号は0120-555-010です。", "0120-555-010"),
        ("en", "Phone: 5550100", "5550100"),
    ],
)
def test_phone_number(language, body, expected):
    findings = check(body, language=language)
    assert_flags(findings, "phone_number", body, expected)
    assert is_blocked(findings)


@pytest.mark.parametrize(
    "body",
    [
        "Order 112-1234567-1234567 was shipped on 12.03.2025 and delivered 2025-03-14 (03/15/2025).",
        "The price is $1,299.99, 1.299,00 €, 1 299,00 € or ¥2,980; ZIP 98101-1234, 10115 Berlin.",
        "〒100-0001までのお届けは2〜3営業日です。ヤマト運輸の伝票番号は1234-5678-9012です。",
        "UPS tracking 1Z999AA10123456784, USPS tracking number 9400 1000 0000 0000 0000 00.",
        "DHL: 00340434161234567890. EAN 4006381333931. Invoice no. INV-2025-000123.",
        "2 x 250 ml, 30 x 20 x 10 cm, 3-5 business days, 9:00-17:00, over 1.000.000 customers.",
        "ISBN 978-3-16-148410-0, model XR-200, size 38-40.",
    ],
)
def test_numbers_that_are_not_phones(body):
    assert_clean(check(body), "phone_number")


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "For warranty claims the manufacturer's support line is 1-800-555-0100.", "1-800-555-0100"),
        ("de", "Den Kundendienst des Herstellers erreichen Sie unter 0800 555 0100.", "0800 555 0100"),
        ("es", "El servicio técnico del fabricante atiende en el 900 555 010.", "900 555 010"),
    ],
)
def test_warranty_and_manufacturer_numbers_only_warn(language, body, expected):
    findings = check(body, language=language)
    assert_flags(findings, "phone_number", body, expected)
    assert findings[0].severity == Severity.WARN
    assert "not your own" in findings[0].guideline
    assert not is_blocked(findings)


# --- emoji ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Thanks so much! 😊 Enjoy.", "😊"),
        ("We hope you love it ❤️ really", "❤️"),
        ("Great job 👍🏽 team", "👍🏽"),
        ("Family 👨‍👩‍👧 pack", "👨‍👩‍👧"),
        ("Shipped from 🇩🇪 today", "🇩🇪"),
        ("Step 1️⃣ first", "1️⃣"),
        ("Five stars ⭐⭐⭐⭐⭐ please", "⭐⭐⭐⭐⭐"),
        ("ご購入ありがとうございます✨", "✨"),
        ("Done ✔️", "✔️"),
    ],
)
def test_emoji(body, expected):
    assert_flags(check(body), "emoji", body, expected)


def test_emoji_in_subject():
    subject = "Your order has arrived 📦"
    assert_flags(check("Hello", subject=subject), "emoji", subject, "📦", field="subject")


@pytest.mark.parametrize(
    "body",
    [
        "Brand® cable™ © 2025 → next ✓ ★ ☆ ▶ Start",
        "▼ご注文内容\n・数量：2個\n※お届けまでに2〜3日かかります。【ご案内】",
        "Thanks :) see you",
    ],
)
def test_symbols_that_are_not_emoji(body):
    assert_clean(check(body), "emoji")


# --- image ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('Thanks! <img src="cid:shop-logo"> Bye', '<img src="cid:shop-logo">'),
        ("![Our logo](logo.png)\nThanks", "![Our logo](logo.png)"),
        ("Please see our logo at the top.", "see our logo"),
    ],
)
def test_image(body, expected):
    assert_flags(check(body), "image", body, expected)


def test_image_in_german_and_japanese():
    assert excerpts(check("Unser Logo finden Sie unten.", language="de"), "image") == ["Logo finden Sie unten"]
    assert excerpts(check("![ロゴ](logo.png)", language="ja"), "image") == ["![ロゴ](logo.png)"]


def test_mentioning_the_logo_on_the_box_is_not_an_image():
    assert_clean(check("The box now shows our updated logo; the product is the same."), "image")


# --- important_subject ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("[Important] Your order {{ order_id }}", "[Important]"),
        ("IMPORTANT: Please review your purchase", "IMPORTANT:"),
        ("Important: your order", "Important:"),
        ("[Wichtig] Ihre Bestellung", "[Wichtig]"),
        ("Important : votre commande", "Important :"),
        ("[Importante] Su pedido", "[Importante]"),
        ("【重要】ご注文について", "【重要】"),
        ("URGENT: order {{ order_id }}", "URGENT:"),
        ("Your order - IMPORTANT", "IMPORTANT"),
    ],
)
def test_important_subject(subject, expected):
    assert_flags(check("Hello", subject=subject), "important_subject", subject, expected, field="subject")


@pytest.mark.parametrize("subject", ["Important information about your order", "Your order {{ order_id }}"])
def test_important_subject_allows_plain_subjects(subject):
    assert_clean(check("Hello", subject=subject), "important_subject")


def test_important_in_the_body_is_fine():
    assert_clean(check("[Important] It's important to keep the filter clean."), "important_subject")


# --- opt_out --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "To stop these messages, reply STOP.", "reply STOP"),
        ("en", "Click here to unsubscribe.", "unsubscribe"),
        ("en", "You can opt out of future emails.", "opt out"),
        ("en", "If you don't want to hear from us again, tell us.", "don't want to hear from us"),
        ("de", "Antworten Sie mit „Abmelden“.", "Abmelden"),
        ("fr", "Cliquez ici pour vous désabonner.", "désabonner"),
        ("es", "Si no desea recibir más mensajes, escríbanos.", "no desea recibir más"),
        ("it", "Per non ricevere più messaggi, ci scriva.", "non ricevere più"),
        ("ja", "配信停止をご希望の場合はご返信ください。", "配信停止"),
    ],
)
def test_opt_out(language, body, expected):
    assert_flags(check(body, language=language), "opt_out", body, expected)


@pytest.mark.parametrize(
    "body",
    [
        "This is the only request we send for this order; we will not contact you again about feedback.",
        "If you don't want to receive a replacement, we can refund you instead.",
        "Please stop using the device and contact us.",
    ],
)
def test_opt_out_leaves_ordinary_wording_alone(body):
    assert_clean(check(body), "opt_out")


# --- marketing ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "Check out our other products on Amazon.", "Check out our other products"),
        ("en", "Follow us for tips.", "Follow us"),
        ("en", "We're on Instagram.", "Instagram"),
        ("en", "Don't miss our upcoming deals.", "upcoming deals"),
        ("en", "Sign up for our newsletter.", "newsletter"),
        ("en", "Our Black Friday event is near.", "Black Friday"),
        ("de", "Folgen Sie uns auf dem Blog.", "Folgen Sie uns"),
        ("fr", "Découvrez nos nouveaux produits.", "Découvrez nos"),
        ("es", "No se pierda nuestras rebajas.", "rebajas"),
        ("it", "Scopra i nostri nuovi prodotti.", "scopra i nostri"),
        ("ja", "新商品のご案内です。", "新商品"),
    ],
)
def test_marketing(language, body, expected):
    assert expected.lower() in [excerpt.lower() for excerpt in excerpts(check(body, language=language), "marketing")]


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "The new unit works. Our after-sales team will deal with the carrier. Please follow the steps."),
        ("en", "It weighs 2 x 250 ml and ships in our own box."),
        ("es", "El paquete sale hoy del almacén."),
        ("ja", "フォローアップのご連絡です。新しい商品と交換いたします。"),
    ],
)
def test_marketing_leaves_order_talk_alone(language, body):
    assert_clean(check(body, language=language), "marketing")


# --- missing_order_id -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", [MessageKind.FEEDBACK_REQUEST, MessageKind.FIRST_CONTACT_NEGATIVE, MessageKind.REMOVAL_REQUEST]
)
def test_proactive_message_without_order_id(kind):
    findings = check("Thanks for buying {{ product_name }}: {{ feedback_page_url }}", subject="Hi", kind=kind)
    assert [(f.rule_id, f.field, f.start, f.end, f.excerpt) for f in findings] == [
        ("missing_order_id", "body", 0, 0, "")
    ]


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Your order 112-1234567-1234567", "Thank you."),
        ("Thanks", "Order 112-1234567-1234567 has arrived."),
        ("Order {{ order_id }}", "Thank you."),
        ("Thanks", "Order {{order_id}} has arrived."),
        ("Thanks", 'Order {{ order_id|default:"" }} has arrived.'),
    ],
)
def test_order_id_or_its_placeholder_satisfies_the_rule(subject, body):
    assert_clean(check(body, subject=subject, kind=MessageKind.FEEDBACK_REQUEST), "missing_order_id")


@pytest.mark.parametrize("body", ["Order 11212345671234567 arrived.", "Order 112-123456-1234567 arrived."])
def test_malformed_order_ids_do_not_count(body):
    assert excerpts(check(body, kind=MessageKind.FEEDBACK_REQUEST), "missing_order_id") == [""]


@pytest.mark.parametrize(
    ("kind", "proactive"),
    [
        (MessageKind.PUBLIC_RESPONSE, True),
        (MessageKind.BUYER_REPLY, True),
        (MessageKind.FEEDBACK_REQUEST, False),
        (MessageKind.REMOVAL_REQUEST, False),
    ],
)
def test_replies_and_public_responses_need_no_order_id(kind, proactive):
    assert_clean(check("Thank you for your message.", kind=kind, proactive=proactive), "missing_order_id")


# --- shouting -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Hello, PLEASE DO NOT FORGET TO LEAVE FEEDBACK for us.", ["PLEASE DO NOT FORGET TO LEAVE FEEDBACK"]),
        ("Thank you!!! See you.", ["!!!"]),
        ("Merci de votre commande !! À bientôt", ["!!"]),
        ("¡¡Muchas gracias!!", ["¡¡", "!!"]),
        ("THANK you for your ORDER, we REALLY hope you LOVE it", ["THANK", "ORDER", "REALLY", "LOVE"]),
        ("BITTE VERGESSEN SIE NICHT IHRE BEWERTUNG", ["BITTE VERGESSEN SIE NICHT IHRE BEWERTUNG"]),
    ],
)
def test_shouting_warns(body, expected):
    findings = check(body)
    shouting = [finding for finding in findings if finding.rule_id == "shouting"]
    assert [finding.excerpt for finding in shouting] == expected
    assert all(finding.severity == Severity.WARN for finding in shouting)
    assert all(body[finding.start : finding.end] == finding.excerpt for finding in shouting)
    assert not is_blocked(findings)


@pytest.mark.parametrize(
    "body",
    [
        "The HDMI 2.1 cable supports 4K; the USB port and the LED are for power. Ships via DHL or UPS.",
        "Thank you! We hope you enjoy it!",
        "Your ASIN B0EXAMPLE1 is listed under FBA.",
    ],
)
def test_acronyms_and_single_exclamations_are_not_shouting(body):
    assert_clean(check(body), "shouting")


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
