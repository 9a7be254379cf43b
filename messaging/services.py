"""Every write of messaging: templates, campaigns and their state, sending
settings, the do-not-solicit list and the owner's outbox decisions."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from feedbackhub.audit.models import AuditAction
from feedbackhub.audit.services import audit_record
from feedbackhub.tenancy.models import AmazonConnection, Marketplace, SellerAccount
from orders.models import Order

from .compliance import is_blocked
from .compose import feedback_request_email, feedback_request_render, sender_address, template_findings
from .forms import CampaignForm, SendingSettingsForm
from .models import (
    CAMPAIGN_TRANSITIONS,
    REQUEST_DECISIONS,
    TEMPLATE_HOLD_REASON_END,
    Campaign,
    CampaignState,
    CampaignVariant,
    Channel,
    DoNotSolicit,
    FeedbackRequest,
    MessageTemplate,
    OutboxEvent,
    RequestStatus,
    SendingSettings,
    TemplateKind,
)
from .placeholders import template_syntax_errors
from .planning import requests_plan
from .preview import campaign_preview
from .starter_templates import STARTER_TEMPLATES


def template_validate(*, subject: str, body: str) -> None:
    errors = {}
    for field, text in (("subject", subject), ("body", body)):
        problems = template_syntax_errors(text)
        if problems:
            errors[field] = problems
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def message_template_save(
    *,
    account: SellerAccount,
    user: User | None,
    template: MessageTemplate | None = None,
    name: str,
    kind: str,
    language: str,
    subject: str,
    body: str,
    marketplaces: Iterable[Marketplace],
) -> MessageTemplate:
    """Create or update a template. Unknown placeholders refuse the save; a
    compliance block is allowed (a draft) and recorded on the template."""
    template_validate(subject=subject, body=body)
    template = template or MessageTemplate(account=account)
    findings = template_findings(kind=kind, language=language, subject=subject, body=body)
    template.name, template.kind, template.language = name, kind, language
    template.subject, template.body = subject, body
    was_blocked = template.pk is not None and template.compliance_blocked
    template.compliance_blocked = is_blocked(findings)
    template.compliance_warnings = sum(1 for finding in findings if finding.severity == "warn")
    template.updated_by = user
    template.full_clean(exclude=["account", "marketplaces"])
    is_new = template.pk is None
    template.save()
    template.marketplaces.set(marketplaces)
    if user is not None:  # the starter library is recorded once, by starter_templates_load
        audit_record(
            action=AuditAction.TEMPLATE_CHANGED,
            account=account,
            actor=user,
            target=f"{'created' if is_new else 'edited'} template #{template.pk} {template.name} ({template.language})",
        )
    if was_blocked and not template.compliance_blocked:
        # The sends the dispatcher held for this template go out now, not at their next hourly retry.
        FeedbackRequest.objects.filter(
            variant__template=template, status=RequestStatus.SCHEDULED, reason__endswith=TEMPLATE_HOLD_REASON_END
        ).update(scheduled_for=timezone.now(), reason="")
    return template


@transaction.atomic
def message_template_restore(*, template: MessageTemplate, history_id: int, user: User) -> MessageTemplate:
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
def starter_templates_load(*, account: SellerAccount) -> list[MessageTemplate]:
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
    if created:
        audit_record(
            action=AuditAction.TEMPLATE_CHANGED,
            account=account,
            target=f"starter library: {len(created)} templates added",
        )
    return created


# --- campaigns and the outbox -------------------------------------------------


class CampaignNotReady(ValidationError):
    """The campaign cannot enter the state asked for; the message says why."""


def campaign_problems(*, campaign: Campaign, state: str) -> list[str]:
    """What stops the campaign from entering `state` (test or live)."""
    problems = []
    if not campaign.marketplaces.exists():
        problems.append("Choose at least one marketplace.")
    if campaign.channel == Channel.AMAZON:
        if state == CampaignState.TEST:
            problems.append(
                "Amazon's Request a Review always goes to the buyer, so it cannot be tested on yourself: "
                "check the preview below and go live."
            )
        if not AmazonConnection.objects.filter(account=campaign.account).exclude(refresh_token="").exists():
            problems.append("Connect this seller account to Amazon (Settings → Amazon connection) first.")
        return problems
    variants = list(campaign.variants.select_related("template"))
    if not variants:
        problems.append("Add at least one template variant.")
    for variant in variants:
        if variant.template.compliance_blocked:
            problems.append(
                f"Variant {variant.label}: template “{variant.template.name}” breaks Amazon's rules; fix it first."
            )
        if variant.template.kind != TemplateKind.FEEDBACK_REQUEST:
            problems.append(f"Variant {variant.label}: “{variant.template.name}” is not a feedback-request template.")
    if state == CampaignState.TEST:
        sending = SendingSettings.objects.filter(account=campaign.account).first()
        if not (sending and sending.test_email):
            problems.append("Set your own address for test sends in the sending settings.")
    return problems


def _event(*, account, actor, from_state, to_state, note="", campaign=None, request=None):
    OutboxEvent.objects.create(
        account=account,
        campaign=campaign,
        request=request,
        actor=actor,
        from_state=from_state,
        to_state=to_state,
        note=note[:300],
    )


@transaction.atomic
def campaign_save(
    *, account: SellerAccount, user: User, form: CampaignForm, variant_formset: BaseInlineFormSet | None = None
) -> Campaign:
    """Create or update a campaign (and its variants) from valid forms, then
    re-plan the account's orders if it is live."""
    campaign = form.save(commit=False)
    is_new = campaign.pk is None
    campaign.account = account
    if is_new:
        campaign.created_by = user
    campaign.save()
    form.save_m2m()
    if variant_formset is not None:
        variant_formset.instance = campaign
        variant_formset.save()
    if campaign.state in (CampaignState.LIVE, CampaignState.TEST):
        problems = campaign_problems(campaign=campaign, state=campaign.state)
        if problems:
            raise CampaignNotReady(problems)
    if is_new:
        _event(account=account, actor=user, campaign=campaign, from_state="", to_state=campaign.state, note="created")
        audit_record(
            action=AuditAction.CAMPAIGN_STATE,
            account=account,
            actor=user,
            target=f"campaign #{campaign.pk} {campaign.name}: created {campaign.state}",
        )
    if campaign.state == CampaignState.LIVE:
        requests_plan(account=account)
    return campaign


