"""Parse and store: bad mail ends as a clear record, never an exception;
threads by order or by relay address; the 24-hour clock."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from feedbackhub.crypto import blind_index
from feedbackhub.rules import BUYER_REPLY_HOURS
from messaging.inbox.models import (
    BuyerMessage,
    BuyerThread,
    MessageAttachment,
    MessageDirection,
    ReplyStatus,
    ThreadState,
)
from messaging.inbox.parse import MAX_ATTACHMENT_BYTES, MAX_MESSAGE_BYTES, message_parse
from messaging.inbox.store import inbound_message_store, thread_clock_refresh

from ...factories import OrderFactory, marketplace
from .mail import relay_mail

pytestmark = pytest.mark.django_db


def store(account, raw, **kwargs):
    return inbound_message_store(account=account, raw=raw, **kwargs).message


def raw_mail(headers, body):
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def test_amazon_subject_order_id_relay_address_marketplace_and_language(account, media_in_tmp):
    order = OrderFactory(account=account, amazon_order_id="302-1234567-1234567", marketplace=marketplace("UK"))
    raw = relay_mail(
        7,
        order_id=order.amazon_order_id,
        domain="amazon.de",
        subject="Anfrage von Amazon-Kunde Erika Testfrau (Bestellung: 302-1234567-1234567)",
        body="Guten Tag, das Paket ist beschädigt angekommen.",
    )
    message = store(account, raw)
    thread = message.thread
    assert (thread.amazon_order_id, thread.order, message.order) == (order.amazon_order_id, order, order)
    assert thread.relay_address == "test-buyer-00007@marketplace.amazon.de"
    assert thread.relay_key == blind_index("test-buyer-00007@marketplace.amazon.de")
    assert thread.marketplace.code == "DE" and thread.language == "de" and message.language == "de"
    assert message.problem == ""


def test_an_order_id_only_in_the_body_threads_by_order(account, media_in_tmp):
    raw = relay_mail(2, order_id="", subject="Question", body="About my order 113-7654321-7654321: is it sent?")
    message = store(account, raw)
    assert message.amazon_order_id == "113-7654321-7654321" == message.thread.amazon_order_id
    assert message.thread.order is None  # no such order imported (yet)


def test_messages_without_an_order_id_thread_by_relay_address(account, media_in_tmp):
    first = store(account, relay_mail(3, order_id="", message_id="<a@x>", body="Do you sell this in blue?"))
    second = store(account, relay_mail(3, order_id="", message_id="<b@x>", body="And in red?"))
    other = store(account, relay_mail(4, order_id="", message_id="<c@x>", body="Hello"))
    assert first.thread == second.thread != other.thread
    assert first.thread.amazon_order_id == "" and first.problem == "No order id found: threaded by the buyer's address"
    assert BuyerThread.objects.count() == 2


def test_the_same_message_id_is_stored_once_per_account(account, other_account, media_in_tmp):
    raw = relay_mail(5)
    first = inbound_message_store(account=account, raw=raw)
    again = inbound_message_store(account=account, raw=raw)
    elsewhere = inbound_message_store(account=other_account, raw=raw)
    assert first.created and not again.created and elsewhere.created
    assert again.message == first.message
    assert BuyerMessage.objects.filter(account=account).count() == 1
    no_id = raw_mail(["From: someone@example.com", "Subject: no id"], b"hello")
    assert inbound_message_store(account=account, raw=no_id).created
    assert not inbound_message_store(account=account, raw=no_id).created


def test_script_in_html_is_stripped_before_it_is_stored(account, media_in_tmp):
    raw = raw_mail(
        [
            "From: test-buyer-00008@marketplace.amazon.com",
            "Subject: Inquiry (Order: 112-0000008-0000008)",
            "Message-ID: <html@x>",
            "Content-Type: text/html; charset=utf-8",
        ],
        b'<p onclick="steal()">The lid is <b>cracked</b>.</p><script>alert(document.cookie)</script>'
        b'<a href="javascript:alert(1)">photo</a><img src=x onerror=alert(1)>',
    )
    message = store(account, raw)
    stored = BuyerMessage.objects.get(pk=message.pk)
    assert "<b>cracked</b>" in stored.body_html
    for bad in ("<script", "alert(document.cookie)", "onclick", "onerror", "javascript:"):
        assert bad not in stored.body_html
    assert stored.body_text == "The lid is cracked.photo"  # text taken from the sanitised HTML


def test_broken_mime_is_a_record_with_its_problem(account, media_in_tmp):
    raw = raw_mail(
        [
            "From: test-buyer-00009@marketplace.amazon.com",
            "Subject: Broken (Order: 112-0000009-0000009)",
            "Message-ID: <broken@x>",
            'Content-Type: multipart/mixed; boundary="never-closed"',
        ],
        b"--never-closed\r\nContent-Type: text/plain\r\n\r\nMy item is missing a part\r\n",
    )
    message = store(account, raw)
    assert "MIME structure is broken" in message.problem
    assert message.body_text == "My item is missing a part" and message.thread.state == ThreadState.NEEDS_REPLY


def test_garbage_bytes_still_become_a_visible_message(account, media_in_tmp):
    message = store(account, b"\x00\xff\xfe not an email at all \x80\x81")
    assert message.pk and message.thread is not None and message.problem


@pytest.mark.parametrize(
    ("charset", "text", "problem"),
    [
        ("iso-2022-jp", "荷物が届きません。", ""),
        ("windows-1252", "Où est mon colis ? Merci – Zoë", ""),
        ("x-foo", "plain words", "Unknown charset 'x-foo'"),
    ],
)
def test_non_utf8_charsets(account, media_in_tmp, charset, text, problem):
    body = text.encode(charset if charset != "x-foo" else "ascii")
    raw = raw_mail(
        [
            "From: test-buyer-00010@marketplace.amazon.co.jp",
            "Subject: Order 503-0000010-0000010",
            f"Message-ID: <{charset}@x>",
            f"Content-Type: text/plain; charset={charset}",
        ],
        body,
    )
    message = store(account, raw)
    assert message.body_text == text
    assert (problem in message.problem) if problem else message.problem == ""


def test_a_wrongly_declared_charset_is_read_with_replacement_and_said(account, media_in_tmp):
    raw = raw_mail(
        ["From: a@marketplace.amazon.com", "Subject: 112-0000011-0000011", "Content-Type: text/plain; charset=utf-8"],
        "Stück".encode("latin-1"),
    )
    message = store(account, raw)
    assert message.body_text == "St\ufffdck" and "not valid in its charset" in message.problem


def test_attachments_by_type_and_size(account, media_in_tmp):
    huge = b"\x89PNG" + b"0" * MAX_ATTACHMENT_BYTES
    raw = relay_mail(
        12,
        attachments=(
            ("photo.jpg", "image/jpeg", b"\xff\xd8\xff fake jpeg"),
            ("label.pdf", "application/pdf", b"%PDF-1.4 fake"),
            ("huge.png", "image/png", huge),
            ("run-me.exe", "application/x-msdownload", b"MZ"),
            ("vector.svg", "image/svg+xml", b"<svg onload=alert(1)>"),
        ),
    )
    message = store(account, raw)
    by_name = {attachment.filename: attachment for attachment in MessageAttachment.objects.filter(message=message)}
    assert set(by_name) == {"photo.jpg", "label.pdf", "huge.png", "run-me.exe", "vector.svg"}
    assert by_name["photo.jpg"].file.read() == b"\xff\xd8\xff fake jpeg" and not by_name["photo.jpg"].skipped_reason
    assert by_name["label.pdf"].file and not by_name["label.pdf"].skipped_reason
    assert not by_name["huge.png"].file and "over the 10.0 MB limit" in by_name["huge.png"].skipped_reason
    assert by_name["huge.png"].size_bytes == len(huge)
    for refused in ("run-me.exe", "vector.svg"):
        assert not by_name[refused].file and "not accepted" in by_name[refused].skipped_reason


def test_a_message_over_25_mb_keeps_its_headers_and_says_why(account, media_in_tmp):
    parsed = message_parse(relay_mail(13), size_bytes=MAX_MESSAGE_BYTES + 1)
    assert parsed.body_text == "" and parsed.amazon_order_id == "112-1234567-1234567"
    assert "over the 25 MB limit" in parsed.problem
    raw = relay_mail(14, body="x" * 100) + b"y" * MAX_MESSAGE_BYTES
    message = store(account, raw)
    assert message.body_text == "" and "over the 25 MB limit" in message.problem
    assert message.thread.amazon_order_id == "112-1234567-1234567"


def test_reply_clock_is_the_oldest_unanswered_buyer_message_plus_24_hours(account, media_in_tmp):
    start = timezone.now().replace(microsecond=0) - timedelta(hours=10)
    first = store(account, relay_mail(15, message_id="<1@x>", sent_at=start))
    store(account, relay_mail(15, message_id="<2@x>", sent_at=start + timedelta(hours=3)))
    thread = BuyerThread.objects.get(pk=first.thread_id)
    assert thread.state == ThreadState.NEEDS_REPLY
    assert thread.reply_due_at == start + timedelta(hours=BUYER_REPLY_HOURS)
    assert thread.last_message_at == start + timedelta(hours=3)

    # Answered (by the reply code): the seller's reply is the last word, the thread waits on the buyer.
    BuyerMessage.objects.filter(thread=thread).update(answered_at=timezone.now())
    BuyerMessage.objects.create(
        account=account,
        thread=thread,
        direction=MessageDirection.OUTBOUND,
        status=ReplyStatus.SENT,
        received_at=timezone.now(),
    )
    thread = thread_clock_refresh(thread=thread)
    assert (thread.state, thread.reply_due_at) == (ThreadState.WAITING, None)

    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        later = store(account, relay_mail(15, message_id="<3@x>", sent_at=timezone.now()))
    thread.refresh_from_db()
    assert thread.state == ThreadState.NEEDS_REPLY
    assert thread.reply_due_at == later.received_at + timedelta(hours=BUYER_REPLY_HOURS)


def test_a_date_in_the_future_does_not_stop_the_clock(account, media_in_tmp):
    message = store(account, relay_mail(16, sent_at=timezone.now() + timedelta(days=3)))
    assert message.received_at <= timezone.now()
