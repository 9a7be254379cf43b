"""The fixed list of placeholders a message template may use, and the one
renderer: plain string substitution. No template language is evaluated, so
nothing in a template can reach settings, objects or attributes. Also the
values an order gives the placeholders, dates written as the buyer reads them."""

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from feedbackhub.rules import local_day, message_delivery_date

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
# Anything that looks like template syntax, to reject what is not a plain placeholder.
BRACES = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.DOTALL)

GREETING_FALLBACK = {
    "en": "valued customer",
    "de": "liebe Kundin, lieber Kunde",
    "fr": "chère cliente, cher client",
    "es": "estimado cliente",
    "it": "gentile cliente",
    "ja": "お客様",
}
PRODUCT_FALLBACK = {
    "en": "your items",
    "de": "Ihre Artikel",
    "fr": "vos articles",
    "es": "sus artículos",
    "it": "i suoi articoli",
    "ja": "ご注文の商品",
}
DATE_FALLBACK = {
    "en": "recently",
    "de": "kürzlich",
    "fr": "récemment",
    "es": "recientemente",
    "it": "di recente",
    "ja": "先日",
}


@dataclass(frozen=True)
class Placeholder:
    name: str
    label: str
    example: str
    # The text used when the value is unknown (e.g. buyer name purged after 30 days).
    fallback: dict

    @property
    def token(self):
        return "{{ " + self.name + " }}"


PLACEHOLDERS = {
    placeholder.name: placeholder
    for placeholder in (
        Placeholder("buyer_first_name", "Buyer's first name", "Alex", GREETING_FALLBACK),
        Placeholder("order_id", "Amazon order id (3-7-7)", "112-1234567-1234567", {}),
        Placeholder("product_titles", "Product title(s)", "Trail insulated bottle 750 ml", PRODUCT_FALLBACK),
        Placeholder("order_date", "Order date", "2026-11-02", DATE_FALLBACK),
        Placeholder("delivery_date", "Delivery date", "2026-11-05", DATE_FALLBACK),
        Placeholder("store_name", "Your store name", "Demo Outdoor Goods", {}),
        Placeholder("marketplace_domain", "Marketplace domain", "amazon.com", {}),
        Placeholder(
            "feedback_page_url",
            "The order's Amazon feedback page",
            "https://www.amazon.com/gp/feedback/leave-customer-feedback.html?order=112-1234567-1234567",
            {},
        ),
    )
}


def template_syntax_errors(text):
    """Why a template text is not acceptable: unknown placeholders, tags, filters."""
    errors = []
    for match in BRACES.finditer(text):
        if match.group(2) is not None:
            errors.append(f"Template tags like {match.group(0)!r} are not allowed: use {{{{ placeholder }}}} only.")
            continue
        inner = match.group(1).strip()
        if inner not in PLACEHOLDERS:
            known = ", ".join(placeholder.token for placeholder in PLACEHOLDERS.values())
            errors.append(f"Unknown placeholder {match.group(0)!r}. Use one of: {known}.")
    return errors


def language_code(language):
    return (language or "en")[:2].lower()


def _value(name, values, language):
    value = (values.get(name) or "").strip()
    if value:
        return value
    fallback = PLACEHOLDERS[name].fallback
    return fallback.get(language_code(language), fallback.get("en", ""))


@lru_cache(maxsize=512)
def _segments(text):
    """The text cut at its known placeholders: (literal, name, literal, ..., name, literal).
    A template's text is cut once; each order's message is then its values joined in (the
    dispatcher's rendering of bench/dispatch.py's message: 27-29 -> 18-22 us, where the
    pattern ran over the text five times a message)."""
    parts, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        if match.group(1) in PLACEHOLDERS:
            parts += [text[last : match.start()], match.group(1)]
            last = match.end()
    parts.append(text[last:])
    return tuple(parts)


def _filled(parts, value):
    filled = list(parts)
    for index in range(1, len(parts), 2):
        filled[index] = value(parts[index])
    return "".join(filled)


def render_text(text, values, language="en"):
    """Plain text: known placeholders replaced, everything else left as written."""
    return _filled(_segments(text), lambda name: _value(name, values, language))


@lru_cache(maxsize=512)
def _html_segments(text):
    return _segments(html.escape(text, quote=False))


def render_html(text, values, language="en"):
    """HTML part: the text and every value escaped, paragraphs kept."""
    rendered = _filled(
        _html_segments(text), lambda name: _value(name, {name: html.escape(values.get(name) or "")}, language)
    )
    paragraphs = [part.replace("\n", "<br>\n") for part in rendered.split("\n\n")]
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


FEEDBACK_PAGE = "https://www.{domain}/gp/feedback/leave-customer-feedback.html?order={order_id}"
ENGLISH_MONTHS = "January February March April May June July August September October November December".split()


def format_date(day, language):
    """A date as buyers read it in their language."""
    code = (language or "en")[:2]
    if code == "de":
        return f"{day:%d.%m.%Y}"
    if code in ("fr", "es", "it"):
        return f"{day:%d/%m/%Y}"
    if code == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{ENGLISH_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _local_date(moment, marketplace, language):
    if moment is None:
        return ""
    return format_date(local_day(moment, marketplace.time_zone), language)


def placeholder_values(*, order, account, language="en"):
    """The values a message about this order gets; empty when unknown (purged)."""
    marketplace = order.marketplace
    delivered = message_delivery_date(order)
    first_name = (order.buyer_name or "").split(" ")[0] if not order.pii_purged_at else ""
    return {
        "buyer_first_name": first_name,
        "order_id": order.amazon_order_id,
        "product_titles": ", ".join(item.title or item.sku for item in order.items.all()),
        "order_date": _local_date(order.purchase_date, marketplace, language),
        "delivery_date": _local_date(delivered, marketplace, language),
        "store_name": account.name,
        "marketplace_domain": marketplace.domain,
        "feedback_page_url": FEEDBACK_PAGE.format(domain=marketplace.domain, order_id=order.amazon_order_id),
    }
