"""A case's page and its actions: each validates, calls one service and
comes back to the case, with the service's refusal shown when it says no."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from feedbackhub.html import mark_spans
from feedbackhub.rules import CASE_URGENT_DAYS_LEFT
from feedbackhub.tenancy.access import account_view, found_or_404
from messaging.compliance import Severity
from messaging.compose import buyer_message_render, template_findings
from messaging.models import TemplateKind

from .eligibility import REASON_LABELS, removal_eligibility
from .forms import (
    AmazonFilingForm,
    CaseMessageForm,
    PublicResponseForm,
    ResolveForm,
    TransitionForm,
)
from .models import CASE_TRANSITIONS, CaseMessageKind, CaseState
from .queue_views import can_oversee
from .selectors import (
    case_get,
    case_templates,
    days_left,
    order_buyer_messages,
)
from .services import (
    PUBLIC_RESPONSE_MAX_CHARS,
    case_amazon_request_file,
    case_message_record,
    case_message_send,
    case_public_response_posted,
    case_public_response_save,
    case_resolve,
    case_take,
    case_transition,
)

# Buttons for plain state changes (the rest have their own forms).
SIMPLE_MOVES = {
    CaseState.INVESTIGATING: "Start investigating",
    CaseState.AWAITING_BUYER: "Waiting for the buyer's reply",
    CaseState.REMOVED_BY_BUYER: "The buyer removed it",
    CaseState.NOT_REMOVED: "Not removed",
    CaseState.REMOVED_BY_AMAZON: "Amazon removed it",
    CaseState.STRUCK_THROUGH: "Amazon struck it through",
    CaseState.CLOSED: "Close without action",
}
# Moves the daily pass makes, never a person.
AUTOMATIC = {CaseState.EXPIRED}


def _case_or_404(account, case_id):
    return found_or_404(case_get(account=account, case_id=case_id), "case")


def _verdict_marked(case):
    spans = [
        (reason["start"], reason["end"], "text-bg-warning", REASON_LABELS.get(reason["id"], reason["id"]))
        for reason in case.verdict_reasons
    ]
    return mark_spans(case.feedback.comment, spans)


def _why_not_eligible(case):
    """One sentence on why none of Amazon's removal grounds applies."""
    if case.eligible:
        return ""
    order = case.feedback.order
    channel = order.fulfillment_channel if order else ""
    topics = removal_eligibility(
        case.feedback.comment,
        rating=case.feedback.rating,
        fulfillment_channel=channel,
        language=case.marketplace.language_code,
    ).topics
    if topics == ("delivery",) and channel == "MFN":
        return (
            "It is entirely about the delivery, but you shipped this order yourself (FBM): Amazon strikes through "
            "delivery complaints only on FBA orders, or late deliveries shipped on time with Buy Shipping."
        )
    if "service" in topics:
        return "It is about your service (answers, the item sent, a refund), which Amazon does not remove."
    if len(topics) > 1:
        return "It mixes topics; Amazon removes a comment only when all of it is on one removable ground."
    return "None of Amazon's removal grounds applies to this comment."


def _message_draft(case, templates, kind, template_id):
    """Subject and body to start from: the chosen template, else the first one of the kind."""
    template_kind = (
        TemplateKind.REMOVAL_REQUEST
        if kind == CaseMessageKind.REMOVAL_REQUEST
        else (TemplateKind.FIRST_CONTACT_NEGATIVE)
    )
    choices = templates[template_kind]
    chosen = next((t for t in choices if str(t.pk) == str(template_id)), choices[0] if choices else None)
    return chosen, {
        "kind": kind,
        "subject": chosen.subject if chosen else "",
        "body": chosen.body if chosen else "",
        "language": chosen.language if chosen else case.marketplace.language_code,
    }


def _actions(case):
    allowed = CASE_TRANSITIONS.get(case.state, set())
    return {
        "moves": [(state, label) for state, label in SIMPLE_MOVES.items() if state in allowed],
        "can_message": case.state
        in (
            CaseState.NEW,
            CaseState.INVESTIGATING,
            CaseState.BUYER_CONTACTED,
            CaseState.AWAITING_BUYER,
        ),
        "can_resolve": CaseState.RESOLVED in allowed,
        "can_request_removal": CaseState.REMOVAL_REQUESTED_BUYER in allowed,
        "can_file_amazon": CaseState.REMOVAL_REQUESTED_AMAZON in allowed and case.eligible,
    }


