import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from feedbackhub.tenancy.models import Role
from messaging.compose import template_findings
from messaging.models import MessageTemplate
from messaging.placeholders import placeholder_values, render_html, render_text
from messaging.services import message_template_restore, message_template_save
from messaging.starter_templates import STARTER_TEMPLATES
from tests.factories import OrderFactory, OrderItemFactory

COMPLIANT_BODY = (
    "Hello {{ buyer_first_name }},\n\nYour order {{ order_id }} has arrived. If anything is wrong, reply to this "
    "message. You can share your experience here: {{ feedback_page_url }}\n\n{{ store_name }}"
)


def save(account, user=None, template=None, **fields):
    values = {
        "name": "Request",
        "kind": "feedback_request",
        "language": "en",
        "subject": "Your order {{ order_id }}",
        "body": COMPLIANT_BODY,
        "marketplaces": [],
    }
    values.update(fields)
    return message_template_save(account=account, user=user, template=template, **values)


@pytest.mark.django_db
def test_every_new_account_gets_the_starter_library_and_it_passes(account):
    starters = MessageTemplate.objects.for_account(account)
    assert starters.count() == len(STARTER_TEMPLATES)
    assert {t.language for t in starters.filter(kind="feedback_request")} == {"en", "de", "fr", "es", "it", "ja"}
    assert starters.filter(kind="public_response").count() == 2
    assert starters.filter(kind="first_contact_negative").exists() and starters.filter(kind="removal_request").exists()
    for template in starters:
        findings = template_findings(
            kind=template.kind, language=template.language, subject=template.subject, body=template.body
        )
        assert findings == [], (template.name, template.language, findings)
        assert not template.compliance_blocked


@pytest.mark.django_db
def test_unknown_placeholder_is_refused_at_save(account):
    with pytest.raises(ValidationError, match="Unknown placeholder"):
        save(account, body="Hello {{ buyer_name }}, order {{ order_id }}")


@pytest.mark.django_db
def test_a_blocking_finding_saves_as_a_blocked_draft(account):
    template = save(account, body=COMPLIANT_BODY + "\nLeave 5 stars and get a 10% discount code!")
    assert template.compliance_blocked
    fixed = save(account, template=template, body=COMPLIANT_BODY)
    assert not fixed.compliance_blocked


def test_render_substitutes_and_falls_back_when_a_value_is_missing():
    values = {"buyer_first_name": "", "order_id": "112-1234567-1234567", "product_titles": ""}
    text = render_text("Hello {{ buyer_first_name }}, about {{product_titles}} ({{ order_id }}).", values, "en")
    assert text == "Hello valued customer, about your items (112-1234567-1234567)."
    assert render_text("Hallo {{ buyer_first_name }}", values, "de") == "Hallo liebe Kundin, lieber Kunde"


@pytest.mark.django_db
def test_placeholder_values_come_from_a_real_order_in_its_marketplace_time_zone(account):
    order = OrderFactory(account=account, buyer_name="Alex Example")
    OrderItemFactory(order=order, title="Trail bottle")
    values = placeholder_values(order=order, account=account)
    assert values["buyer_first_name"] == "Alex" and values["order_id"] == order.amazon_order_id
    assert values["product_titles"] == "Trail bottle" and values["store_name"] == account.name
    assert values["feedback_page_url"].startswith("https://www.amazon.com/gp/feedback/")


@pytest.mark.django_db
def test_history_diff_and_restore(account, client_for):
    client = client_for(account, Role.ADMIN)
    template = save(account, subject="First subject {{ order_id }}")
    save(account, template=template, subject="Second subject {{ order_id }}")
    versions = list(template.history.order_by("history_date"))
    assert [v.subject for v in versions] == ["First subject {{ order_id }}", "Second subject {{ order_id }}"]
    page = client.get(reverse("messaging:template_history", args=[template.pk])).content.decode()
    assert "First subject" in page and "Second subject" in page and 'data-testid="diff"' in page
    response = client.post(reverse("messaging:template_restore", args=[template.pk, versions[0].history_id]))
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.subject == "First subject {{ order_id }}"
    assert template.history.count() == 3


@pytest.mark.django_db
def test_restore_records_who(account, member_of):
    user = member_of(account, Role.OWNER)
    template = save(account, user=user)
    save(account, user=user, template=template, body=COMPLIANT_BODY + "\nThanks.")
    restored = message_template_restore(template=template, history_id=template.history.last().history_id, user=user)
    assert restored.history.first().history_user == user


@pytest.mark.django_db
def test_editor_saves_and_previews_with_findings(account, client_for):
    OrderFactory(account=account, buyer_name="Alex Example")
    client = client_for(account, Role.ADMIN)
    response = client.post(
        reverse("messaging:template_new"),
        {
            "name": "Mine",
            "kind": "feedback_request",
            "language": "en",
            "subject": "Order {{ order_id }}",
            "body": COMPLIANT_BODY,
        },
    )
    assert response.status_code == 302
    preview = client.post(
        reverse("messaging:template_preview"),
        {
            "kind": "feedback_request",
            "language": "en",
            "subject": "Order {{ order_id }}",
            "body": "Hi {{ buyer_first_name }}, order {{ order_id }}. Email us at help@example.com",
        },
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "email_address" in preview and "help@example.com</mark>" in preview
    assert "Hi Alex, order" in preview


@pytest.mark.django_db
def test_html_part_escapes_values():
    html = render_html("Item: {{ product_titles }}", {"product_titles": '<script>alert("x")</script>'})
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "November 2, 2026"), ("de", "02.11.2026"), ("fr", "02/11/2026"), ("ja", "2026年11月2日")],
)
def test_dates_read_as_the_buyer_writes_them(language, expected):
    from datetime import date

    from messaging.placeholders import format_date

    assert format_date(date(2026, 11, 2), language) == expected


@pytest.mark.django_db
def test_starter_requests_read_well_when_buyer_details_are_gone(account):
    from messaging.models import MessageTemplate

    order = OrderFactory(account=account, buyer_name="", buyer_email="")
    for template in MessageTemplate.objects.for_account(account).filter(kind="feedback_request"):
        values = placeholder_values(order=order, account=account, language=template.language)
        text = render_text(template.body, values, template.language)
        assert "{{" not in text and order.amazon_order_id in text
        assert "()" not in text and " ," not in text and all("  " not in line for line in text.splitlines())


@pytest.mark.django_db
def test_preview_copes_with_two_findings_on_the_same_text(account, client_for):
    response = client_for(account, Role.ADMIN).post(
        reverse("messaging:template_preview"),
        {"kind": "feedback_request", "language": "en", "subject": "Order {{ order_id }}", "body": "Rate us ⭐⭐⭐⭐⭐"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Emoji" in body and "Positive feedback only" in body and body.count("<mark") == 1


@pytest.mark.django_db
def test_a_finding_with_nothing_to_quote_shows_no_empty_quotes(account, client_for):
    """The missing order id (and the learned check's reading of a whole message) has no excerpt."""
    body = (
        client_for(account, Role.ADMIN)
        .post(
            reverse("messaging:template_preview"),
            {"kind": "feedback_request", "language": "en", "subject": "Thanks", "body": "Thank you for your order."},
        )
        .content.decode()
    )
    assert "Order ID missing</strong> in body —" in body and "“”" not in body
