"""The resolution queue's services: cases open by themselves, move only as
CASE_TRANSITIONS allows, and refuse what would break Amazon's rules."""

import json
import threading
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from feedback.models import (
    CaseMessage,
    CaseMessageKind,
    CaseState,
    Feedback,
    FeedbackState,
    Notification,
    NotificationKind,
    QueueSettings,
    ResolutionCase,
)
from feedback.notifications import notifications_send
from feedback.services import (
    CaseActionRefused,
    case_amazon_request_file,
    case_message_record,
    case_message_send,
    case_public_response_posted,
    case_public_response_save,
    case_resolve,
    case_take,
    case_transition,
    cases_daily,
    cases_open,
)
from feedbackhub.rules import local_day
from feedbackhub.tenancy.models import Role
from orders.imports.services import import_job_create, import_job_run
from orders.models import FulfillmentChannel

from ..factories import FeedbackFactory, OrderFactory, marketplace
from ..orders.reports import feedback_file

pytestmark = pytest.mark.django_db

FIRST_CONTACT = (
    "Hello {{ buyer_first_name }},\n\nWe are sorry that order {{ order_id }} went wrong. "
    "We can send a replacement or arrange a return, whichever you prefer.\n\nKind regards,\n{{ store_name }}"
)
REMOVAL = (
    "Hello,\n\nThank you for letting us resolve order {{ order_id }}. If you feel the problem has been resolved, "
    "you may consider updating or removing the feedback you left. It is entirely your choice.\n\n"
    "Kind regards,\n{{ store_name }}"
)


def negative_case(account, *, comment="The seller never answered my messages.", rating=1, **order_fields):
    order = OrderFactory(account=account, **{"buyer_email": "a1b2c3@marketplace.amazon.com", **order_fields})
    FeedbackFactory(order=order, rating=rating, comment=comment, feedback_date=date.today())
    cases_open(account=account)
    return ResolutionCase.objects.get(feedback__order=order)


@pytest.fixture
def va(account, member_of):
    return member_of(account, Role.VA, email="va@seller.example")


@pytest.fixture
def owner(account, member_of):
    return member_of(account, Role.OWNER, email="owner@seller.example")


def contact(case, va, body=FIRST_CONTACT, **kwargs):
    return case_message_send(
        case=case,
        kind="first_contact",
        subject="About order {{ order_id }}",
        body=body,
        language="en",
        actor=va,
        **kwargs,
    )


# --- opening ---------------------------------------------------------------------------


