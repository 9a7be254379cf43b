"""Request a Review for orders whose delivery dates are unknown (an All Orders
upload carries none): planned from the ship date, else the order date; the
dispatcher asks Amazon, which is the authority on the window; given up once even
the latest plausible delivery is more than 30 days past. Email campaigns still
need a delivery date and an address."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from feedbackhub.rules import (
    LONGEST_DELIVERY_DAYS,
    REQUEST_WINDOW_CLOSES_DAYS,
    REQUEST_WINDOW_OPENS_DAYS,
    local_day,
    local_midnight,
    request_window_estimate,
)
from messaging.dispatch import channels, dispatch_tick
from messaging.models import Channel, FeedbackRequest, RequestStatus
from messaging.planning import requests_plan, send_time_check
from messaging.preview import campaign_preview
from orders.models import FulfillmentChannel, OrderStatus

from ..factories import AmazonConnectionFactory, CampaignFactory, CampaignVariantFactory, OrderFactory
from ..sp_api_fakes import SOLICITATIONS_URL, solicitation_actions
from .planning_orders import delivered_order, planned

pytestmark = pytest.mark.django_db

LA = "America/Los_Angeles"


def uploaded_order(account, *, purchased, shipped=None, **fields):
    """An order as the All Orders report brings it: shipped, no delivery date, no address."""
    return OrderFactory(
        account=account,
        purchase_date=purchased,
        last_updated=purchased,
        status=OrderStatus.SHIPPED,
        shipped_at=shipped,
        buyer_email="",
        **fields,
    )


def test_an_order_without_delivery_dates_is_planned_from_the_order_or_ship_date(account):
    now = timezone.now()
    CampaignFactory(account=account, channel=Channel.AMAZON, trigger_days=7)
    purchased = now - timedelta(days=2)
    by_order_date = uploaded_order(account, purchased=purchased)
    by_ship_date = uploaded_order(account, purchased=purchased, shipped=purchased + timedelta(days=3))

    requests_plan(account=account, now=now)

    # "7 days after delivery" with no delivery known: 7 days after the best date known.
    assert planned(by_order_date).scheduled_for == purchased + timedelta(days=7)
    assert planned(by_ship_date).scheduled_for == purchased + timedelta(days=3 + 7)


def test_amazons_window_estimate_opens_five_local_days_after_the_ship_date(account):
    now = timezone.now()
    CampaignFactory(account=account, channel=Channel.AMAZON, trigger_days=0)
    shipped = now - timedelta(days=1)
    order = uploaded_order(account, purchased=now - timedelta(days=2), shipped=shipped)

    requests_plan(account=account, now=now)

    opens = local_midnight(local_day(shipped, LA) + timedelta(days=REQUEST_WINDOW_OPENS_DAYS), LA)
    assert planned(order).scheduled_for == opens
    assert request_window_estimate(order, time_zone=LA)[0] == opens


def test_given_up_once_the_latest_plausible_delivery_is_over_30_days_past(account):
    now = timezone.now()
    campaign = CampaignFactory(account=account, channel=Channel.AMAZON)
    last_chance_day = LONGEST_DELIVERY_DAYS + REQUEST_WINDOW_CLOSES_DAYS
    still = uploaded_order(account, purchased=now - timedelta(days=last_chance_day - 1))
    too_late = uploaded_order(account, purchased=now - timedelta(days=last_chance_day + 2))

    requests_plan(account=account, now=now)

    assert planned(still) is not None and planned(too_late) is None
    rows = [FeedbackRequest(pk=1, account=account, order=too_late, campaign=campaign)]
    assert send_time_check(rows=rows, now=now)[1][0] == "window_closed"
    closes = request_window_estimate(still, time_zone=LA)[1]
    at_close = send_time_check(
        rows=[FeedbackRequest(pk=2, account=account, order=still, campaign=campaign)], now=closes
    )
    assert at_close[2][0] == "window_closed"


def test_email_campaigns_still_need_a_delivery_date_and_name_the_fba_case(account):
    now = timezone.now()
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL)
    CampaignVariantFactory(campaign=campaign)
    uploaded_order(account, purchased=now - timedelta(days=3))
    delivered = now - timedelta(days=8)
    delivered_order(account, delivered=delivered, buyer_email="", fulfillment_channel=FulfillmentChannel.AFN)
    delivered_order(account, delivered=delivered, buyer_email="", fulfillment_channel=FulfillmentChannel.MFN)

    preview = campaign_preview(campaign=campaign, now=now)

    reasons = {label: (count, fix) for label, count, _, fix in preview.excluded}
    assert reasons["No delivery date known yet"][0] == 1
    assert reasons["FBA order: Amazon gives no buyer address — use Request a Review"] == (1, None)
    assert reasons["No buyer address (purged or not synced)"][0] == 1
    upload = reverse("orders:import_upload")
    assert reasons["No delivery date known yet"][1][1] == upload
    assert reasons["No buyer address (purged or not synced)"][1][1] == upload


def test_the_campaign_page_says_which_orders_are_planned_on_an_estimate(account, client_for):
    now = timezone.now()
    campaign = CampaignFactory(account=account, channel=Channel.AMAZON)
    uploaded_order(account, purchased=now - timedelta(days=3))
    delivered_order(account, delivered=now - timedelta(days=8))

    page = client_for(account).get(reverse("messaging:campaign_detail", args=[campaign.pk])).content.decode()

    assert 'data-testid="preview-estimated"' in page and "1 of them has no delivery date yet" in page
    assert page.count(">estimate</span>") == 1


# --- the dispatcher asks Amazon ------------------------------------------------


@pytest.fixture
def amazon(account, sp_api, monkeypatch):
    AmazonConnectionFactory(account=account)
    monkeypatch.setattr(channels, "amazon_api", lambda conn: sp_api.api(conn, max_wait=channels.AMAZON_MAX_WAIT))
    CampaignFactory(account=account, channel=Channel.AMAZON, trigger_days=0)
    return sp_api


def _due_estimated(account, now):
    return uploaded_order(account, purchased=now - timedelta(days=9), shipped=now - timedelta(days=8))


def _actions(router, order, offered):
    return router.get(f"{SOLICITATIONS_URL}/{order.amazon_order_id}").respond(
        200, json=solicitation_actions(order.amazon_order_id, offered=offered).json()
    )


def test_not_offered_yet_is_asked_again_the_next_day_then_sent_once_offered(account, amazon):
    now = timezone.now()
    order = _due_estimated(account, now)
    actions = _actions(amazon.router, order, offered=False)
    create = amazon.router.post(
        f"{SOLICITATIONS_URL}/{order.amazon_order_id}/solicitations/productReviewAndSellerFeedback"
    ).respond(201)
    requests_plan(account=account, now=now)

    dispatch_tick()

    row = FeedbackRequest.objects.get(order=order)
    assert row.status == RequestStatus.SCHEDULED and "yet" in row.reason and create.call_count == 0
    assert row.scheduled_for >= timezone.now() + channels.ESTIMATE_RETRY - timedelta(minutes=1)
    # A re-plan (the next import) does not pull the row back before Amazon's "tomorrow".
    put_off = row.scheduled_for
    requests_plan(account=account)
    row.refresh_from_db()
    assert row.scheduled_for == put_off
    dispatch_tick()
    assert actions.call_count == 1  # not due: Amazon is not asked again today

    tomorrow = put_off + timedelta(minutes=1)
    actions.respond(200, json=solicitation_actions(order.amazon_order_id, offered=True).json())
    dispatch_tick(now=tomorrow)
    row.refresh_from_db()
    assert row.status == RequestStatus.SENT and create.call_count == 1


def test_an_order_with_known_delivery_that_amazon_does_not_offer_is_skipped(account, amazon):
    now = timezone.now()
    order = delivered_order(account, delivered=now - timedelta(days=8))
    _actions(amazon.router, order, offered=False)
    requests_plan(account=account, now=now)

    dispatch_tick()

    row = FeedbackRequest.objects.get(order=order)
    assert row.status == RequestStatus.SKIPPED and "does not offer" in row.reason


def test_the_estimate_counts_the_marketplace_calendar():
    """An order at 01:30 on 2 November in Tokyo was placed on 1 November in UTC."""
    moment = datetime(2026, 11, 1, 16, 30, tzinfo=UTC)
    order = SimpleNamespace(purchase_date=moment, shipped_at=None)  # what the estimate reads
    opens, closes = request_window_estimate(order, time_zone="Asia/Tokyo")
    assert opens == local_midnight(date(2026, 11, 2 + REQUEST_WINDOW_OPENS_DAYS), "Asia/Tokyo")
    latest_plausible = date(2026, 11, 2) + timedelta(days=LONGEST_DELIVERY_DAYS)
    assert closes == local_midnight(latest_plausible + timedelta(days=REQUEST_WINDOW_CLOSES_DAYS + 1), "Asia/Tokyo")


# --- Done when: an All Orders upload alone gets Request a Review sent ---------


def test_an_all_orders_upload_schedules_request_a_review_and_amazon_gets_it(account, client_for, amazon):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from orders.imports.services import import_job_run
    from tests.orders.reports import all_orders_file, all_orders_row

    now = timezone.now()
    purchased = now - timedelta(days=9)
    stamp = lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")  # noqa: E731
    report = all_orders_file(
        [all_orders_row(order_id="112-5550001-0000001", purchased=stamp(purchased), updated=stamp(purchased))]
    )
    client = client_for(account)
    upload = SimpleUploadedFile("All Orders.txt", report.encode())
    client.post(reverse("orders:import_upload"), {"file": upload, "report_type": "", "marketplace": ""})
    import_job_run(job_id=account.import_jobs.get().pk)

    order = account.orders.get(amazon_order_id="112-5550001-0000001")
    assert order.earliest_delivery_date is None and order.buyer_email == ""  # the report carries neither
    row = FeedbackRequest.objects.get(order=order)
    assert row.channel == Channel.AMAZON and row.status == RequestStatus.SCHEDULED
    campaign = row.campaign
    page = client.get(reverse("messaging:campaign_detail", args=[campaign.pk])).content.decode()
    assert "1 of them has no delivery date yet" in page

    _actions(amazon.router, order, offered=True)
    create = amazon.router.post(
        f"{SOLICITATIONS_URL}/{order.amazon_order_id}/solicitations/productReviewAndSellerFeedback"
    ).respond(201)
    dispatch_tick(now=max(timezone.now(), row.scheduled_for))

    row.refresh_from_db()
    assert row.status == RequestStatus.SENT and create.call_count == 1
    outbox = client.get(reverse("messaging:outbox")).content.decode()
    assert order.amazon_order_id in outbox
