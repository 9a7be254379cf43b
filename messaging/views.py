from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from feedbackhub.forms import add_service_errors
from feedbackhub.html import mark_spans
from feedbackhub.tenancy.access import account_view, found_or_404

from .compliance import RULES, Severity, rule_titles
from .compose import template_findings
from .forms import CampaignForm, DoNotSolicitForm, MessageTemplateForm, SendingSettingsForm, VariantFormSet
from .models import CAMPAIGN_TRANSITIONS, Campaign, CampaignState, Language, RequestStatus, TemplateKind
from .placeholders import PLACEHOLDERS, placeholder_values, render_html, render_text, template_syntax_errors
from .preview import campaign_preview
from .selectors import (
    campaign_get,
    campaign_list,
    campaign_results,
    daily_cap,
    dispatch_status,
    do_not_solicit_list,
    held_sends,
    outbox_counts,
    outbox_rows,
    preview_orders,
    sent_today,
    template_diff,
    template_get,
    template_list,
    template_usage,
    template_versions,
)
from .services import (
    CampaignNotReady,
    campaign_problems,
    campaign_save,
    campaign_state_set,
    campaign_test_send,
    do_not_solicit_add,
    do_not_solicit_remove,
    feedback_request_decide,
    message_template_restore,
    message_template_save,
    sending_settings_get,
    sending_settings_save,
)


@account_view("messaging.manage_templates")
def templates(request, account):
    items = _with_holds(template_list(account=account), held_sends(account=account), "template_id")
    return render(request, "messaging/template_list.html", {"templates": items})


def _template_or_404(account, template_id):
    return found_or_404(template_get(account=account, template_id=template_id), "template")


def _initial(template):
    return {
        "name": template.name,
        "kind": template.kind,
        "language": template.language,
        "marketplaces": template.marketplaces.all(),
        "subject": template.subject,
        "body": template.body,
    }


