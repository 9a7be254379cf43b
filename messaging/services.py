"""Every write of message templates."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .compliance import Message, check_message, is_blocked
from .models import MessageTemplate, TemplateKind
from .placeholders import template_syntax_errors
from .starter_templates import STARTER_TEMPLATES

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


def template_validate(*, subject, body):
    errors = {}
    for field, text in (("subject", subject), ("body", body)):
        problems = template_syntax_errors(text)
        if problems:
            errors[field] = problems
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def message_template_save(*, account, user, template=None, name, kind, language, subject, body, marketplaces):
    """Create or update a template. Unknown placeholders refuse the save; a
    compliance block is allowed (a draft) and recorded on the template."""
    template_validate(subject=subject, body=body)
    template = template or MessageTemplate(account=account)
    findings = template_findings(kind=kind, language=language, subject=subject, body=body)
    template.name, template.kind, template.language = name, kind, language
    template.subject, template.body = subject, body
    template.compliance_blocked = is_blocked(findings)
    template.compliance_warnings = sum(1 for finding in findings if finding.severity == "warn")
    template.updated_by = user
    template.full_clean(exclude=["account", "marketplaces"])
    template.save()
    template.marketplaces.set(marketplaces)
    return template


@transaction.atomic
def message_template_restore(*, template, history_id, user):
    """Bring back an earlier version's text; the restore is itself a new version."""
    version = template.history.get(history_id=history_id)
    return message_template_save(
        account=template.account,
        user=user,
        template=template,
        name=version.name,
        kind=version.kind,
        language=version.language,
        subject=version.subject,
        body=version.body,
        marketplaces=list(template.marketplaces.all()),
    )


@transaction.atomic
def starter_templates_load(*, account):
    """FeedbackHub's compliant starter library, once per account (idempotent)."""
    existing = set(MessageTemplate.objects.for_account(account).values_list("name", "language"))
    created = []
    for starter in STARTER_TEMPLATES:
        if (starter.name, starter.language) in existing:
            continue
        template = message_template_save(
            account=account,
            user=None,
            name=starter.name,
            kind=starter.kind,
            language=starter.language,
            subject=starter.subject,
            body=starter.body,
            marketplaces=[],
        )
        template.is_starter = True
        template.save(update_fields=["is_starter"])
        created.append(template)
    return created