@account_view("feedback.work_queue")
def case_detail(request, account, case_id):
    case = _case_or_404(account, case_id)
    now = timezone.now()
    case.days_left = days_left(case, now=now)
    templates = case_templates(account=account, language=case.marketplace.language_code)
    actions = _actions(case)
    kind = CaseMessageKind.REMOVAL_REQUEST if actions["can_request_removal"] else CaseMessageKind.FIRST_CONTACT
    chosen, draft = _message_draft(case, templates, kind, request.GET.get("template"))
    order = case.feedback.order
    context = {
        "case": case,
        "order": order,
        "feedback": case.feedback,
        "comment_marked": _verdict_marked(case),
        "why_not_eligible": _why_not_eligible(case),
        "reasons": [{**r, "label": REASON_LABELS.get(r["id"], r["id"])} for r in case.verdict_reasons],
        "amazon_reason_label": REASON_LABELS.get(case.amazon_reason, case.amazon_reason),
        "urgent_days": CASE_URGENT_DAYS_LEFT,
        "events": case.events.all(),
        "case_messages": case.messages.all(),
        "buyer_messages": order_buyer_messages(account=account, order=order),
        "templates": templates,
        "chosen_template": chosen,
        "message_kind": kind,
        "message_form": CaseMessageForm(initial=draft),
        "preview": _message_preview(case, draft),
        "resolve_form": ResolveForm(),
        "amazon_form": AmazonFilingForm(reasons=[r["id"] for r in case.verdict_reasons]),
        "response_form": PublicResponseForm(initial={"text": case.public_response_draft or _response_start(templates)}),
        "response_limit": PUBLIC_RESPONSE_MAX_CHARS,
        "has_address": bool(order and order.buyer_email),
        "can_work": not case.assignee_id or case.assignee_id == request.user.pk or can_oversee(request, account),
        **actions,
    }
    return render(request, "feedback/case_detail.html", context)


def _response_start(templates):
    choices = templates[TemplateKind.PUBLIC_RESPONSE]
    return choices[0].body if choices else ""


def _message_preview(case, data):
    """The message as the buyer would get it, and what the checker says of it."""
    order = case.feedback.order
    kind = data.get("kind") or CaseMessageKind.FIRST_CONTACT
    template_kind = (
        TemplateKind.REMOVAL_REQUEST
        if kind == CaseMessageKind.REMOVAL_REQUEST
        else (TemplateKind.FIRST_CONTACT_NEGATIVE)
    )
    language = data.get("language") or case.marketplace.language_code
    subject, body = data.get("subject", ""), data.get("body", "")
    if order is None:
        findings = template_findings(kind=template_kind, language=language, subject=subject, body=body)
        return {"findings": findings, "blocked": any(f.severity == Severity.BLOCK for f in findings)}
    rendered = buyer_message_render(
        kind=template_kind, language=language, subject=subject, body=body, order=order, account=case.account
    )
    return {
        "findings": rendered.findings,
        "blocked": bool(rendered.blocking_rules),
        "subject": rendered.subject,
        "body": rendered.body,
    }


@account_view("feedback.work_queue")
def case_message_preview(request, account, case_id):
    """htmx: the checker's findings and the rendered message as the VA types."""
    case = _case_or_404(account, case_id)
    return render(request, "feedback/_case_message_preview.html", {"preview": _message_preview(case, request.POST)})


def _act(request, case, service, success="", **arguments):
    """Call the service; say what it did, or why it refused; back to the case."""
    try:
        service(case=case, actor=request.user, **arguments)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        if success:
            messages.success(request, success)
    return redirect("feedback:case", case_id=case.pk)


@account_view("feedback.work_queue")
@require_POST
def case_take_view(request, account, case_id):
    case = _case_or_404(account, case_id)
    return _act(request, case, case_take, "The case is yours.", may_override=can_oversee(request, account))


@account_view("feedback.work_queue")
@require_POST
def case_move(request, account, case_id):
    case = _case_or_404(account, case_id)
    form = TransitionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["to_state"] in AUTOMATIC:
        messages.error(request, "Choose what happened.")
        return redirect("feedback:case", case_id=case.pk)
    return _act(request, case, case_transition, may_override=can_oversee(request, account), **form.cleaned_data)


@account_view("feedback.work_queue")
@require_POST
def case_message(request, account, case_id):
    case = _case_or_404(account, case_id)
    form = CaseMessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write the message first.")
        return redirect("feedback:case", case_id=case.pk)
    if request.POST.get("send") == "by_hand":
        return _act(request, case, case_message_record, "Recorded as sent in Seller Central.", **form.cleaned_data)
    return _act(request, case, case_message_send, "Sent to the buyer.", **form.cleaned_data)


@account_view("feedback.work_queue")
@require_POST
def case_resolve_view(request, account, case_id):
    case = _case_or_404(account, case_id)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose how the problem was solved.")
        return redirect("feedback:case", case_id=case.pk)
    return _act(request, case, case_resolve, "Resolution recorded.", **form.cleaned_data)


@account_view("feedback.work_queue")
@require_POST
def case_amazon(request, account, case_id):
    case = _case_or_404(account, case_id)
    form = AmazonFilingForm(request.POST, reasons=[r["id"] for r in case.verdict_reasons])
    if not form.is_valid():
        messages.error(request, "Choose the ground the verdict found and the filing date.")
        return redirect("feedback:case", case_id=case.pk)
    success = "Removal request to Amazon recorded; you will be reminded in 3 days."
    return _act(request, case, case_amazon_request_file, success, **form.cleaned_data)


@account_view("feedback.work_queue")
@require_POST
def case_response(request, account, case_id):
    case = _case_or_404(account, case_id)
    if request.POST.get("posted"):
        success = "Marked as posted: the feedback shows your response."
        return _act(request, case, case_public_response_posted, success)
    form = PublicResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write the response first.")
        return redirect("feedback:case", case_id=case.pk)
    success = "Public response saved. Post it in Seller Central, then mark it posted."
    language = case.marketplace.language_code
    return _act(request, case, case_public_response_save, success, text=form.cleaned_data["text"], language=language)
