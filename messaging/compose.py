"""A message to a buyer as it leaves: rendered for one order, checked against
Amazon's rules as rendered, and built as a plain-text + HTML email. Shared by
the dispatcher, the campaign's test sends and the resolution queue's messages,
so what is checked is exactly what a buyer gets.

The checker reads the seller's words: the template with the values the seller wrote filled in
(the product titles of the seller's catalog, the store name). The values Amazon gives or
FeedbackHub writes in a fixed form (the buyer's name, the order id, dates, the marketplace and
its feedback page) are read as the placeholders they fill, as the template editor read them:
they are not the seller's wording, and a message is not blocked, or let through, because of
who the buyer is. What the checker reads is then the same for every order of one product, and
its findings are kept (`checked_findings`): the dispatcher checks each product's message once, not
each order's (tests/messaging/test_compose_check.py proves the verdict is the whole text's)."""

from dataclasses import dataclass
from email.utils import make_msgid
from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from feedbackhub.mailsink import mail_for_account

from .compliance import Message, Severity, check_message, rule_titles
from .models import SendingSettings, TemplateKind
from .placeholders import PLACEHOLDERS, placeholder_values, render_html, render_text

# Filled in for the buyer, not written by the seller: checked as their placeholders.
NOT_CHECKED_VALUES = (
    "buyer_first_name",
    "order_id",
    "order_date",
    "delivery_date",
    "marketplace_domain",
    "feedback_page_url",
)

PROACTIVE_KINDS = {TemplateKind.FEEDBACK_REQUEST, TemplateKind.FIRST_CONTACT_NEGATIVE, TemplateKind.REMOVAL_REQUEST}


def template_findings(*, kind, language, subject, body):
    """The compliance checker's findings for a template's text."""
    return check_message(
        Message(
            kind=kind,
            subject=subject,
            body=body,
            language=language,
            first_contact_after_negative=kind == TemplateKind.FIRST_CONTACT_NEGATIVE,
            proactive=kind in PROACTIVE_KINDS,
        )
    )


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str
    html: str
    blocking_rules: tuple  # rule ids of the checker's blocking findings; empty: may be sent
    # The checker's findings on what it read (see the module's docstring), for a preview.
    findings: tuple = ()

    @property
    def blocking_titles(self) -> str:
        """The blocking rules as a person reads them: "Incentive, Removal asked too early"."""
        return rule_titles(self.blocking_rules)


def buyer_message_render(*, kind: str, language: str, subject: str, body: str, order, account) -> RenderedMessage:
    """Text with placeholders, rendered for the order and checked as the
    message of `kind` (a TemplateKind) it will be sent as."""
    values = placeholder_values(order=order, account=account, language=language)
    checked_subject, checked_body = checked_text(subject, body, values, language)
    findings = checked_findings(kind=kind, language=language, subject=checked_subject, body=checked_body)
    return RenderedMessage(
        subject=render_text(subject, values, language),
        body=render_text(body, values, language),
        html=render_html(body, values, language),
        blocking_rules=tuple(sorted({f.rule_id for f in findings if f.severity == Severity.BLOCK})),
        findings=findings,
    )


def checked_text(subject: str, body: str, values: dict, language: str) -> tuple[str, str]:
    """(subject, body) as the checker reads them for these values: the seller's own filled in,
    the buyer's left as placeholders (see the module's docstring)."""
    checked = {**values, **{name: PLACEHOLDERS[name].token for name in NOT_CHECKED_VALUES}}
    return render_text(subject, checked, language), render_text(body, checked, language)


@lru_cache(maxsize=4096)
def checked_findings(*, kind: str, language: str, subject: str, body: str) -> tuple:
    """template_findings, kept per text (findings are frozen): the checker is a function of
    the text and the message's kind alone."""
    return tuple(template_findings(kind=kind, language=language, subject=subject, body=body))


def feedback_request_render(*, template, order, account) -> RenderedMessage:
    return buyer_message_render(
        kind=template.kind,
        language=template.language,
        subject=template.subject,
        body=template.body,
        order=order,
        account=account,
    )


def sender_address(account):
    """The seller's from address (registered for Buyer-Seller Messaging), else the install's."""
    sending = SendingSettings.objects.filter(account=account).first()
    return (sending.from_email if sending else "") or settings.DEFAULT_FROM_EMAIL


def feedback_request_email(rendered, *, account, from_email, to, subject_prefix=""):
    """The message to a buyer, marked as the account's mail (the local sink shows it to its members only)."""
    message = EmailMultiAlternatives(
        subject=subject_prefix + rendered.subject,
        body=rendered.body,
        from_email=from_email,
        to=[to],
        headers={"Message-ID": make_msgid(domain="feedbackhub.invalid")},
    )
    message.attach_alternative(rendered.html, "text/html")
    return mail_for_account(message, account_id=account.pk)