def _editor(request, account, template=None):
    form = MessageTemplateForm(request.POST or None, initial=_initial(template) if template else None, account=account)
    if request.method == "POST" and form.is_valid():
        try:
            saved = message_template_save(account=account, user=request.user, template=template, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            holds = held_sends(account=account, template=saved) if saved.compliance_blocked else []
            if holds:
                messages.error(request, "Saved, but it breaks Amazon's rules: " + _holds_sentence(holds) + ".")
            elif saved.compliance_blocked:
                messages.warning(
                    request,
                    "Saved as a draft: it breaks Amazon's rules and cannot be sent until the findings are fixed.",
                )
            else:
                messages.success(request, "Template saved.")
            return redirect("messaging:template_edit", template_id=saved.pk)
    context = {
        "form": form,
        "template": template,
        "placeholders": PLACEHOLDERS.values(),
        "orders": preview_orders(account=account),
        "rules": RULES,
        "usage": template_usage(template=template) if template else [],
        "held": held_sends(account=account, template=template) if template else [],
        "preview": _preview_context(account, form.data if request.method == "POST" else _initial_text(form, template)),
    }
    return render(request, "messaging/template_edit.html", context)


def _with_holds(objects, holds, key):
    """The objects, each with .holds: the held sends (HeldSends) that concern it."""
    objects = list(objects)
    for obj in objects:
        obj.holds = [hold for hold in holds if getattr(hold, key) == obj.pk]
    return objects


def _holds_sentence(holds):
    return "; ".join(
        f"it holds {hold.held} send{'s' if hold.held != 1 else ''} of live campaign “{hold.campaign_name}”"
        for hold in holds
    )


def _initial_text(form, template):
    if template is None:
        return {"kind": "feedback_request", "language": "en", "subject": "", "body": ""}
    return {"kind": template.kind, "language": template.language, "subject": template.subject, "body": template.body}


def highlight(text, findings, field):
    """The text, escaped, with each finding's span in <mark>."""
    return mark_spans(
        text,
        [
            (
                f.start,
                f.end,
                "text-bg-danger" if f.severity == Severity.BLOCK else "text-bg-warning",
                rule_titles([f.rule_id]),
            )
            for f in findings
            if f.field == field
        ],
    )


def _save_problems(account, subject, body):
    """What a save would refuse in the subject and the body, checked by the same
    form fields and placeholder rules as the save: the live check and the save agree."""
    fields = MessageTemplateForm(account=account).fields
    problems = []
    for name, text in (("subject", subject), ("body", body)):
        if not text.strip():
            continue  # nothing written yet: the preview says so instead of a red error
        try:
            fields[name].clean(text)
        except ValidationError as error:
            problems += [f"{name.capitalize()}: {message}" for message in error.messages]
        problems += [f"{name.capitalize()}: {message}" for message in template_syntax_errors(text)]
    return problems


PREVIEW_INVALID = (
    "Template preview: choose the kind and the language from the editor's lists; "
    "this kind or language is not one FeedbackHub knows, so nothing was checked."
)


def _preview_context(account, data, order_id=None):
    kind = data.get("kind") or TemplateKind.FEEDBACK_REQUEST
    language = data.get("language") or Language.EN
    if kind not in TemplateKind.values or language not in Language.values:
        return {"invalid": PREVIEW_INVALID}
    subject, body = data.get("subject", ""), data.get("body", "")
    save_problems = _save_problems(account, subject, body)
    findings = template_findings(kind=kind, language=language, subject=subject, body=body)
    orders = preview_orders(account=account)
    order = next((o for o in orders if str(o.pk) == str(order_id or data.get("preview_order") or "")), None)
    order = order or (orders[0] if orders else None)
    values = placeholder_values(order=order, account=account, language=language) if order else {}
    return {
        "order": order,
        "save_problems": save_problems,
        "empty": not body.strip(),
        "findings": findings,
        "blocked": any(f.severity == Severity.BLOCK for f in findings),
        "subject_marked": highlight(subject, findings, "subject"),
        "body_marked": highlight(body, findings, "body"),
        "rendered_subject": render_text(subject, values, language) if order else "",
        "rendered_body": render_text(body, values, language) if order else "",
        "rendered_html": mark_safe(render_html(body, values, language)) if order else "",  # noqa: S308 - escaped
    }


@account_view("messaging.use_reply_templates")
def reply_templates(request, account):
    """Buyer-reply templates, read-only: the VA copies them into a reply."""
    replies = template_list(account=account).filter(kind="buyer_reply", compliance_blocked=False)
    return render(request, "messaging/reply_templates.html", {"templates": replies})


@account_view("messaging.manage_templates")
def template_new(request, account):
    return _editor(request, account)


@account_view("messaging.manage_templates")
def template_edit(request, account, template_id):
    return _editor(request, account, _template_or_404(account, template_id))


@account_view("messaging.manage_templates")
def template_preview(request, account):
    """htmx: the live preview and findings as the admin types (POST), or for a
    link (GET with the same fields)."""
    preview = _preview_context(account, request.POST if request.method == "POST" else request.GET)
    status = 400 if "invalid" in preview else 200
    return render(request, "messaging/_template_preview.html", {"preview": preview}, status=status)


@account_view("messaging.manage_templates")
def template_history(request, account, template_id):
    template = _template_or_404(account, template_id)
    versions = list(template_versions(template=template))
    diff = None
    older, newer = request.GET.get("older"), request.GET.get("newer")
    ids = {str(version.history_id) for version in versions}
    if older in ids and newer in ids:
        diff = mark_safe(template_diff(template=template, older_id=older, newer_id=newer))  # noqa: S308 - HtmlDiff escapes
    elif len(versions) >= 2:
        diff = mark_safe(  # noqa: S308 - HtmlDiff escapes its input
            template_diff(template=template, older_id=versions[1].history_id, newer_id=versions[0].history_id)
        )
    context = {"template": template, "versions": versions, "diff": diff}
    return render(request, "messaging/template_history.html", context)


@account_view("messaging.manage_templates")
@require_POST
def template_restore(request, account, template_id, history_id):
    template = _template_or_404(account, template_id)
    if not template.history.filter(history_id=history_id).exists():
        raise Http404("No such version of this template.")
    message_template_restore(template=template, history_id=history_id, user=request.user)
    messages.success(request, "The earlier version is restored (as a new version).")
    return redirect("messaging:template_edit", template_id=template.pk)


# --- campaigns and the outbox -------------------------------------------------


def _campaign_or_404(account, campaign_id):
    return found_or_404(campaign_get(account=account, campaign_id=campaign_id), "campaign")


def _problems_as_messages(request, error):
    for problem in error.messages:
        messages.error(request, problem)


@account_view("messaging.manage_campaigns")
def campaigns(request, account):
    holds = held_sends(account=account)
    context = {
        "campaigns": _with_holds(campaign_list(account=account), holds, "campaign_id"),
        "holds": holds,
        "dispatch": dispatch_status(account=account),
        "sending": sending_settings_get(account=account),
        "counts": outbox_counts(account=account),
        "cap": daily_cap(account=account, now=timezone.now()),
        "sent_today": sent_today(account=account, now=timezone.now()),
    }
    return render(request, "messaging/campaign_list.html", context)


def _campaign_editor(request, account, campaign=None):
    instance = campaign or Campaign(account=account)
    form = CampaignForm(request.POST or None, instance=instance, account=account)
    variants = VariantFormSet(
        request.POST or None, instance=instance, prefix="variants", form_kwargs={"account": account}
    )
    if request.method == "POST" and form.is_valid() and variants.is_valid():
        try:
            saved = campaign_save(account=account, user=request.user, form=form, variant_formset=variants)
        except CampaignNotReady as error:
            for problem in error.messages:
                form.add_error(None, problem)
        else:
            messages.success(request, "Campaign saved.")
            return redirect("messaging:campaign_detail", campaign_id=saved.pk)
    return render(request, "messaging/campaign_form.html", {"form": form, "variants": variants, "campaign": campaign})


@account_view("messaging.manage_campaigns")
def campaign_new(request, account):
    return _campaign_editor(request, account)


@account_view("messaging.manage_campaigns")
def campaign_edit(request, account, campaign_id):
    return _campaign_editor(request, account, _campaign_or_404(account, campaign_id))


@account_view("messaging.manage_campaigns")
def campaign_detail(request, account, campaign_id):
    campaign = _campaign_or_404(account, campaign_id)
    results = campaign_results(campaign=campaign)
    context = {
        "campaign": campaign,
        "preview": campaign_preview(campaign=campaign),
        "results": results,
        "chart": {"days": results.days, "sent": results.sent_per_day, "feedback": results.feedback_per_day},
        "transitions": sorted(CAMPAIGN_TRANSITIONS[campaign.state]),
        "problems": (
            campaign_problems(campaign=campaign, state=CampaignState.LIVE)
            if campaign.state != CampaignState.LIVE
            else []
        ),
        "events": campaign.events.select_related("actor")[:10],
        "held": held_sends(account=account, campaign=campaign),
        "recent": outbox_rows(account=account, campaign=campaign)[:20],
    }
    return render(request, "messaging/campaign_detail.html", context)


@account_view("messaging.manage_campaigns")
@require_POST
def campaign_state(request, account, campaign_id):
    campaign = _campaign_or_404(account, campaign_id)
    state = request.POST.get("state", "")
    if state not in CampaignState.values:
        raise Http404("Unknown campaign state.")
    try:
        campaign_state_set(campaign=campaign, state=state, user=request.user)
    except CampaignNotReady as error:
        _problems_as_messages(request, error)
    else:
        messages.success(request, f"The campaign is now {CampaignState(state).label.lower()}.")
    return redirect("messaging:campaign_detail", campaign_id=campaign.pk)


@account_view("messaging.manage_campaigns")
@require_POST
def campaign_test_send_view(request, account, campaign_id):
    campaign = _campaign_or_404(account, campaign_id)
    try:
        results = campaign_test_send(campaign=campaign, user=request.user)
    except CampaignNotReady as error:
        _problems_as_messages(request, error)
    else:
        for variant, order, outcome in results:
            messages.info(request, f"Variant {variant.label}, order {order.amazon_order_id}: {outcome}.")
    return redirect("messaging:campaign_detail", campaign_id=campaign.pk)


@account_view("messaging.manage_campaigns")
def sending_settings(request, account):
    current = sending_settings_get(account=account)
    form = SendingSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        sending_settings_save(account=account, form=form, user=request.user)
        messages.success(request, "Sending settings saved.")
        return redirect("messaging:sending_settings")
    context = {
        "form": form,
        "counts": outbox_counts(account=account),
        "cap": daily_cap(account=account, now=timezone.now()),
        "sent_today": sent_today(account=account, now=timezone.now()),
    }
    return render(request, "messaging/sending_settings.html", context)


@account_view("messaging.manage_campaigns")
def do_not_solicit(request, account):
    form = DoNotSolicitForm(request.POST or None, initial={"amazon_order_id": request.GET.get("order", "")})
    if request.method == "POST" and form.is_valid():
        try:
            do_not_solicit_add(account=account, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Added to the do-not-solicit list: no campaign will ask.")
            return redirect("messaging:do_not_solicit")
    context = {"form": form, "entries": do_not_solicit_list(account=account), "counts": outbox_counts(account=account)}
    return render(request, "messaging/do_not_solicit.html", context)


@account_view("messaging.manage_campaigns")
@require_POST
def do_not_solicit_remove_view(request, account, entry_id):
    entry = found_or_404(do_not_solicit_list(account=account).filter(pk=entry_id).first(), "entry")
    do_not_solicit_remove(entry=entry)
    messages.success(request, "Removed from the do-not-solicit list.")
    return redirect("messaging:do_not_solicit")


@account_view("messaging.manage_campaigns")
def outbox(request, account):
    status = request.GET.get("status", "")
    if status not in RequestStatus.values:
        status = ""
    rows = outbox_rows(account=account, status=status or None)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": RequestStatus.choices,
        "counts": outbox_counts(account=account),
        "dispatch": dispatch_status(account=account),
        "can_decide": request.user.has_perm("messaging.decide_requests", account),
    }
    return render(request, "messaging/outbox.html", context)


@account_view("messaging.decide_requests")
@require_POST
def outbox_decide(request, account, request_id):
    row = found_or_404(outbox_rows(account=account).filter(pk=request_id).first(), "feedback request")
    decision = request.POST.get("status", "")
    try:
        feedback_request_decide(request=row, status=decision, user=request.user, note=request.POST.get("note", ""))
    except ValidationError as error:
        _problems_as_messages(request, error)
    else:
        messages.success(request, f"Order {row.order.amazon_order_id}: marked {decision}.")
    return redirect(f"{reverse('messaging:outbox')}?status={row.status}")
