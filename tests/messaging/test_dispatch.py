"""The dispatcher in-process: channels, re-checks at send time, the cap, the
pause switch, retries and failures, and leases that ran out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from messaging import dispatch
from messaging.dispatch import channels, dispatch_tick
from messaging.models import CampaignState, Channel, FeedbackRequest, RequestStatus, SendingSettings
from messaging.planning import requests_plan
from messaging.selectors import daily_cap

from ..factories import (
    AmazonConnectionFactory,
    CampaignFactory,
    CampaignVariantFactory,
    FeedbackFactory,
    MessageTemplateFactory,
    OrderItemFactory,
)
from ..smtp_sink import smtp_sink
from ..sp_api_fakes import DE, EU_HOST, SOLICITATIONS_URL, US, errors, sent, solicitation_actions, throttled
from .planning_orders import delivered_order

pytestmark = pytest.mark.django_db


def due_orders(account, count, **fields):
    now = timezone.now()
    orders = [delivered_order(account, delivered=now - timedelta(days=8), **fields) for _ in range(count)]
    for order in orders:
        OrderItemFactory(order=order, title="Enamel camping mug")
    return orders


def email_campaign(account, **fields):
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL, **fields)
    CampaignVariantFactory(campaign=campaign, template=MessageTemplateFactory(account=account))
    return campaign


def statuses():
    return sorted(FeedbackRequest.objects.values_list("status", flat=True))


def test_email_requests_are_sent_once_with_order_id_text_and_html(account):
    SendingSettings.objects.create(account=account, from_email="shop@seller.example")
    orders = due_orders(account, 3)
    email_campaign(account)
    requests_plan(account=account)

    result = dispatch_tick()

    assert result.sent == 3 and len(mail.outbox) == 3
    by_recipient = {message.to[0]: message for message in mail.outbox}
    for order in orders:
        message = by_recipient[order.buyer_email]
        assert order.amazon_order_id in message.body and order.amazon_order_id in message.subject
        assert message.from_email == "shop@seller.example"
        assert message.alternatives[0].mimetype == "text/html"
        assert "unsubscribe" not in message.body.lower()
        row = FeedbackRequest.objects.get(order=order)
        assert (
            row.status == RequestStatus.SENT and row.sent_at and row.provider_id == message.extra_headers["Message-ID"]
        )
        assert row.attempts == 1 and row.lease_until is None
    # A second tick sends nothing more.
    assert dispatch_tick().sent == 0 and len(mail.outbox) == 3


def test_an_order_that_no_longer_qualifies_is_skipped_with_the_reason(account):
    first, second = due_orders(account, 2)
    email_campaign(account)
    requests_plan(account=account)
    FeedbackFactory(order=first, rating=1)

    dispatch_tick()

    row = FeedbackRequest.objects.get(order=first)
    assert row.status == RequestStatus.SKIPPED and row.reason == "Negative feedback on the order"
    assert FeedbackRequest.objects.get(order=second).status == RequestStatus.SENT
    assert [message.to[0] for message in mail.outbox] == [second.buyer_email]


def test_a_message_that_breaks_the_rules_once_rendered_is_not_sent(account):
    due_orders(account, 1)
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL)
    # Saved around the checker (e.g. an older version): the send-time check still stops it.
    template = MessageTemplateFactory(
        account=account, body="Order {{ order_id }}: leave 5 stars and get a free gift card!", compliance_blocked=False
    )
    CampaignVariantFactory(campaign=campaign, template=template)
    requests_plan(account=account)

    dispatch_tick()

    row = FeedbackRequest.objects.get()
    assert row.status == RequestStatus.FAILED and "incentive" in row.reason
    assert mail.outbox == []


def test_pause_all_sending_holds_every_row(account):
    due_orders(account, 2)
    email_campaign(account)
    requests_plan(account=account)
    sending = SendingSettings.objects.create(account=account, paused=True)

    dispatch_tick()
    assert mail.outbox == [] and statuses() == ["scheduled", "scheduled"]

    sending.paused = False
    sending.save()
    dispatch_tick()
    assert len(mail.outbox) == 2


def test_the_daily_cap_sends_higher_priority_campaigns_first(account):
    SendingSettings.objects.create(account=account, daily_cap=2)
    low = due_orders(account, 2, order_total=10)
    high = due_orders(account, 2, order_total=100)
    email_campaign(account, priority=5, name="everyone")
    email_campaign(account, priority=1, name="big orders", min_order_total=50)
    requests_plan(account=account)

    dispatch_tick()

    sent = set(FeedbackRequest.objects.filter(status=RequestStatus.SENT).values_list("order_id", flat=True))
    assert sent == {order.pk for order in high}
    assert set(FeedbackRequest.objects.filter(status="scheduled").values_list("order_id", flat=True)) == {
        order.pk for order in low
    }


def test_default_cap_is_five_times_the_weekly_daily_average_plus_600(account):
    due_orders(account, 14)  # purchased 12 days ago: outside the 7-day average
    now = timezone.now()
    for _ in range(14):
        delivered_order(account, delivered=now + timedelta(days=2), purchase_date=now - timedelta(days=1))
    assert daily_cap(account=account, now=now) == 5 * 14 // 7 + 600


def test_outside_the_send_hours_a_due_row_waits_for_the_next_slot(account):
    due_orders(account, 1)
    campaign = email_campaign(account)
    requests_plan(account=account)
    # The campaign's hours change after planning; the row is already due.
    now = timezone.now()
    local_hour = timezone.localtime(now, timezone=__import__("zoneinfo").ZoneInfo("America/Los_Angeles")).hour
    campaign.send_start_hour, campaign.send_end_hour = (local_hour + 2) % 22, (local_hour + 2) % 22 + 1
    campaign.save()

    dispatch_tick()

    row = FeedbackRequest.objects.get()
    assert row.status == RequestStatus.SCHEDULED and row.scheduled_for > now + timedelta(minutes=30)
    assert mail.outbox == []


def test_a_given_now_is_the_time_of_the_claim_and_the_checks(account):
    due_orders(account, 1)
    email_campaign(account)
    requests_plan(account=account)
    later = timezone.now() + timedelta(hours=2)
    FeedbackRequest.objects.update(scheduled_for=later - timedelta(hours=1))

    assert dispatch_tick().sent == 0
    assert dispatch_tick(now=later).sent == 1 and len(mail.outbox) == 1


def test_a_paused_campaign_holds_its_rows(account):
    due_orders(account, 1)
    campaign = email_campaign(account)
    requests_plan(account=account)
    campaign.state = CampaignState.PAUSED
    campaign.save()
    dispatch_tick()
    assert mail.outbox == [] and statuses() == ["scheduled"]


@pytest.fixture
def smtp_settings(settings):
    def use(port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port

    return use


def test_smtp_4xx_is_retried_with_backoff_then_sent(account, smtp_settings):
    order = due_orders(account, 1)[0]
    email_campaign(account)
    requests_plan(account=account)
    answers = ["451 4.3.0 Mailbox temporarily unavailable"]
    with smtp_sink(answer=lambda envelope: answers.pop() if answers else None) as (sink, port):
        smtp_settings(port)
        dispatch_tick()
        row = FeedbackRequest.objects.get(order=order)
        assert row.status == RequestStatus.SCHEDULED and row.attempts == 1
        assert "451" in row.reason and row.scheduled_for >= timezone.now() + timedelta(minutes=1)
        assert sink.messages == []

        FeedbackRequest.objects.filter(pk=row.pk).update(scheduled_for=timezone.now())
        dispatch_tick()
        row.refresh_from_db()
        assert row.status == RequestStatus.SENT and row.attempts == 2 and len(sink.messages) == 1


def test_smtp_4xx_gives_up_after_the_last_attempt(account, smtp_settings):
    due_orders(account, 1)
    email_campaign(account)
    requests_plan(account=account)
    with smtp_sink(answer=lambda envelope: "421 4.7.0 Try again later") as (sink, port):
        smtp_settings(port)
        for _ in range(dispatch.MAX_ATTEMPTS):
            FeedbackRequest.objects.update(scheduled_for=timezone.now())
            dispatch_tick()
    row = FeedbackRequest.objects.get()
    assert row.status == RequestStatus.FAILED and row.reason.startswith(f"Gave up after {dispatch.MAX_ATTEMPTS}")


def test_smtp_5xx_fails_with_the_servers_reason(account, smtp_settings):
    due_orders(account, 1)
    email_campaign(account)
    requests_plan(account=account)
    with smtp_sink(answer=lambda envelope: "550 5.1.1 Recipient address rejected") as (sink, port):
        smtp_settings(port)
        dispatch_tick()
    row = FeedbackRequest.objects.get()
    assert row.status == RequestStatus.FAILED
    assert "550" in row.reason and "Recipient address rejected" in row.reason


@pytest.fixture
def amazon(account, sp_api, monkeypatch):
    """Amazon's Solicitations API faked with respx; the usage plan's waits run on a fake clock."""
    connection = AmazonConnectionFactory(account=account)
    # Patched where AmazonChannel looks it up (messaging.dispatch.channels).
    monkeypatch.setattr(channels, "amazon_api", lambda conn: sp_api.api(conn, max_wait=channels.AMAZON_MAX_WAIT))
    CampaignFactory(account=account, channel=Channel.AMAZON)
    return sp_api, connection


def actions_route(router, order, offered=True):
    return router.get(f"{SOLICITATIONS_URL}/{order.amazon_order_id}").respond(
        200, json=solicitation_actions(order.amazon_order_id, offered=offered).json()
    )


def create_route(router, order):
    return router.post(f"{SOLICITATIONS_URL}/{order.amazon_order_id}/solicitations/productReviewAndSellerFeedback")


def test_amazon_request_a_review_only_when_offered(account, amazon):
    sp_api, _ = amazon
    offered, gone = due_orders(account, 2)
    actions_route(sp_api.router, offered)
    actions_route(sp_api.router, gone, offered=False)
    create = create_route(sp_api.router, offered).respond(201)
    create_gone = create_route(sp_api.router, gone).respond(201)
    requests_plan(account=account)

    dispatch_tick()

    assert create.call_count == 1 and create_gone.call_count == 0
    assert sent(create.calls[0].request) == (
        "POST",
        f"/solicitations/v1/orders/{offered.amazon_order_id}/solicitations/productReviewAndSellerFeedback",
        {"marketplaceIds": US},
        None,
    )
    assert FeedbackRequest.objects.get(order=offered).status == RequestStatus.SENT
    skipped = FeedbackRequest.objects.get(order=gone)
    assert skipped.status == RequestStatus.SKIPPED and "does not offer" in skipped.reason


def test_amazon_request_a_review_names_the_orders_marketplace_and_nothing_else(account, sp_api, monkeypatch):
    """A DE order on an EU connection: DE in the query of both calls, no body
    (solicitations.json defines none), never the region's default (UK)."""
    AmazonConnectionFactory(account=account, region="eu", marketplaces=["UK", "DE"])
    monkeypatch.setattr(channels, "amazon_api", lambda conn: sp_api.api(conn, max_wait=channels.AMAZON_MAX_WAIT))
    CampaignFactory(account=account, channel=Channel.AMAZON, marketplaces=["DE"])
    (order,) = due_orders(account, 1, code="DE")
    path = f"/solicitations/v1/orders/{order.amazon_order_id}"
    actions = sp_api.router.get(f"{EU_HOST}{path}").respond(
        200, json=solicitation_actions(order.amazon_order_id, marketplace_id=DE).json()
    )
    create = sp_api.router.post(f"{EU_HOST}{path}/solicitations/productReviewAndSellerFeedback").respond(201)
    requests_plan(account=account)

    dispatch_tick()

    assert FeedbackRequest.objects.get(order=order).status == RequestStatus.SENT
    assert sent(actions.calls.last.request) == ("GET", path, {"marketplaceIds": DE}, None)
    assert sent(create.calls.last.request) == (
        "POST",
        f"{path}/solicitations/productReviewAndSellerFeedback",
        {"marketplaceIds": DE},
        None,
    )