def test_a_negative_feedback_report_opens_cases_with_deadline_and_verdict(account, member_of, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    product_only = OrderFactory(account=account, amazon_order_id="112-0000001-0000001")
    service = OrderFactory(account=account, amazon_order_id="112-0000002-0000002")
    OrderFactory(account=account, amazon_order_id="112-0000003-0000003")
    rows = [
        ("11/20/26", 1, "The zipper broke after two days, poor quality.", "", product_only.amazon_order_id),
        ("11/21/26", 2, "Seller never answered my emails.", "", service.amazon_order_id),
        ("11/22/26", 3, "Okay I guess.", "", "112-0000003-0000003"),
    ]
    with time_machine.travel(datetime(2026, 11, 25, 18, tzinfo=UTC), tick=False):
        job = import_job_create(
            account=account,
            user=member_of(account),
            uploaded_file=SimpleUploadedFile("feedback.txt", feedback_file(rows).encode()),
            requested_type="",
            marketplace=marketplace("US"),
        )
        import_job_run(job_id=job.pk)
    cases = {case.feedback.amazon_order_id: case for case in ResolutionCase.objects.select_related("feedback")}
    assert set(cases) == {product_only.amazon_order_id, service.amazon_order_id}  # 3 stars: not by default
    product_case = cases[product_only.amazon_order_id]
    assert product_case.deadline == date(2026, 11, 20) + timedelta(days=60)
    assert product_case.eligible and product_case.verdict_outcome == "removed"
    assert [reason["id"] for reason in product_case.verdict_reasons] == ["product_review"]
    assert product_case.removal_request_text
    assert not cases[service.amazon_order_id].eligible
    assert list(product_case.events.values_list("to_state", flat=True)) == [CaseState.NEW]
    assert Notification.objects.filter(kind=NotificationKind.NEW_NEGATIVE).count() == 2


def test_three_star_feedback_opens_a_case_when_the_account_says_so(account):
    FeedbackFactory(order=OrderFactory(account=account), rating=3, comment="Meh.", feedback_date=date.today())
    assert cases_open(account=account) == []
    QueueSettings.objects.create(account=account, include_neutral=True)
    assert len(cases_open(account=account)) == 1


def test_one_case_per_feedback_by_constraint(account):
    case = negative_case(account)
    assert cases_open(account=account) == []
    with pytest.raises(IntegrityError), transaction.atomic():
        ResolutionCase.objects.create(
            account=account, feedback=case.feedback, marketplace=case.marketplace, deadline=case.deadline
        )


def test_feedback_whose_window_closed_opens_no_case(account):
    # The window is counted in the marketplace's calendar (Los Angeles), not the server's.
    today = local_day(timezone.now(), "America/Los_Angeles")
    FeedbackFactory(order=OrderFactory(account=account), rating=1, feedback_date=today - timedelta(days=61))
    assert cases_open(account=account) == []
    FeedbackFactory(order=OrderFactory(account=account), rating=1, feedback_date=today - timedelta(days=60))
    assert len(cases_open(account=account)) == 1  # the last day is still open


def test_the_verdict_is_judged_again_when_the_order_arrives(account):
    feedback = FeedbackFactory(
        order=None,
        account=account,
        marketplace=marketplace("US"),
        amazon_order_id="112-0000009-0000009",
        rating=1,
        comment="Package arrived two weeks late.",
        feedback_date=date.today(),
    )
    cases_open(account=account)
    case = ResolutionCase.objects.get(feedback=feedback)
    assert not case.eligible and case.verdict_channel == ""
    order = OrderFactory(account=account, amazon_order_id=feedback.amazon_order_id, fulfillment_channel="AFN")
    Feedback.objects.filter(pk=feedback.pk).update(order=order)
    cases_open(account=account)
    case.refresh_from_db()
    assert case.eligible and case.verdict_outcome == "struck_through" and case.verdict_channel == "AFN"


# --- states -----------------------------------------------------------------------------


def test_a_disallowed_transition_is_refused_with_a_message(account, va):
    case = negative_case(account)
    with pytest.raises(CaseActionRefused, match="cannot become"):
        case_transition(case=case, to_state=CaseState.REMOVED_BY_AMAZON, actor=va)
    case.refresh_from_db()
    assert case.state == CaseState.NEW and case.events.count() == 1


def test_each_change_writes_an_event_with_actor_and_note(account, va):
    case = case_take(case=negative_case(account), actor=va)
    case = case_transition(case=case, to_state=CaseState.CLOSED, actor=va, note="Duplicate order.")
    events = list(case.events.order_by("id").values_list("actor__username", "to_state", "note"))
    assert events[-1] == (va.username, CaseState.CLOSED, "Duplicate order.")
    assert case.closed_at is not None and not case.is_open


def test_a_case_held_by_someone_else_is_refused(account, va, member_of):
    case = case_take(case=negative_case(account), actor=va)
    other = member_of(account, Role.VA)
    with pytest.raises(CaseActionRefused, match="assigned to"):
        case_transition(case=case, to_state=CaseState.CLOSED, actor=other)


# --- guard rails ---------------------------------------------------------------------------


def test_contacting_the_buyer_sends_one_email_through_the_relay(account, va):
    case = negative_case(account)
    message = contact(case, va)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["a1b2c3@marketplace.amazon.com"]
    assert case.feedback.order.amazon_order_id in email.body and "{{" not in email.body
    case.refresh_from_db()
    assert case.state == CaseState.BUYER_CONTACTED and case.first_contact_at is not None
    assert message.kind == CaseMessageKind.FIRST_CONTACT and message.status == "sent"


def test_the_first_contact_may_not_ask_for_removal(account, va):
    case = negative_case(account)
    with pytest.raises(CaseActionRefused, match="Removal asked too early"):
        contact(case, va, body=FIRST_CONTACT + "\n\nPlease remove your negative feedback.")
    assert mail.outbox == [] and not CaseMessage.objects.exists()


def test_a_message_the_checker_blocks_is_never_sent(account, va):
    case = negative_case(account)
    with pytest.raises(CaseActionRefused, match="Incentive"):
        contact(case, va, body=FIRST_CONTACT + "\n\nHere is a 20% discount coupon for your trouble.")
    assert mail.outbox == []


def test_removal_is_asked_only_after_the_resolution(account, va):
    case = negative_case(account)
    with pytest.raises(CaseActionRefused, match="only after the problem is resolved"):
        case_message_send(case=case, kind="removal_request", subject="x", body=REMOVAL, language="en", actor=va)
    contact(case, va)
    with pytest.raises(CaseActionRefused, match="only after the problem is resolved"):
        case_message_send(case=case, kind="removal_request", subject="x", body=REMOVAL, language="en", actor=va)
    assert len(mail.outbox) == 1


def test_a_resolution_cannot_depend_on_the_feedback(account, va):
    case = negative_case(account)
    contact(case, va)
    with pytest.raises(CaseActionRefused, match="never depend on the feedback"):
        case_resolve(case=case, resolution="refund", note="Refund once the buyer removes the feedback.", actor=va)
    case = case_resolve(case=case, resolution="refund", note="Full refund issued.", actor=va)
    assert case.state == CaseState.RESOLVED and case.resolution == "refund"


def test_one_removal_request_per_order_ever(account, va):
    case = negative_case(account)
    contact(case, va)
    case = case_resolve(case=case, resolution="replacement", note="Replacement shipped.", actor=va)
    case_message_send(
        case=case, kind="removal_request", subject="Order {{ order_id }}", body=REMOVAL, language="en", actor=va
    )
    case.refresh_from_db()
    assert case.state == CaseState.REMOVAL_REQUESTED_BUYER
    with pytest.raises(CaseActionRefused):
        case_message_send(case=case, kind="removal_request", subject="x", body=REMOVAL, language="en", actor=va)
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseMessage.objects.create(case=case, order=case.feedback.order, kind="removal_request", body="again")
    assert len(mail.outbox) == 2


def test_without_a_buyer_address_the_message_is_recorded_not_sent(account, va):
    case = negative_case(account, buyer_email="")
    with pytest.raises(CaseActionRefused, match="Seller Central"):
        contact(case, va)
    message = case_message_record(
        case=case, kind="first_contact", subject="About {{ order_id }}", body=FIRST_CONTACT, language="en", actor=va
    )
    case.refresh_from_db()
    assert not message.by_email and case.state == CaseState.BUYER_CONTACTED and mail.outbox == []


def test_amazon_removal_is_filed_only_on_a_ground_the_verdict_found(account, va):
    service = negative_case(account)
    with pytest.raises(CaseActionRefused, match="ground the verdict"):
        case_amazon_request_file(
            case=service, reason="product_review", amazon_case_id="1", filed_on=date.today(), actor=va
        )
    product = negative_case(account, comment="The zipper broke after two days, poor quality.")
    product = case_amazon_request_file(
        case=product, reason="product_review", amazon_case_id="123", filed_on=date.today(), actor=va
    )
    assert product.state == CaseState.REMOVAL_REQUESTED_AMAZON
    product = case_transition(case=product, to_state=CaseState.REMOVED_BY_AMAZON, actor=va)
    feedback = Feedback.objects.get(pk=product.feedback_id)
    assert feedback.state == FeedbackState.REMOVED_BY_AMAZON
    assert not Feedback.objects.for_account(account).counted().filter(pk=feedback.pk).exists()


def test_one_public_response_per_feedback(account, va):
    case = negative_case(account)
    with pytest.raises(CaseActionRefused, match="500"):
        case_public_response_save(case=case, text="x" * 501, language="en", actor=va)
    case = case_public_response_save(case=case, text="We are sorry and have contacted you.", language="en", actor=va)
    case_public_response_posted(case=case, actor=va)
    assert Feedback.objects.get(pk=case.feedback_id).seller_response == "We are sorry and have contacted you."
    with pytest.raises(CaseActionRefused, match="already has a public response"):
        case_public_response_posted(case=case, actor=va)


# --- time ----------------------------------------------------------------------------------


def test_escalation_at_ten_days_left_expiry_after_the_deadline(account):
    feedback_day = date(2026, 9, 1)
    with time_machine.travel(datetime(2026, 9, 1, 20, tzinfo=UTC), tick=False):
        order = OrderFactory(account=account)
        FeedbackFactory(order=order, rating=1, comment="Bad service.", feedback_date=feedback_day)
        cases_open(account=account)
    case = ResolutionCase.objects.get()
    assert case.deadline == date(2026, 10, 31)
    # Noon in Los Angeles: 11 days left, then 10.
    with time_machine.travel(datetime(2026, 10, 20, 19, tzinfo=UTC), tick=False):
        assert cases_daily()["escalated"] == 0
    with time_machine.travel(datetime(2026, 10, 21, 19, tzinfo=UTC), tick=False):
        assert cases_daily()["escalated"] == 1
        assert cases_daily()["escalated"] == 0  # once
    assert Notification.objects.filter(kind=NotificationKind.ESCALATION).count() == 1
    with time_machine.travel(datetime(2026, 10, 31, 19, tzinfo=UTC), tick=False):  # the last day: still open
        assert cases_daily()["expired"] == 0
    with time_machine.travel(datetime(2026, 11, 1, 19, tzinfo=UTC), tick=False):
        assert cases_daily()["expired"] == 1
    case.refresh_from_db()
    assert case.state == CaseState.EXPIRED


def test_days_left_count_the_marketplace_calendar_across_the_dst_change(account, client_for):
    from feedback.selectors import days_left

    order = OrderFactory(account=account)
    FeedbackFactory(order=order, rating=1, comment="Bad.", feedback_date=date(2026, 10, 20))
    with time_machine.travel(datetime(2026, 10, 20, 20, tzinfo=UTC), tick=False):
        cases_open(account=account)
    case = ResolutionCase.objects.select_related("marketplace").get()
    # 07:30 UTC on 2 November is still 1 November, 23:30, in Los Angeles (PST since that night).
    assert (
        days_left(case, now=datetime(2026, 11, 2, 7, 30, tzinfo=UTC)) == (date(2026, 12, 19) - date(2026, 11, 1)).days
    )
    assert (
        days_left(case, now=datetime(2026, 11, 2, 8, 30, tzinfo=UTC)) == (date(2026, 12, 19) - date(2026, 11, 2)).days
    )


def test_three_days_without_an_answer_from_amazon_brings_a_follow_up(account, va):
    case = negative_case(account, comment="The zipper broke after two days, poor quality.")
    case_amazon_request_file(
        case=case, reason="product_review", amazon_case_id="1", filed_on=date(2026, 11, 2), actor=va
    )
    with time_machine.travel(datetime(2026, 11, 4, 20, tzinfo=UTC), tick=False):
        assert cases_daily()["follow_ups"] == 0
    with time_machine.travel(datetime(2026, 11, 5, 20, tzinfo=UTC), tick=False):
        assert cases_daily()["follow_ups"] == 1
        assert cases_daily()["follow_ups"] == 0
    assert Notification.objects.filter(kind=NotificationKind.FOLLOW_UP).count() == 1


# --- notifications ----------------------------------------------------------------------------


class _Hook(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 - http.server's name
        self.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook():
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    _Hook.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", _Hook.received
    server.shutdown()


def test_notifications_name_the_order_and_rating_never_the_buyer(account, owner, webhook):
    url, received = webhook
    QueueSettings.objects.create(account=account, webhook_url=url)
    comment = "<script>alert(1)</script> <@channel> awful"
    negative_case(account, comment=comment, buyer_name="Jane Doe", fulfillment_channel=FulfillmentChannel.MFN)
    assert notifications_send() == 1
    assert notifications_send() == 0  # once
    email = mail.outbox[0]
    order_id = ResolutionCase.objects.get().feedback.amazon_order_id
    assert email.to == ["owner@seller.example"] and order_id in email.subject and "1★" in email.subject
    html = email.alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Jane" not in email.body and "a1b2c3" not in email.body
    text = received[0]["text"]
    assert order_id in text and "<script>" not in text and "&lt;script&gt;" in text and "<@channel>" not in text


def test_the_owner_may_take_a_case_from_a_va_another_va_may_not(account, va, owner, member_of):
    case = case_take(case=negative_case(account), actor=va)
    with pytest.raises(CaseActionRefused, match="assigned to"):
        case_take(case=case, actor=member_of(account, Role.VA))
    case = case_take(case=case, actor=owner, may_override=True)
    assert case.assignee == owner
