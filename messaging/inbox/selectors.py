"""The inbox's reads: the tabs with their counts, a thread with its messages,
the buyer-reply templates a VA may use. Every selector takes the account."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from feedbackhub.rules import BUYER_REPLY_HOURS

from ..models import MessageTemplate, TemplateKind
from .models import (
    BuyerMessage,
    BuyerThread,
    MessageAttachment,
    MessageDirection,
    OptOutProposal,
    ReplyStatus,
    ThreadState,
)

# Red on the list when less than this is left on the 24-hour clock.
REPLY_URGENT_HOURS = 4
REPLY_WINDOW = timedelta(hours=BUYER_REPLY_HOURS)

TABS = (ThreadState.NEEDS_REPLY, ThreadState.WAITING, ThreadState.DONE)
# A reply that needs a person (failed, or may have gone out) flags its thread.
REPLY_NEEDS_A_PERSON = (ReplyStatus.FAILED, ReplyStatus.UNCERTAIN)


def inbox_counts(*, account) -> dict:
    """Threads per tab, in one query: {state: count}."""
    figures = BuyerThread.objects.for_account(account).aggregate(
        **{state: Count("id", filter=Q(state=state)) for state in TABS}
    )
    return {ThreadState(state): figures[state] for state in TABS}


def needs_reply_count(*, account) -> int:
    return BuyerThread.objects.for_account(account).filter(state=ThreadState.NEEDS_REPLY).count()


def inbox_threads(*, account, state):
    """A tab's threads. Needs reply: least time left on the clock first; the
    others: the latest message first."""
    stuck = BuyerMessage.objects.filter(
        thread=OuterRef("pk"), direction=MessageDirection.OUTBOUND, status__in=REPLY_NEEDS_A_PERSON
    )
    in_flight = BuyerMessage.objects.filter(
        thread=OuterRef("pk"),
        direction=MessageDirection.OUTBOUND,
        status__in=(ReplyStatus.QUEUED, ReplyStatus.SENDING),
    )
    threads = (
        BuyerThread.objects.for_account(account)
        .filter(state=state)
        .select_related("marketplace")
        .annotate(reply_stuck=Exists(stuck), reply_in_flight=Exists(in_flight))
    )
    if state == ThreadState.NEEDS_REPLY:
        return threads.order_by("reply_due_at", "last_message_at", "pk")
    return threads.order_by("-last_message_at", "-pk")


@dataclass(frozen=True)
class ReplyClock:
    """What is left of the 24-hour clock, as the list shows it."""

    due_at: object
    seconds_left: int | None

    @property
    def overdue(self):
        return self.seconds_left is not None and self.seconds_left <= 0

    @property
    def urgent(self):
        return self.seconds_left is not None and self.seconds_left < REPLY_URGENT_HOURS * 3600

    @property
    def label(self):
        if self.seconds_left is None:
            return ""
        if self.overdue:
            return "overdue"
        hours, rest = divmod(self.seconds_left, 3600)
        return f"{hours} h {rest // 60:02d} min" if hours else f"{rest // 60} min"


def reply_clock(thread, *, now) -> ReplyClock:
    if thread.reply_due_at is None:
        return ReplyClock(due_at=None, seconds_left=None)
    return ReplyClock(due_at=thread.reply_due_at, seconds_left=int((thread.reply_due_at - now).total_seconds()))


def thread_get(*, account, thread_id):
    return BuyerThread.objects.for_account(account).select_related("order", "marketplace").filter(pk=thread_id).first()


def thread_messages(*, thread):
    """The thread's messages, oldest first, with their attachments and authors."""
    return list(
        thread.messages.select_related("author", "answered_by", "opt_out__decided_by")
        .prefetch_related(Prefetch("attachments", queryset=MessageAttachment.objects.order_by("pk")))
        .order_by("received_at", "pk")
    )


def opt_out_get(*, account, proposal_id):
    return OptOutProposal.objects.for_account(account).select_related("message").filter(pk=proposal_id).first()


def thread_unanswered(*, thread):
    return thread.messages.filter(direction=MessageDirection.INBOUND, answered_at__isnull=True)


def thread_last_inbound(*, thread):
    return (
        thread.messages.filter(direction=MessageDirection.INBOUND)
        .exclude(message_id="")
        .order_by("-received_at", "-pk")
        .first()
    )


def reply_get(*, account, reply_id):
    return (
        BuyerMessage.objects.for_account(account)
        .filter(pk=reply_id, direction=MessageDirection.OUTBOUND)
        .select_related("thread")
        .first()
    )


def attachment_get(*, account, attachment_id):
    return MessageAttachment.objects.filter(pk=attachment_id, message__account=account).exclude(file="").first()


def reply_templates(*, account, language=""):
    """The account's buyer-reply templates that pass the checker; the thread's
    language first."""
    templates = MessageTemplate.objects.for_account(account).filter(
        kind=TemplateKind.BUYER_REPLY, compliance_blocked=False
    )
    return sorted(templates, key=lambda template: (template.language != language, template.name))
