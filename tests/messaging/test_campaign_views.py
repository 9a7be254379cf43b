"""Campaign pages: create, preview, go live (or be told why not), test sends,
results with attribution and the A/B test, sending settings, the
do-not-solicit list and the owner's decisions on uncertain sends."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from feedbackhub.tenancy.models import Role
from messaging.models import (
    Campaign,
    CampaignState,
    Channel,
    DoNotSolicit,
    FeedbackRequest,
    OutboxEvent,
    RequestStatus,
    SendingSettings,
)
from messaging.planning import requests_plan
from messaging.selectors import campaign_results, two_proportion_z_test

from ..factories import (
    AmazonConnectionFactory,
    CampaignFactory,
    CampaignVariantFactory,
    FeedbackFactory,
    MessageTemplateFactory,
)
from .planning_orders import delivered_order

pytestmark = pytest.mark.django_db


def campaign_form(account, **overrides):
    data = {
        "name": "Five days after delivery",
        "channel": "email",
        "priority": "1",
        "marketplaces": ["ATVPDKIKX0DER"],
        "trigger_event": "delivered",
        "trigger_days": "5",
        "latest_day": "30",
        "send_weekdays": ["1", "2", "3", "4", "5", "6", "7"],
        "send_start_hour": "0",
        "send_end_hour": "24",
        "fulfillment": "",
        "buyers": "",
        "min_order_total": "",
        "sku_include": "",
        "sku_exclude": "MUG-1, MUG-2\nPAN-9",
        "asin_include": "",
        "asin_exclude": "",
        "exclude_returned": "on",
        "exclude_negative_feedback": "on",
        "exclude_open_claim": "on",
        "exclude_open_message": "on",
        "exclude_late_shipped": "on",
        "variants-TOTAL_FORMS": "2",
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "0",
        "variants-MAX_NUM_FORMS": "4",
        "variants-0-label": "A",
        "variants-0-template": str(MessageTemplateFactory(account=account, name="Short").pk),
        "variants-0-weight": "50",
        "variants-1-label": "B",
        "variants-1-template": str(MessageTemplateFactory(account=account, name="Long").pk),
        "variants-1-weight": "50",
    }
    data.update(overrides)
    return data


def test_create_an_email_campaign_with_two_variants(account, client_for):
    client = client_for(account, Role.ADMIN)
    response = client.post(reverse("messaging:campaign_new"), campaign_form(account))
    campaign = Campaign.objects.get(account=account)
    assert response.status_code == 302 and response.url == reverse("messaging:campaign_detail", args=[campaign.pk])
    assert campaign.state == CampaignState.DRAFT and campaign.sku_exclude == ["MUG-1", "MUG-2", "PAN-9"]
    assert sorted(campaign.variants.values_list("label", flat=True)) == ["A", "B"]
    assert OutboxEvent.objects.filter(campaign=campaign, note="created").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latest_day", "31", "30 days after delivery"),
        ("send_end_hour", "0", "Select a valid choice"),
        ("trigger_days", "45", "30"),
        ("asin_exclude", "B0123456789X", "longer than 10 characters"),
    ],
)
def test_bad_campaign_input_says_what_and_where(account, client_for, field, value, message):
    client = client_for(account)
    response = client.post(reverse("messaging:campaign_new"), campaign_form(account, **{field: value}))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors.get(field))
    assert not Campaign.objects.exists()


def test_going_live_plans_the_orders_and_pausing_holds_them(account, client_for):
    now = timezone.now()
    orders = [delivered_order(account, delivered=now - timedelta(days=8)) for _ in range(3)]
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL, state=CampaignState.DRAFT)
    CampaignVariantFactory(campaign=campaign)
    client = client_for(account)

    page = client.get(reverse("messaging:campaign_detail", args=[campaign.pk]))
    assert page.context["preview"].would_schedule == 3
    assert b"would be scheduled" in page.content

    client.post(reverse("messaging:campaign_state", args=[campaign.pk]), {"state": "live"})
    assert set(FeedbackRequest.objects.values_list("order_id", flat=True)) == {o.pk for o in orders}

    client.post(reverse("messaging:campaign_state", args=[campaign.pk]), {"state": "paused"})
    assert FeedbackRequest.objects.count() == 0  # nothing was sent: the schedule is released
    assert list(campaign.events.values_list("from_state", "to_state"))[:2] == [("live", "paused"), ("draft", "live")]


def test_a_campaign_with_a_blocked_template_cannot_go_live(account, client_for):
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL, state=CampaignState.DRAFT)
    blocked = MessageTemplateFactory(account=account, name="Pushy", compliance_blocked=True)
    CampaignVariantFactory(campaign=campaign, template=blocked)
    client = client_for(account)

    response = client.post(reverse("messaging:campaign_state", args=[campaign.pk]), {"state": "live"}, follow=True)

    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT
    assert "breaks Amazon&#x27;s rules" in response.content.decode()


def test_request_a_review_needs_an_amazon_connection_and_has_no_test_mode(account, client_for):
    campaign = CampaignFactory(account=account, channel=Channel.AMAZON, state=CampaignState.DRAFT)
    client = client_for(account)
    response = client.post(reverse("messaging:campaign_state", args=[campaign.pk]), {"state": "test"}, follow=True)
    assert "cannot be tested on yourself" in response.content.decode()
    client.post(reverse("messaging:campaign_state", args=[campaign.pk]), {"state": "live"})
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT
    AmazonConnectionFactory(account=account)
    client.post(reverse("messaging:campaign_state", args=[campaign.pk]), {"state": "live"})
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.LIVE


def test_test_state_sends_only_to_the_sellers_own_address(account, client_for):
    now = timezone.now()
    orders = [delivered_order(account, delivered=now - timedelta(days=8)) for _ in range(3)]
    SendingSettings.objects.create(account=account, test_email="me@seller.example", from_email="shop@seller.example")
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL, state=CampaignState.DRAFT)
    CampaignVariantFactory(campaign=campaign, label="A")
    CampaignVariantFactory(campaign=campaign, label="B")
    client = client_for(account)
    client.post(reverse("messaging:campaign_state", args=[campaign.pk]), {"state": "test"})

    client.post(reverse("messaging:campaign_test_send", args=[campaign.pk]))

    assert len(mail.outbox) == 4  # 2 variants × 2 sample orders
    assert {message.to[0] for message in mail.outbox} == {"me@seller.example"}
    assert not any(order.buyer_email in message.to for message in mail.outbox for order in orders)
    assert FeedbackRequest.objects.count() == 0  # the orders keep their one real request


def test_results_attribute_feedback_and_test_the_difference(account):
    now = timezone.now()
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL)
    control = CampaignVariantFactory(campaign=campaign, label="A")
    challenger = CampaignVariantFactory(campaign=campaign, label="B")

    def sent(variant, count, with_feedback, rating=5, feedback_before_send=False):
        for index in range(count):
            order = delivered_order(account, delivered=now - timedelta(days=20))
            FeedbackRequest.objects.create(
                account=account,
                order=order,
                campaign=campaign,
                variant=variant,
                channel="email",
                status="sent",
                scheduled_for=now - timedelta(days=10),
                sent_at=now - timedelta(days=10),
            )
            if index < with_feedback:
                day = (now - timedelta(days=12 if feedback_before_send else 5)).date()
                FeedbackFactory(order=order, rating=rating, feedback_date=day)

    sent(control, 200, 10)  # 5 %
    sent(challenger, 200, 30, rating=2)  # 15 %, all negative
    sent(control, 5, 5, feedback_before_send=True)  # arrived before the request: not attributed

    results = campaign_results(campaign=campaign)

    a, b = results.variants
    assert (a.sent, a.feedback, b.sent, b.feedback) == (205, 10, 200, 30)
    assert b.negative == 30 and b.negative_share == 1.0 and b.average_rating == 2.0
    z, p = two_proportion_z_test(10, 205, 30, 200)
    assert b.z == pytest.approx(z) and b.p_value == pytest.approx(p) and b.significant
    assert results.total.sent == 405 and results.total.feedback == 40
    assert sum(results.sent_per_day) == 405 and sum(results.feedback_per_day) == 40


def test_z_test_against_a_worked_example():
    # 45/500 vs 70/500: pooled 0.115, z ≈ 2.48, p ≈ 0.013.
    z, p = two_proportion_z_test(45, 500, 70, 500)
    assert z == pytest.approx(2.4787, abs=1e-3) and p == pytest.approx(0.0132, abs=1e-3)
    assert two_proportion_z_test(1, 10, 5, 10) == (None, None)  # too few sends to say


def test_campaign_page_renders_preview_results_and_chart_data(account, client_for):
    now = timezone.now()
    delivered_order(account, delivered=now - timedelta(days=8))
    canceled = delivered_order(account, delivered=now - timedelta(days=8), status="Canceled")
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL)
    CampaignVariantFactory(campaign=campaign)
    requests_plan(account=account)
    page = client_for(account).get(reverse("messaging:campaign_detail", args=[campaign.pk]))
    body = page.content.decode()
    assert 'id="campaign-chart-data"' in body and "Order canceled" in body and canceled.amazon_order_id in body
    assert page.context["preview"].already_requested == 0


def test_sending_settings_pause_and_cap(account, client_for):
    client = client_for(account, Role.ADMIN)
    response = client.post(
        reverse("messaging:sending_settings"),
        {"paused": "on", "from_email": "shop@seller.example", "test_email": "", "daily_cap": "250"},
    )
    assert response.status_code == 302
    sending = SendingSettings.objects.get(account=account)
    assert sending.paused and sending.daily_cap == 250
    assert b"All sending is paused" in client.get(reverse("messaging:campaigns")).content


def test_do_not_solicit_an_order_and_a_buyer(account, client_for):
    now = timezone.now()
    order = delivered_order(account, delivered=now - timedelta(days=8), buyer_key="e" * 64)
    sibling = delivered_order(account, delivered=now - timedelta(days=9), buyer_key="e" * 64)
    CampaignFactory(account=account)
    requests_plan(account=account)
    assert FeedbackRequest.objects.count() == 2
    client = client_for(account)

    client.post(
        reverse("messaging:do_not_solicit"),
        {
            "amazon_order_id": order.amazon_order_id,
            "whole_buyer": "on",
            "reason": "opted_out",
            "note": "asked by email",
        },
    )
    assert FeedbackRequest.objects.count() == 0
    entry = DoNotSolicit.objects.get()
    assert entry.buyer_key == "e" * 64 and entry.order is None

    response = client.post(
        reverse("messaging:do_not_solicit"), {"amazon_order_id": "999-9999999-9999999", "reason": "manual"}
    )
    assert "No order 999-9999999-9999999" in str(response.context["form"].errors["amazon_order_id"])

    client.post(reverse("messaging:do_not_solicit_remove", args=[entry.pk]))
    assert {row.order_id for row in FeedbackRequest.objects.all()} == {order.pk, sibling.pk}


def test_only_the_owner_decides_an_uncertain_send(account, client_for):
    order = delivered_order(account, delivered=timezone.now() - timedelta(days=8))
    row = FeedbackRequest.objects.create(
        account=account, order=order, channel="email", status=RequestStatus.UNCERTAIN, scheduled_for=timezone.now()
    )
    admin = client_for(account, Role.ADMIN)
    assert admin.post(reverse("messaging:outbox_decide", args=[row.pk]), {"status": "sent"}).status_code == 403
    row.refresh_from_db()
    assert row.status == RequestStatus.UNCERTAIN
    page = admin.get(reverse("messaging:outbox") + "?status=uncertain")
    assert (
        order.amazon_order_id in page.content.decode() and "Only the account owner can decide" in page.content.decode()
    )

    owner = client_for(account, Role.OWNER)
    owner.post(reverse("messaging:outbox_decide", args=[row.pk]), {"status": "sent"})
    row.refresh_from_db()
    assert row.status == RequestStatus.SENT and row.events.get().to_state == "sent"


def test_va_cannot_change_campaigns_by_post(account, client_for):
    campaign = CampaignFactory(account=account, state=CampaignState.DRAFT)
    client = client_for(account, Role.VA)
    assert client.post(reverse("messaging:campaign_state", args=[campaign.pk]), {"state": "live"}).status_code == 403
    assert client.post(reverse("messaging:campaign_new"), campaign_form(account)).status_code == 403
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT and Campaign.objects.count() == 1


def test_another_accounts_campaign_is_not_found(account, other_account, client_for):
    theirs = CampaignFactory(account=other_account, state=CampaignState.DRAFT)
    client = client_for(account)
    assert client.get(reverse("messaging:campaign_detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("messaging:campaign_state", args=[theirs.pk]), {"state": "live"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == CampaignState.DRAFT


def test_template_page_lists_the_campaigns_that_use_it(account, client_for):
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL, name="Spring")
    variant = CampaignVariantFactory(campaign=campaign, label="B")
    page = client_for(account).get(reverse("messaging:template_edit", args=[variant.template_id]))
    assert "Spring" in page.content.decode() and "variant B" in page.content.decode()


def test_campaigns_page_shows_the_broker_down_and_due_requests_waiting(account, client_for, settings):
    from ..smtp_sink import free_port

    order = delivered_order(account, delivered=timezone.now() - timedelta(days=8))
    FeedbackRequest.objects.create(
        account=account, order=order, channel="email", scheduled_for=timezone.now() - timedelta(minutes=20)
    )
    client = client_for(account)
    up = client.get(reverse("messaging:campaigns")).content.decode()
    assert 'data-testid="broker-down"' not in up and "due now: 1" in up

    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    down = client.get(reverse("messaging:campaigns")).content.decode()
    assert 'data-testid="broker-down"' in down and "Nothing is lost" in down
