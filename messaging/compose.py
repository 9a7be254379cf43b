"""A message to a buyer as it leaves: rendered for one order, checked against
Amazon's rules as rendered, and built as a plain-text + HTML email. Shared by
the dispatcher, the campaign's test sends and the resolution queue's messages,
so what is checked is exactly what a buyer gets."""

from dataclasses import dataclass
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from feedbackhub.mailsink import mail_for_account

from .compliance import Message, Severity, check_message, rule_titles
from .models import SendingSettings, TemplateKind
from .placeholders import placeholder_values, render_html, render_text

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

    @property
    def blocking_titles(self) -> str:
        """The blocking rules as a person reads them: "Incentive, Removal asked too early"."""
        return rule_titles(self.blocking_rules)


def buyer_message_render(*, kind: str, language: str, subject: str, body: str, order, account) -> RenderedMessage:
    """Text with placeholders, rendered for the order and checked as the
    message of `kind` (a TemplateKind) it will be sent as."""
    values = placeholder_values(order=order, account=account, language=language)
    subject = render_text(subject, values, language)
    rendered_body = render_text(body, values, language)
    findings = template_findings(kind=kind, language=language, subject=subject, body=rendered_body)
    return RenderedMessage(
        subject=subject,
        body=rendered_body,
        html=render_html(body, values, language),
        blocking_rules=tuple(sorted({f.rule_id for f in findings if f.severity == Severity.BLOCK})),
    )


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
