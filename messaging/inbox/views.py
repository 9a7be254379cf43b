"""The inbox pages: the tabs, a thread with its reply form, the person's
decisions on a reply, the presence poll and attachment downloads."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from feedbackhub.tenancy.access import account_view, found_or_404

from ..facts import order_links
from .forms import ReplyForm
from .models import ReplyStatus, ThreadState
from .opt_out import opt_out_confirm, opt_out_dismiss
from .presence import REPLYING, VIEWING, presence_mark, presence_others
from .selectors import (
    REPLY_URGENT_HOURS,
    TABS,
    attachment_get,
    inbox_counts,
    inbox_threads,
    opt_out_get,
    reply_clock,
    reply_get,
    thread_get,
    thread_messages,
)
from .services import ReplyBlocked, ReplyRefused, buyer_reply_queue, reply_decide, thread_language, thread_no_reply

THREADS_PER_PAGE = 50
IN_FLIGHT = (ReplyStatus.QUEUED, ReplyStatus.SENDING)
DECISION_DONE = {
    "retry": "The reply is queued again.",
    "send_again": "The reply is queued to be sent again.",
    "mark_sent": "The reply is marked sent.",
}


@account_view("messaging.view_inbox")
def inbox(request, account):
    tab = request.GET.get("tab", "")
    tab = ThreadState(tab) if tab in TABS else ThreadState.NEEDS_REPLY
    now = timezone.now()
    page = Paginator(inbox_threads(account=account, state=tab), THREADS_PER_PAGE).get_page(request.GET.get("page"))
    for thread in page:
        thread.clock = reply_clock(thread, now=now)
    counts = inbox_counts(account=account)
    context = {
        "page": page,
        "tab": tab,
        "tabs": [(state, state.label, counts[state]) for state in TABS],
        "query": f"tab={tab.value}",
        "time_zone": account.time_zone,
        "urgent_hours": REPLY_URGENT_HOURS,
    }
    return render(request, "messaging/inbox/inbox.html", context)


def _thread_or_404(account, thread_id):
    return found_or_404(thread_get(account=account, thread_id=thread_id), "thread")


def _messages_context(thread):
    entries = thread_messages(thread=thread)
    return {
        "thread": thread,
        "entries": entries,
        "in_flight": any(entry.status in IN_FLIGHT for entry in entries),
    }


def _thread_page(request, account, thread, *, form, findings=(), status=200):
    links = (
        order_links(account=account, order_ids=[thread.order_id]).get(thread.order_id, []) if thread.order_id else []
    )
    context = {
        **_messages_context(thread),
        "form": form,
        "findings": findings,
        "clock": reply_clock(thread, now=timezone.now()),
        "urgent_hours": REPLY_URGENT_HOURS,
        "time_zone": account.time_zone,
        "links": links,
        "others": presence_others(thread=thread, user=request.user),
    }
    return render(request, "messaging/inbox/thread.html", context, status=status)


@account_view("messaging.view_inbox")
def thread_detail(request, account, thread_id):
    thread = _thread_or_404(account, thread_id)
    presence_mark(thread=thread, user=request.user, activity=VIEWING)
    form = ReplyForm(account=account, language=thread_language(thread))
    template = form.templates.get(int(request.GET["template"])) if request.GET.get("template", "").isdigit() else None
    if template is not None:
        form = ReplyForm(
            initial={"template": template.pk, "body": template.body},
            account=account,
            language=thread_language(thread),
        )
    return _thread_page(request, account, thread, form=form)


@account_view("messaging.view_inbox")
@require_POST
def thread_reply(request, account, thread_id):
    thread = _thread_or_404(account, thread_id)
    form = ReplyForm(request.POST, account=account, language=thread_language(thread))
    if not form.is_valid():
        return _thread_page(request, account, thread, form=form, status=400)
    try:
        buyer_reply_queue(
            thread=thread, author=request.user, body=form.cleaned_data["body"], template=form.chosen_template()
        )
    except ReplyBlocked as blocked:
        form.add_error(None, str(blocked))
        return _thread_page(request, account, thread, form=form, findings=blocked.findings, status=400)
    except ReplyRefused as refused:
        form.add_error(None, str(refused))
        return _thread_page(request, account, thread, form=form, status=400)
    messages.success(request, "Reply queued: it goes out through Amazon's relay within a minute.")
    return redirect("messaging:thread", thread_id=thread.pk)


@account_view("messaging.view_inbox")
@require_POST
def thread_no_reply_view(request, account, thread_id):
    thread = _thread_or_404(account, thread_id)
    thread_no_reply(thread=thread, actor=request.user)
    messages.success(request, f"Marked done without a reply: {thread}.")
    return redirect(f"{reverse('messaging:inbox')}?tab={ThreadState.NEEDS_REPLY.value}")


@account_view("messaging.view_inbox")
@require_POST
def reply_decide_view(request, account, reply_id):
    reply = found_or_404(reply_get(account=account, reply_id=reply_id), "reply")
    try:
        reply_decide(reply=reply, decision=request.POST.get("decision", ""), actor=request.user)
    except ReplyRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, DECISION_DONE[request.POST["decision"]])
    return redirect("messaging:thread", thread_id=reply.thread_id)


@account_view("messaging.view_inbox")
@require_POST
def thread_presence(request, account, thread_id):
    """htmx poll: record that this user is here (replying when the reply box
    has text) and show who else is."""
    thread = _thread_or_404(account, thread_id)
    activity = REPLYING if request.POST.get("body", "").strip() else VIEWING
    presence_mark(thread=thread, user=request.user, activity=activity)
    return render(
        request, "messaging/inbox/_presence.html", {"others": presence_others(thread=thread, user=request.user)}
    )


@account_view("messaging.view_inbox")
def thread_messages_view(request, account, thread_id):
    """htmx poll while a reply is on its way: the messages with their statuses."""
    thread = _thread_or_404(account, thread_id)
    context = {**_messages_context(thread), "time_zone": account.time_zone}
    return render(request, "messaging/inbox/_messages.html", context)


@account_view("messaging.view_inbox")
def attachment_download(request, account, attachment_id):
    attachment = found_or_404(attachment_get(account=account, attachment_id=attachment_id), "attachment")
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename or "attachment",
        content_type="application/octet-stream",
    )


OPT_OUT_DONE = {
    "confirm": "The buyer is on the do-not-solicit list: no feedback request will go to them.",
    "dismiss": "Not an opt-out: the buyer can still be asked for feedback.",
}


@account_view("messaging.view_inbox")
@require_POST
def opt_out_decide(request, account, proposal_id):
    """Confirm or dismiss a detected opt-out (the buyer wrote they want no more messages)."""
    proposal = found_or_404(opt_out_get(account=account, proposal_id=proposal_id), "opt-out")
    decision = request.POST.get("decision")
    if decision == "confirm":
        opt_out_confirm(proposal=proposal, user=request.user)
    elif decision == "dismiss":
        opt_out_dismiss(proposal=proposal, user=request.user)
    else:
        messages.error(request, "Choose to add the buyer to the do-not-solicit list, or not.")
        return redirect("messaging:thread", thread_id=proposal.message.thread_id)
    messages.success(request, OPT_OUT_DONE[decision])
    return redirect("messaging:thread", thread_id=proposal.message.thread_id)