def test_amazon_429_is_retried_later(account, amazon):
    sp_api, _ = amazon
    (order,) = due_orders(account, 1)
    actions_route(sp_api.router, order)
    create_route(sp_api.router, order).mock(return_value=throttled(retry_after=30))
    requests_plan(account=account)

    dispatch_tick()

    row = FeedbackRequest.objects.get()
    assert row.status == RequestStatus.SCHEDULED and "429" in row.reason
    assert row.scheduled_for > timezone.now()


def test_amazon_400_not_eligible_is_skipped_with_the_reason(account, amazon):
    sp_api, _ = amazon
    (order,) = due_orders(account, 1)
    actions_route(sp_api.router, order)
    create_route(sp_api.router, order).respond(
        400, json=errors("InvalidInput", "The order is not eligible for a solicitation.")
    )
    requests_plan(account=account)

    dispatch_tick()

    row = FeedbackRequest.objects.get()
    assert row.status == RequestStatus.SKIPPED and "not eligible" in row.reason


def test_amazon_calls_keep_to_one_per_second_after_a_burst_of_five(account, amazon):
    sp_api, _ = amazon
    orders = due_orders(account, 8)
    for order in orders:
        actions_route(sp_api.router, order)
        create_route(sp_api.router, order).respond(201)
    requests_plan(account=account)

    dispatch_tick()

    assert FeedbackRequest.objects.filter(status=RequestStatus.SENT).count() == 8
    # Each operation's bucket allows 5 at once, then one a second (the two
    # operations' buckets refill side by side on the shared clock).
    assert sum(sp_api.clock.sleeps) >= (8 - 5) * 0.99


