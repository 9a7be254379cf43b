from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from feedbackhub.tenancy.access import account_view

from .compliance import RULES, Severity
from .forms import MessageTemplateForm
from .placeholders import PLACEHOLDERS, render_html, render_text, template_syntax_errors
from .selectors import (
    placeholder_values,
    preview_orders,
    template_diff,
    template_get,
    template_list,
    template_versions,
)
from .services import message_template_restore, message_template_save, template_findings


def _coming_soon(request, title, what, **links):
    return render(request, "coming_soon.html", {"title": title, "what": what, **links})


@account_view("messaging.view_inbox")
def inbox(request, account):
    return _coming_soon(
        request,
        "Buyer messages",
        "Buyer messages will arrive here from Amazon's relay, threaded by order, with a 24-hour reply clock.",
        link_url=reverse("messaging:reply_templates"),
        link_label="Approved reply templates",
    )


@account_view("messaging.manage_campaigns")
def campaigns(request, account):
    return _coming_soon(
        request,
        "Campaigns",
        "Feedback-request campaigns (Amazon Request a Review or buyer-seller email) with triggers, send windows, "
        "exclusions, a daily cap and A/B results will be set up here.",
    )


@account_view("messaging.manage_templates")
def templates(request, account):
    return render(request, "messaging/template_list.html", {"templates": template_list(account=account)})


def _template_or_404(account, template_id):
    template = template_get(account=account, template_id=template_id)
    if template is None:
        raise Http404("No such template in this seller account.")
    return template


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
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            if saved.compliance_blocked:
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
        "preview": _preview_context(account, form.data if request.method == "POST" else _initial_text(form, template)),
    }
    return render(request, "messaging/template_edit.html", context)


def _initial_text(form, template):
    if template is None:
        return {"kind": "feedback_request", "language": "en", "subject": "", "body": ""}
    return {"kind": template.kind, "language": template.language, "subject": template.subject, "body": template.body}


def highlight(text, findings, field):
    """The text, escaped, with each finding's span in <mark>."""
    from django.utils.html import escape

    spans = sorted((f for f in findings if f.field == field), key=lambda f: (f.start, f.end))
    out, position = [], 0
    for finding in spans:
        start, end = finding.start, finding.end
        if start < position:
            continue
        out.append(escape(text[position:start]))
        css = "text-bg-danger" if finding.severity == Severity.BLOCK else "text-bg-warning"
        out.append(f'<mark class="{css}" title="{escape(finding.rule_id)}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def _preview_context(account, data, order_id=None):
    kind = data.get("kind") or "feedback_request"
    language = data.get("language") or "en"
    subject, body = data.get("subject", ""), data.get("body", "")
    syntax_errors = template_syntax_errors(subject) + template_syntax_errors(body)
    findings = template_findings(kind=kind, language=language, subject=subject, body=body)
    orders = preview_orders(account=account)
    order = next((o for o in orders if str(o.pk) == str(order_id or data.get("preview_order") or "")), None)
    order = order or (orders[0] if orders else None)
    values = placeholder_values(order=order, account=account, language=language) if order else {}
    return {
        "order": order,
        "syntax_errors": syntax_errors,
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
    context = {"preview": _preview_context(account, request.POST if request.method == "POST" else request.GET)}
    return render(request, "messaging/_template_preview.html", context)


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
