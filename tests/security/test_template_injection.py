"""Server-side template injection and markup in values: nothing is evaluated."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from feedbackhub.tenancy.models import Role
from messaging.models import MessageTemplate
from messaging.placeholders import render_html, render_text
from messaging.services import message_template_save

PAYLOADS_REFUSED = [
    "{{ settings.SECRET_KEY }}",
    "{% load static %}",
    "{{ order.__class__ }}",
    "{{ order_id|safe }}",
    "{{ request.user.password }}",
    "{%raw%}{{ order_id }}{%endraw%}",
]


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS_REFUSED)
def test_template_syntax_is_refused_at_save(account, payload):
    with pytest.raises(ValidationError):
        message_template_save(
            account=account,
            user=None,
            name="x",
            kind="buyer_reply",
            language="en",
            subject="Hi",
            body=f"Order {{{{ order_id }}}} {payload}",
            marketplaces=[],
        )


@pytest.mark.parametrize("payload", ["{0.__class__}", "{order.__init__.__globals__}", "%(secret)s", "${7*7}"])
def test_other_brace_syntax_is_rendered_literally(payload, settings):
    text = f"Order {{{{ order_id }}}} {payload}"
    rendered = render_text(text, {"order_id": "112-1234567-1234567"})
    assert rendered == f"Order 112-1234567-1234567 {payload}"
    assert settings.SECRET_KEY not in rendered


def test_placeholder_values_are_never_evaluated():
    rendered = render_text("{{ product_titles }}", {"product_titles": "{{ settings.SECRET_KEY }} {% debug %}"})
    assert rendered == "{{ settings.SECRET_KEY }} {% debug %}"


def test_script_in_a_value_is_escaped_in_the_html_part():
    html = render_html("{{ product_titles }}", {"product_titles": "<script>alert(1)</script><img src=x onerror=y>"})
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html


@pytest.mark.django_db
def test_a_va_cannot_reach_or_change_templates(account, client_for):
    template = MessageTemplate.objects.for_account(account).first()
    client = client_for(account, Role.VA)
    before = (template.subject, template.body)
    for url in (
        reverse("messaging:templates"),
        reverse("messaging:template_new"),
        reverse("messaging:template_edit", args=[template.pk]),
        reverse("messaging:template_history", args=[template.pk]),
        reverse("messaging:template_preview"),
    ):
        assert client.get(url).status_code == 403, url
        assert (
            client.post(url, {"name": "Hacked", "kind": "buyer_reply", "language": "en", "body": "x"}).status_code
            == 403
        )
    version = template.history.first().history_id
    assert client.post(reverse("messaging:template_restore", args=[template.pk, version])).status_code == 403
    template.refresh_from_db()
    assert (template.subject, template.body) == before
