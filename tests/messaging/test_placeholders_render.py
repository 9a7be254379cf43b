"""The renderer cuts a text at its placeholders once and joins each message's
values in (messaging.placeholders._segments). What it writes is what one
substitution of the placeholder pattern over the text writes, for texts with
unknown placeholders, spacing, markup and values that are empty, padded or
look like placeholders themselves."""

import html
import itertools

import pytest

from messaging.placeholders import PLACEHOLDER, PLACEHOLDERS, _value, render_html, render_text


def substituted(text, values, language):
    """The renderer as one regular-expression substitution (what it was)."""
    return PLACEHOLDER.sub(
        lambda match: _value(match.group(1), values, language) if match.group(1) in PLACEHOLDERS else match.group(0),
        text,
    )


def substituted_html(text, values, language):
    rendered = substituted(
        html.escape(text, quote=False), {k: html.escape(v or "") for k, v in values.items()}, language
    )
    paragraphs = [part.replace("\n", "<br>\n") for part in rendered.split("\n\n")]
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


TEXTS = [
    "",
    "No placeholder at all.",
    "{{ buyer_first_name }}",
    "Hi {{buyer_first_name}}, thanks for order {{ order_id }}!",
    "{{ product_titles }}{{ product_titles }} twice, no space",
    "Unknown {{ coupon_code }} stays, known {{ store_name }} goes",
    "Odd spacing {{   order_date\t}} and {{\ndelivery_date\n}}",
    "Not a placeholder: { { order_id } }, {{ Order_Id }}, {{ order-id }}, {{}}",
    "Markup <b>bold</b> & {{ store_name }} <a href='{{ feedback_page_url }}'>here</a>",
    "Paragraphs\n\n{{ buyer_first_name }},\nline two\n\n\nthree",
    "Nested {{ {{ order_id }} }} and unclosed {{ order_id",
]
VALUES = [
    {},
    {
        "buyer_first_name": "Alex",
        "order_id": "111-1234567-1234567",
        "product_titles": "Mug <12 oz> & lid",
        "store_name": "  Demo & Sons  ",
        "order_date": "",
        "delivery_date": None,
        "feedback_page_url": "https://www.amazon.com/gp/feedback?order=1&x=2",
    },
    {"buyer_first_name": "{{ order_id }}", "order_id": "{{ buyer_first_name }}", "store_name": "<script>x</script>"},
]


@pytest.mark.parametrize(("text", "values", "language"), itertools.product(TEXTS, VALUES, ["en", "de", "ja"]))
def test_the_cut_text_renders_as_the_substitution(text, values, language):
    assert render_text(text, values, language) == substituted(text, values, language)
    assert render_html(text, values, language) == substituted_html(text, values, language)


def test_a_value_that_looks_like_a_placeholder_is_written_as_it_is():
    assert render_text("{{ buyer_first_name }}: {{ order_id }}", {"buyer_first_name": "{{ order_id }}"}) == (
        "{{ order_id }}: " + PLACEHOLDERS["order_id"].fallback.get("en", "")
    )
