"""Replies out: queued after the checker, sent by SMTP under the buyer's
message, retried on 4xx, failed visibly and retried by a person, and never
sent twice after a sender died mid-send (uncertain: a person decides)."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from feedbackhub.tenancy.models import Role
from messaging.inbox.replies import DIED_MID_SEND, replies_claim, replies_send, reply_start_sending
from messaging.inbox.services import (
    ReplyBlocked,
    ReplyRefused,
    buyer_reply_queue,
    reply_decide,
    thread_no_reply,
)
from messaging.inbox.store import thread_clock_refresh
from messaging.models import BuyerMessage, MessageDirection, ReplyStatus, ThreadState

from ...factories import BuyerMessageFactory, BuyerThreadFactory
from ...smtp_sink import smtp_sink

pytestmark = pytest.mark.django_db

BODY = "Hello {{ buyer_first_name }},\n\nyour order {{ order_id }} left our warehouse today.\n\n{{ store_name }}"


def inbound(thread):
    return list(thread.messages.filter(direction=MessageDirection.INBOUND).order_by("received_at"))


def test_a_reply_goes_out_by_smtp_threaded_under_the_buyers_last_message(waiting_thread, va, smtp_settings):
    reply = buyer_reply_queue(thread=waiting_thread, author=va, body=BODY)
    assert reply.status == ReplyStatus.QUEUED
    assert waiting_thread.order.amazon_order_id in reply.body_text and "{{" not in reply.body_text

    with smtp_sink() as (sink, port):
        smtp_settings(port)
        result = replies_send()

    assert result.sent == 1 and len(sink.messages) == 1
    received = sink.messages[0]
    assert received["In-Reply-To"] == "<second@relay.example>"
    # A long References header is folded on the wire (RFC 5322): compare its ids.
    assert received["References"].split() == [
        "<first@relay.example>",
        "<our-answer@seller.example>",
        "<second@relay.example>",
    ]
    assert received["Message-ID"] == reply.message_id and reply.message_id.endswith("@seller.example>")
    assert received["To"] == waiting_thread.relay_address
    assert received["From"] == "Shop <shop@seller.example>"
    assert received["Subject"] == f"Re: {waiting_thread.subject}"
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.SENT and reply.sent_at and reply.attempts == 1 and reply.claim_token is None

    # The buyer's waiting message is answered by the reply's author; the thread waits on the buyer.
    first, second = inbound(waiting_thread)
    assert second.answered_at == reply.sent_at and second.answered_by == va
    waiting_thread.refresh_from_db()
    assert waiting_thread.state == ThreadState.WAITING and waiting_thread.reply_due_at is None
    # Nothing is sent twice.
    with smtp_sink() as (sink, port):
        smtp_settings(port)
        assert replies_send().sent == 0 and sink.messages == []


def test_a_new_buyer_message_puts_the_thread_back_to_needs_reply(waiting_thread, va):
    buyer_reply_queue(thread=waiting_thread, author=va, body=BODY)
    replies_send()
    later = BuyerMessageFactory(thread=waiting_thread, received_at=timezone.now())
    thread_clock_refresh(thread=waiting_thread)
    waiting_thread.refresh_from_db()
    assert waiting_thread.state == ThreadState.NEEDS_REPLY
    assert waiting_thread.reply_due_at == later.received_at + timedelta(hours=24)


def test_a_blocked_reply_is_not_queued(waiting_thread, va):
    with pytest.raises(ReplyBlocked) as blocked:
        buyer_reply_queue(
            thread=waiting_thread, author=va, body="We will send you a 20% discount coupon for positive feedback."
        )
    assert {finding.rule_id for finding in blocked.value.findings} >= {"incentive"}
    assert not BuyerMessage.objects.filter(direction=MessageDirection.OUTBOUND).exists()
    waiting_thread.refresh_from_db()
    assert waiting_thread.state == ThreadState.NEEDS_REPLY


def test_a_thread_without_relay_address_cannot_be_answered_here(account, va):
    thread = BuyerThreadFactory(account=account, relay_address="")
    with pytest.raises(ReplyRefused, match="Seller Central"):
        buyer_reply_queue(thread=thread, author=va, body="Your parcel ships tomorrow.")


def test_smtp_4xx_is_retried_with_backoff(waiting_thread, va, smtp_settings):
    reply = buyer_reply_queue(thread=waiting_thread, author=va, body=BODY)
    answers = ["451 4.3.0 Mailbox temporarily unavailable"]
    with smtp_sink(answer=lambda envelope: answers.pop() if answers else None) as (sink, port):
        smtp_settings(port)
        assert replies_send().retried == 1
        reply.refresh_from_db()
        assert reply.status == ReplyStatus.QUEUED and reply.attempts == 1 and "451" in reply.error
        assert reply.next_attempt_at >= timezone.now() + timedelta(minutes=1)
        assert replies_send().sent == 0 and sink.messages == []  # not due yet

        BuyerMessage.objects.filter(pk=reply.pk).update(next_attempt_at=timezone.now())
        assert replies_send().sent == 1
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.SENT and reply.attempts == 2 and len(sink.messages) == 1


def test_a_failed_reply_shows_on_the_thread_and_a_person_retries_it(
    waiting_thread, va, smtp_settings, client_for, account
):
    reply = buyer_reply_queue(thread=waiting_thread, author=va, body=BODY)
    with smtp_sink(answer=lambda envelope: "550 5.1.1 Recipient address rejected") as (sink, port):
        smtp_settings(port)
        assert replies_send().failed == 1
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.FAILED and "Recipient address rejected" in reply.error
    waiting_thread.refresh_from_db()
    assert waiting_thread.state == ThreadState.NEEDS_REPLY  # nobody was answered

    client = client_for(account, Role.VA)
    page = client.get(reverse("messaging:thread", args=[waiting_thread.pk])).content.decode()
    assert "Recipient address rejected" in page and 'data-testid="reply-retry"' in page
    listed = client.get(reverse("messaging:inbox")).content.decode()
    assert 'data-testid="reply-stuck"' in listed

    response = client.post(reverse("messaging:reply_decide", args=[reply.pk]), {"decision": "retry"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.QUEUED and reply.error == ""
    with smtp_sink() as (sink, port):
        smtp_settings(port)
        assert replies_send().sent == 1 and len(sink.messages) == 1


def _worker_dies_mid_send(reply):
    """A sender claimed the reply, committed "sending" and died before the SMTP call returned."""
    token = uuid.uuid4()
    (claimed,) = replies_claim(now=timezone.now(), token=token, limit=10)
    assert claimed.pk == reply.pk and reply_start_sending(claimed, token)


def test_a_reply_whose_sender_died_mid_send_becomes_uncertain_and_is_never_resent(waiting_thread, va, smtp_settings):
    reply = buyer_reply_queue(thread=waiting_thread, author=va, body=BODY)
    _worker_dies_mid_send(reply)
    with smtp_sink() as (sink, port):
        smtp_settings(port)
        # While the lease runs, another sender leaves it alone.
        assert replies_send().sent == 0
        reply.refresh_from_db()
        assert reply.status == ReplyStatus.SENDING
        # The lease runs out (moved into the past rather than waited for).
        BuyerMessage.objects.filter(pk=reply.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
        assert replies_send().uncertain == 1
        reply.refresh_from_db()
        assert reply.status == ReplyStatus.UNCERTAIN and reply.error == DIED_MID_SEND
        for _ in range(3):
            replies_send()
        assert sink.messages == []
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.UNCERTAIN and reply.attempts == 1


def test_a_person_marks_an_uncertain_reply_sent(waiting_thread, va, smtp_settings):
    reply = buyer_reply_queue(thread=waiting_thread, author=va, body=BODY)
    _worker_dies_mid_send(reply)
    BuyerMessage.objects.filter(pk=reply.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    replies_send()
    with pytest.raises(ReplyRefused):
        reply_decide(reply=reply, decision="retry", actor=va)  # only a failed reply is retried
    reply_decide(reply=reply, decision="mark_sent", actor=va)
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.SENT and "Marked sent by" in reply.error
    waiting_thread.refresh_from_db()
    assert waiting_thread.state == ThreadState.WAITING
    assert inbound(waiting_thread)[-1].answered_by == va


def test_a_person_sends_an_uncertain_reply_again(waiting_thread, va, smtp_settings, account, client_for):
    reply = buyer_reply_queue(thread=waiting_thread, author=va, body=BODY)
    _worker_dies_mid_send(reply)
    BuyerMessage.objects.filter(pk=reply.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    replies_send()
    client = client_for(account, Role.VA)
    page = client.get(reverse("messaging:thread", args=[waiting_thread.pk])).content.decode()
    assert 'data-testid="reply-mark-sent"' in page and 'data-testid="reply-send-again"' in page
    client.post(reverse("messaging:reply_decide", args=[reply.pk]), {"decision": "send_again"})
    with smtp_sink() as (sink, port):
        smtp_settings(port)
        assert replies_send().sent == 1 and len(sink.messages) == 1
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.SENT


def test_an_expired_claim_before_sending_is_sent_by_the_next_sender(waiting_thread, va):
    reply = buyer_reply_queue(thread=waiting_thread, author=va, body=BODY)
    replies_claim(now=timezone.now(), token=uuid.uuid4(), limit=10)  # claimed, then died
    assert replies_send().sent == 0
    BuyerMessage.objects.filter(pk=reply.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert replies_send().sent == 1 and len(mail.outbox) == 1


def test_no_reply_needed_answers_the_waiting_messages_and_closes_the_thread(waiting_thread, va):
    thread_no_reply(thread=waiting_thread, actor=va)
    waiting_thread.refresh_from_db()
    assert waiting_thread.state == ThreadState.DONE and waiting_thread.reply_due_at is None
    last = inbound(waiting_thread)[-1]
    assert last.no_reply_needed and last.answered_by == va and last.answered_at
    assert not BuyerMessage.objects.filter(direction=MessageDirection.OUTBOUND).exists()
