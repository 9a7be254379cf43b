"""The VA answers a buyer from a reply template: the reply leaves by SMTP
threaded under the buyer's message, and the thread waits on the buyer."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from messaging.compose import sender_address
from messaging.inbox.replies import replies_send
from messaging.models import BuyerMessage, BuyerThread, MessageDirection, ThreadState
from tests.factories import BuyerMessageFactory, BuyerThreadFactory, OrderFactory, OrderItemFactory
from tests.smtp_sink import smtp_sink

from .test_roles_in_browser import log_in

pytestmark = pytest.mark.browser

STATUS_LINE = "[write the current status and the expected delivery date here]"


def test_va_answers_a_thread_from_a_template_and_it_waits_on_the_buyer(page: Page, live_server, demo, settings):
    account = demo.account
    order = OrderFactory(account=account, fulfillment_channel="MFN")
    OrderItemFactory(order=order, title="Enamel camping mug")
    received = timezone.now() - timedelta(hours=21)  # 3 hours left: red
    thread = BuyerThreadFactory(
        account=account, order=order, subject="Where is my mug?", last_message_at=received, language="en"
    )
    BuyerMessageFactory(
        thread=thread, message_id="<mug-1@relay.example>", received_at=received, body_text="Where is my mug?"
    )

    waiting = BuyerThread.objects.filter(account=account, state=ThreadState.NEEDS_REPLY).count()  # the demo's too

    log_in(page, live_server, "va")
    nav = page.get_by_test_id("main-nav")
    expect(nav.get_by_test_id("inbox-badge")).to_have_text(str(waiting))
    nav.get_by_role("link", name="Messages").click()
    row = page.get_by_test_id("thread-row").filter(has_text=order.amazon_order_id)
    expect(row).to_contain_text(order.amazon_order_id)
    expect(row.get_by_test_id("time-left")).to_have_class("badge text-bg-danger")
    row.get_by_role("link", name="Open").click()

    picker = page.get_by_test_id("template-picker")
    expect(picker).to_be_visible()
    page.wait_for_load_state("load")  # the picker shows before htmx binds it
    picker.locator("select[name=template]").select_option(label="Reply: where is my order (English)")
    picker.get_by_test_id("use-template").click()
    body = page.get_by_test_id("reply-form").locator("textarea[name=body]")
    expect(body).to_contain_text("{{ order_id }}")
    body.fill(body.input_value().replace(STATUS_LINE, "it left our warehouse yesterday and arrives on Friday"))
    page.get_by_test_id("send-reply").click()
    expect(page.get_by_role("alert").first).to_contain_text("Reply queued")
    expect(page.get_by_test_id("reply-status")).to_have_text("queued")

    # The worker's turn (Celery's task calls this), with a real SMTP server.
    with smtp_sink() as (sink, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        assert replies_send().sent == 1
    expect(page.get_by_test_id("reply-status")).to_have_text("sent", timeout=10_000)

    (received_mail,) = sink.messages
    reply = BuyerMessage.objects.get(thread=thread, direction=MessageDirection.OUTBOUND)
    assert received_mail["To"] == thread.relay_address and received_mail["From"] == sender_address(account)
    assert received_mail["In-Reply-To"] == "<mug-1@relay.example>"
    assert received_mail["References"] == "<mug-1@relay.example>"
    assert received_mail["Message-ID"] == reply.message_id
    assert received_mail["Subject"] == "Re: Where is my mug?"
    text = received_mail.get_payload(0).get_payload(decode=True).decode()
    assert order.amazon_order_id in text and "arrives on Friday" in text and "{{" not in text

    page.get_by_role("link", name="← Buyer messages").click()
    expect(page.get_by_test_id("tab-needs_reply").get_by_test_id("tab-count")).to_have_text(str(waiting - 1))
    page.get_by_test_id("tab-waiting").click()
    expect(page.get_by_test_id("thread-row").filter(has_text=order.amazon_order_id)).to_have_count(1)