def test_an_expired_claim_goes_back_to_the_schedule(account):
    due_orders(account, 1)
    email_campaign(account)
    requests_plan(account=account)
    past = timezone.now() - timedelta(seconds=1)
    FeedbackRequest.objects.update(status=RequestStatus.CLAIMED, lease_until=past)

    dispatch_tick()

    assert statuses() == ["sent"] and len(mail.outbox) == 1


def test_an_expired_email_send_becomes_uncertain_and_is_never_resent(account):
    due_orders(account, 1)
    email_campaign(account)
    requests_plan(account=account)
    FeedbackRequest.objects.update(
        status=RequestStatus.SENDING, lease_until=timezone.now() - timedelta(seconds=1), attempts=1
    )

    dispatch_tick()
    dispatch_tick()

    row = FeedbackRequest.objects.get()
    assert row.status == RequestStatus.UNCERTAIN and "may or may not" in row.reason
    assert mail.outbox == []


@pytest.mark.parametrize(("offered", "expected"), [(False, RequestStatus.SENT), (True, RequestStatus.SENT)])
def test_an_expired_amazon_send_asks_amazon_again(account, amazon, offered, expected):
    """Gone from the actions: Amazon took it (sent, no second call). Still
    offered: it never reached Amazon, so it is sent now — once."""
    sp_api, _ = amazon
    (order,) = due_orders(account, 1)
    actions_route(sp_api.router, order, offered=offered)
    create = create_route(sp_api.router, order).respond(201)
    requests_plan(account=account)
    FeedbackRequest.objects.update(
        status=RequestStatus.SENDING, lease_until=timezone.now() - timedelta(seconds=1), attempts=1
    )

    dispatch_tick()

    row = FeedbackRequest.objects.get()
    assert row.status == expected
    assert create.call_count == (1 if offered else 0)
