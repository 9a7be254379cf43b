"""The thread page: the messages as stored (sanitised HTML, else text), the
problems and attachments, the order and its resolution case, replies from a
template or free text, "no reply needed", and who else is on the thread."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from feedbackhub.tenancy.models import Role
from messaging.models import (
    BuyerMessage,
    MessageAttachment,
    MessageDirection,
    MessageTemplate,
    ReplyStatus,
    TemplateKind,
    ThreadState,
)

from ...factories import BuyerMessageFactory, BuyerThreadFactory
from ...security.urlwalk import negative_feedback_case

pytestmark = pytest.mark.django_db


def thread_url(thread):
    return reverse("messaging:thread", args=[thread.pk])


def test_messages_in_order_html_as_sanitised_text_escaped(account, client_for):
    thread = BuyerThreadFactory(account=account)
    first = BuyerMessageFactory(thread=thread, body_text="First <script>alert(1)</script>\nsecond line", body_html="")
    BuyerMessageFactory(
        thread=thread,
        received_at=first.received_at.replace(year=first.received_at.year + 1),
        body_html="<p>Later, <b>bold</b></p>",
        problem="No order id found in the message.",
    )
    page = client_for(account, Role.VA).get(thread_url(thread)).content.decode()
    assert page.index("First &lt;script&gt;") < page.index("<p>Later, <b>bold</b></p>")
    assert "<script>alert(1)</script>" not in page and "second line" in page and "<br>" in page
    assert "No order id found in the message." in page


def test_attachments_are_listed_and_downloaded_within_the_account(account, other_account, client_for, media_in_tmp):
    message = BuyerMessageFactory(thread=BuyerThreadFactory(account=account))
    attachment = MessageAttachment.objects.create(
        message=message, filename="broken-lid.jpg", content_type="image/jpeg", size_bytes=4
    )
    attachment.file.save("x", ContentFile(b"\xff\xd8\xff\xe0"))
    MessageAttachment.objects.create(
        message=message, filename="setup.exe", content_type="application/x-msdownload", skipped_reason="not allowed"
    )
    client = client_for(account, Role.VA)
    page = client.get(thread_url(message.thread)).content.decode()
    assert "broken-lid.jpg" in page and "not kept: not allowed" in page
    download = client.get(reverse("messaging:inbox_attachment", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"\xff\xd8\xff\xe0"
    assert 'attachment; filename="broken-lid.jpg"' in download["Content-Disposition"]

    outsider = client_for(other_account, Role.OWNER)
    assert outsider.get(reverse("messaging:inbox_attachment", args=[attachment.pk])).status_code == 404


def test_links_to_the_order_and_its_resolution_case(account, client_for):
    case = negative_feedback_case(account)
    thread = BuyerThreadFactory(account=account, order=case.feedback.order)
    page = client_for(account, Role.VA).get(thread_url(thread)).content.decode()
    assert reverse("orders:detail", args=[thread.order_id]) in page
    assert reverse("feedback:case", args=[case.pk]) in page and "Resolution case" in page

    without_case = BuyerThreadFactory(account=account)
    assert "Resolution case" not in client_for(account, Role.VA).get(thread_url(without_case)).content.decode()


def test_a_reply_from_a_template_is_queued_with_the_orders_values(account, client_for):
    thread = BuyerMessageFactory(thread=BuyerThreadFactory(account=account)).thread
    template = MessageTemplate.objects.get(account=account, kind=TemplateKind.BUYER_REPLY)
    client = client_for(account, Role.VA)
    picked = client.get(thread_url(thread), {"template": template.pk})
    assert picked.context["form"]["body"].value() == template.body

    response = client.post(
        reverse("messaging:thread_reply", args=[thread.pk]), {"template": template.pk, "body": template.body}
    )
    assert response.status_code == 302
    reply = BuyerMessage.objects.get(direction=MessageDirection.OUTBOUND)
    assert reply.status == ReplyStatus.QUEUED and reply.template == template
    assert thread.amazon_order_id in reply.body_text and account.name in reply.body_text
    page = client.get(thread_url(thread)).content.decode()
    assert 'data-testid="reply-status">queued<' in page and 'hx-trigger="every 3s"' in page


def test_a_blocked_reply_shows_the_problems_next_to_the_text_and_is_not_queued(account, client_for):
    thread = BuyerMessageFactory(thread=BuyerThreadFactory(account=account)).thread
    body = "Write to me at shop.owner@example.com and we will sort it out."
    response = client_for(account, Role.VA).post(reverse("messaging:thread_reply", args=[thread.pk]), {"body": body})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="findings"' in page and "email_address" in page and "shop.owner@example.com" in page
    assert "breaks Amazon&#x27;s rules" in page
    assert not BuyerMessage.objects.filter(direction=MessageDirection.OUTBOUND).exists()


def test_no_reply_needed_from_the_page(account, client_for):
    message = BuyerMessageFactory(thread=BuyerThreadFactory(account=account))
    response = client_for(account, Role.VA).post(reverse("messaging:thread_no_reply", args=[message.thread.pk]))
    assert response.status_code == 302
    message.thread.refresh_from_db()
    message.refresh_from_db()
    assert message.thread.state == ThreadState.DONE and message.no_reply_needed


def test_a_second_va_sees_who_is_replying(account, client, va, member_of):
    thread = BuyerMessageFactory(thread=BuyerThreadFactory(account=account)).thread
    presence = reverse("messaging:thread_presence", args=[thread.pk])
    client.force_login(va)
    client.get(thread_url(thread))
    assert "Anna" not in client.post(presence, {"body": ""}).content.decode()  # nobody else yet

    other = member_of(account, Role.VA, first_name="Ben")
    client.force_login(other)
    assert "Anna is viewing" in client.get(thread_url(thread)).content.decode()

    client.force_login(va)
    client.post(presence, {"body": "Hello, your parcel"})
    client.force_login(other)
    assert "Anna is replying" in client.get(thread_url(thread)).content.decode()
    # Presence is per thread.
    elsewhere = BuyerThreadFactory(account=account)
    assert "Anna" not in client.get(thread_url(elsewhere)).content.decode()


def test_the_messages_poll_shows_the_replys_progress(account, client_for):
    thread = BuyerMessageFactory(thread=BuyerThreadFactory(account=account)).thread
    part = client_for(account, Role.VA).get(reverse("messaging:thread_messages", args=[thread.pk])).content.decode()
    assert 'id="thread-messages"' in part and "<html" not in part and "waiting for a reply" in part


def test_a_detected_opt_out_is_confirmed_or_dismissed_from_the_thread(account, client_for):
    """The buyer's "please stop emailing me" (detected by mail in) waits on the
    thread with one click to put the buyer on the do-not-solicit list."""
    from messaging.models import DoNotSolicit, OptOutProposal, OptOutState

    client = client_for(account, Role.VA)
    thread = BuyerThreadFactory(account=account)
    asked = BuyerMessageFactory(thread=thread, body_text="Please stop emailing me.")
    proposal = OptOutProposal.objects.create(
        account=account, message=asked, buyer_key="e" * 64, matched_phrase="stop emailing me", language="en"
    )
    page = client.get(thread_url(thread)).content.decode()
    assert 'data-testid="opt-out-confirm"' in page and "stop emailing me" in page

    decide = reverse("messaging:opt_out_decide", args=[proposal.pk])
    assert client.post(decide, {"decision": "confirm"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == OptOutState.CONFIRMED
    assert DoNotSolicit.objects.filter(account=account, buyer_key="e" * 64).exists()
    page = client.get(thread_url(thread)).content.decode()
    assert "On the do-not-solicit list" in page and 'data-testid="opt-out-confirm"' not in page

    other = OptOutProposal.objects.create(
        account=account, message=BuyerMessageFactory(thread=thread), buyer_key="f" * 64, matched_phrase="unsubscribe"
    )
    client.post(reverse("messaging:opt_out_decide", args=[other.pk]), {"decision": "dismiss"})
    other.refresh_from_db()
    assert other.state == OptOutState.DISMISSED
    assert not DoNotSolicit.objects.filter(account=account, buyer_key="f" * 64).exists()
