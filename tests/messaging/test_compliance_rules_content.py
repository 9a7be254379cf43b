"""Amazon Communication Guidelines checker, one block of tests per rule: what
else a message may not contain (links, email addresses, phone numbers, emoji,
images, "important" subjects, opt-out and marketing wording, no order id,
shouting).

The checker is pure Python: none of these tests touch the database.
"""

import re

import pytest

from messaging.compliance import MessageKind, Severity, is_blocked

from .compliance_checks import assert_clean, assert_flags, check, excerpts

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
        # whose number it is said before the clause that introduces it with a colon
        (
            "en",
            "It has the manufacturer's 2-year warranty. After 30 days their service line is quickest: 0800 048 7261.",
            "0800 048 7261",
        ),
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


def test_important_written_as_words_flags_a_feedback_request_only():
    subject = "Important information about your new water bottle"
    request = check("Hello {{ order_id }}", subject=subject, kind=MessageKind.FEEDBACK_REQUEST)
    assert_flags(request, "important_subject", subject, "Important information", field="subject")
    for kind in (MessageKind.BUYER_REPLY, MessageKind.FIRST_CONTACT_NEGATIVE):
        assert_clean(check("Hello {{ order_id }}", subject=subject, kind=kind), "important_subject")


def test_important_in_the_body_is_fine():
    assert_clean(check("[Important] It's important to keep the filter clean."), "important_subject")


# --- opt_out --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "If you wish, reply STOP.", "reply STOP"),
        ("en", "Click here to unsubscribe.", "unsubscribe"),
        ("en", "You can opt out of future emails.", "opt out"),
        ("en", "If you don't want to hear from us again, tell us.", "don't want to hear from us"),
        ("de", "Antworten Sie mit „Abmelden“.", "Abmelden"),
        ("fr", "Cliquez ici pour vous désabonner.", "désabonner"),
        ("es", "Si no desea recibir más mensajes, escríbanos.", "no desea recibir más"),
        ("it", "Per non ricevere più messaggi, ci scriva.", "Per non ricevere più"),
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


@pytest.mark.parametrize(
    "body",
    [
        "You can follow it here: https://www.royalmail.com/track-your-item#/tracking-results/KD552310987GB",
        "Suivez votre colis : https://www.laposte.fr/outils/suivre-vos-envois?code=6A19283746510",
        "Seguimiento: https://www.seur.com/livetracking/?segOnlineIdentificador=06529471834",
    ],
)
def test_a_carriers_tracking_link_is_needed_for_the_order(body):
    assert_clean(check(body), "external_link")
    assert excerpts(
        check(body.replace("royalmail", "royalmale").replace("laposte", "lapaste").replace("seur", "sour")),
        "external_link",
    )


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "[{{ store_name }} logo]\n\nDear buyer,", "[{{ store_name }} logo]"),
        ("de", "[Logo {{ store_name }}]\n\nHallo,", "[Logo {{ store_name }}]"),
        ("ja", "【{{ store_name }} ショップロゴ】\n\nお客様", "【{{ store_name }} ショップロゴ】"),
        ("en", "Attached is our new autumn catalogue.", "Attached is our new autumn catalogue"),
    ],
)
def test_a_logo_placed_in_brackets_or_a_catalogue_attached(language, body, expected):
    assert_flags(check(body, language=language), "image", body, expected)


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        (
            "en",
            "Message me on seven seven zero zero, nine double-oh, four one two.",
            "seven seven zero zero, nine double-oh, four one two",
        ),
        (
            "fr",
            "Appelez-moi au zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit.",
            "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit",
        ),
    ],
)
def test_phone_numbers_spelled_in_words(language, body, expected):
    assert_flags(check(body, language=language), "phone_number", body, expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [("hope the candle got to you ok :) thanks", ":)"), ("Thanks ;-) see you", ";-)"), ("We love it <3", "<3")],
)
def test_emoticons_typed_as_text_warn(body, expected):
    """Not emoji characters, so a warning rather than a block: the seller takes it out or not."""
    findings = check(body)
    assert_flags(findings, "emoji", body, expected)
    assert findings[0].severity == Severity.WARN and not is_blocked(findings)


@pytest.mark.parametrize(
    "body", ["Opening hours: 10:30 to 18:00.", "See https://www.amazon.com/gp/css (step 2:3)", "Re:Dear"]
)
def test_colons_in_times_and_links_are_not_emoticons(body):
    assert_clean(check(body), "emoji")


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "I've also attached our 2024 brand catalogue with our logo, so you can see everything else we make."),
        ("de", "Im Anhang finden Sie außerdem unseren aktuellen Frühjahrskatalog mit unserem Logo."),
        ("it", "In allegato trova il nostro logo e la brochure con tutti i nostri prodotti."),
    ],
)
def test_a_catalogue_attached_is_an_image_and_marketing(language, body):
    findings = check(body, language=language)
    assert excerpts(findings, "image") and excerpts(findings, "marketing"), findings


def test_a_number_said_to_be_a_phone_however_it_is_grouped():
    body = "If it still won't connect, text me on 07 7009 00 4 82 and I'll walk you through it."
    assert_flags(check(body), "phone_number", body, "07 7009 00 4 82")


def test_word_tables_join_their_alternatives_in_order():
    """The tables put runs of word-boundary alternatives under one leading boundary (speed);
    the alternatives keep their order and nested alternations stay whole."""
    from messaging.compliance.lexicon import _alternatives, _joined

    assert _alternatives(r"\bfoo|bar(?:x|y)|[|]z|\[|q") == [r"\bfoo", "bar(?:x|y)", "[|]z", r"\[", "q"]
    joined = _joined([r"\ba|\bb", "c", r"\bd"])
    assert joined == r"\b(?=\w)(?:(?:a)|(?:b))|(?:(?:c))|\b(?=\w)(?:(?:d))"
    assert re.findall(joined, "a c xd d") == ["a", "c", "d"]


def test_one_emphasis_word_in_capitals_is_shouting():
    body = "Would you remove the negative feedback TODAY? It is hurting our store."
    assert_flags(check(body), "shouting", body, "TODAY")
    assert_clean(check("Your UPS parcel arrives today."), "shouting")


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        (
            "ja",
            "お写真を support（アットマーク）kirameki-jewelry.jp までお送りください。",
            "support（アットマーク）kirameki-jewelry.jp",
        ),
    ],
)
def test_disguised_email_in_japanese(language, body, expected):
    assert_flags(check(body, language=language), "email_address", body, expected)


def test_phone_in_katakana_digits():
    body = "お電話（ゼロサン・ヨンゴーロク・ナナハチキューゼロ）までご連絡ください。"
    assert excerpts(check(body, language="ja"), "phone_number"), check(body, language="ja")


def test_full_width_phone_number():
    body = "担当者直通の ０９０－３４５６－７８９０ までご連絡ください。"
    assert_flags(check(body, language="ja"), "phone_number", body, "０９０－３４５６－７８９０")


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("de", "Schreiben Sie uns kurz unter service (ät) textilhaus-lindner punkt de."),
        ("es", "Mándanos una foto por WhatsApp al seis uno dos, treinta y cuatro, cincuenta y seis, setenta y ocho."),
    ],
)
def test_contact_details_spelled_out(language, body):
    findings = check(body, language=language)
    assert excerpts(findings, "email_address") or excerpts(findings, "phone_number"), findings