@transaction.atomic
def campaign_state_set(*, campaign: Campaign, state: str, user: User, note: str = "") -> Campaign:
    """The one way a campaign changes state; live and paused re-plan the outbox."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if state not in CAMPAIGN_TRANSITIONS[campaign.state]:
        raise CampaignNotReady(
            f"A {campaign.get_state_display().lower()} campaign cannot become {CampaignState(state).label.lower()}."
        )
    if state in (CampaignState.LIVE, CampaignState.TEST):
        problems = campaign_problems(campaign=campaign, state=state)
        if problems:
            raise CampaignNotReady(problems)
    previous = campaign.state
    campaign.state = state
    campaign.save(update_fields=["state", "updated_at"])
    _event(account=campaign.account, actor=user, campaign=campaign, from_state=previous, to_state=state, note=note)
    audit_record(
        action=AuditAction.CAMPAIGN_STATE,
        account=campaign.account,
        actor=user,
        target=f"campaign #{campaign.pk} {campaign.name}: {previous} → {state}",
    )
    if CampaignState.LIVE in (previous, state):
        requests_plan(account=campaign.account)
    return campaign


TEST_SEND_ORDERS = 2


def campaign_test_send(*, campaign: Campaign, user: User) -> list[tuple[CampaignVariant, Order, str]]:
    """Test state: each variant rendered for real orders, sent only to the
    seller's own address. Nothing is written to the outbox: the orders keep
    their one request for the live campaign."""
    if campaign.state != CampaignState.TEST:
        raise CampaignNotReady("Switch the campaign to test first.")
    sending = SendingSettings.objects.get(account=campaign.account)
    sample = [order for order, *_ in campaign_preview(campaign=campaign).sample[:TEST_SEND_ORDERS]]
    if not sample:
        raise CampaignNotReady("No current order qualifies for this campaign, so there is nothing to render.")
    from_email = sender_address(campaign.account)
    results = []
    for variant in campaign.variants.select_related("template"):
        for order in sample:
            rendered = feedback_request_render(template=variant.template, order=order, account=campaign.account)
            if rendered.blocking_rules:
                results.append((variant, order, "not sent: " + rendered.blocking_titles))
                continue
            feedback_request_email(
                rendered,
                account=campaign.account,
                from_email=from_email,
                to=sending.test_email,
                subject_prefix=f"[Test of {campaign.name} · {variant.label}] ",
            ).send()
            results.append((variant, order, f"sent to {sending.test_email}"))
    _event(
        account=campaign.account,
        actor=user,
        campaign=campaign,
        from_state=campaign.state,
        to_state=campaign.state,
        note=f"test send: {len(results)} message(s)",
    )
    return results


@transaction.atomic
def sending_settings_save(
    *, account: SellerAccount, form: SendingSettingsForm, user: User | None = None
) -> SendingSettings:
    was_paused = SendingSettings.objects.filter(account=account, paused=True).exists()
    settings_row = form.save(commit=False)
    settings_row.account = account
    settings_row.save()
    if settings_row.paused != was_paused:
        audit_record(
            action=AuditAction.SENDING_PAUSED if settings_row.paused else AuditAction.SENDING_RESUMED,
            account=account,
            actor=user,
            target="all feedback requests",
        )
    requests_plan(account=account)  # auto-blacklist may have changed what qualifies
    return settings_row


def sending_settings_get(*, account: SellerAccount) -> SendingSettings:
    return SendingSettings.objects.get_or_create(account=account)[0]


@transaction.atomic
def do_not_solicit_add(
    *,
    account: SellerAccount,
    user: User,
    amazon_order_id: str,
    whole_buyer: bool = False,
    reason: str = "manual",
    note: str = "",
) -> DoNotSolicit:
    order = Order.objects.for_account(account).filter(amazon_order_id=amazon_order_id).first()
    if order is None:
        raise ValidationError({"amazon_order_id": f"No order {amazon_order_id} in this seller account."})
    if whole_buyer and not order.buyer_key:
        raise ValidationError({"whole_buyer": "This order carries no buyer identity, so only the order can be listed."})
    lookup = {"buyer_key": order.buyer_key} if whole_buyer else {"order": order}
    entry, _ = DoNotSolicit.objects.get_or_create(
        account=account, **lookup, defaults={"reason": reason, "note": note, "added_by": user}
    )
    requests_plan(account=account, order_ids=_do_not_solicit_order_ids(entry))
    return entry


@transaction.atomic
def do_not_solicit_remove(*, entry: DoNotSolicit) -> None:
    account = entry.account
    order_ids = _do_not_solicit_order_ids(entry)
    entry.delete()
    requests_plan(account=account, order_ids=order_ids)


def _do_not_solicit_order_ids(entry: DoNotSolicit) -> list[int]:
    """The orders an entry covers: the one order, or all of the buyer's."""
    if entry.buyer_key:
        orders = Order.objects.for_account(entry.account).filter(buyer_key=entry.buyer_key)
        return list(orders.values_list("id", flat=True))
    return [entry.order_id]


@transaction.atomic
def feedback_request_decide(*, request: FeedbackRequest, status: str, user: User, note: str = "") -> FeedbackRequest:
    """The owner settles a row the dispatcher could not: an uncertain send
    (sent after all / not sent: send again / give up) or a failed one (retry)."""
    row = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
    if status not in REQUEST_DECISIONS.get(row.status, set()):
        raise ValidationError(f"A {row.get_status_display().lower()} request cannot be marked {status}.")
    previous = row.status
    now = timezone.now()
    row.status = status
    row.reason = note or f"Decided by {user.get_username()}"
    if status == RequestStatus.SENT:
        row.sent_at = row.sent_at or row.updated_at
    if status == RequestStatus.SCHEDULED:
        row.scheduled_for = now
        row.attempts = 0
    row.save(update_fields=["status", "reason", "sent_at", "scheduled_for", "attempts", "updated_at"])
    _event(account=row.account, actor=user, request=row, from_state=previous, to_state=status, note=row.reason)
    # The order id only: the note is free text and may name the buyer.
    audit_record(
        action=AuditAction.OUTBOX_DECISION,
        account=row.account,
        actor=user,
        target=f"request for order {row.order.amazon_order_id}: {previous} → {status}",
    )
    return row
