"""Planning: the set-based SQL that gives each order at most one feedback
request, from the winning campaign, at a time inside Amazon's window and the
seller's send hours — held to the Python window functions."""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from feedbackhub.rules import local_day
from messaging.models import (
    BuyerMessage,
    Campaign,
    CampaignState,
    Channel,
    DoNotSolicit,
    FeedbackRequest,
    RequestStatus,
    SendingSettings,
)
from messaging.planning import campaign_preview, requests_plan, send_time_check
from messaging.windows import next_send_time, solicitation_window
from orders.imports.rows import OrderRow
from orders.imports.upsert import order_rows_upsert
from orders.models import ClaimStatus, FulfillmentChannel, OrderStatus
from orders.signals import imported_rows_announce

from ..factories import (
    CampaignFactory,
    CampaignVariantFactory,
    ClaimFactory,
    FeedbackFactory,
    OrderFactory,
    OrderItemFactory,
    marketplace,
)

pytestmark = pytest.mark.django_db

ZONES = {"US": "America/Los_Angeles", "DE": "Europe/Berlin", "JP": "Asia/Tokyo", "UK": "Europe/London"}
# Just after each zone's daylight-saving change (US 2026-11-01, EU 2026-10-25).
TODAY = {"US": date(2026, 11, 3), "DE": date(2026, 10, 27), "JP": date(2026, 10, 27), "UK": date(2026, 10, 27)}


def local(day, hour, zone, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


def delivered_fields(delivered, purchase=None):
    """An order's dates when it was delivered at `delivered` (shipped on time)."""
    purchase = purchase or delivered - timedelta(days=4)
    return {
        "purchase_date": purchase,
        "last_updated": purchase,
        "shipped_at": purchase + timedelta(days=1),
        "latest_ship_date": purchase + timedelta(days=2),
        "earliest_delivery_date": delivered,
        "latest_delivery_date": delivered,
        "delivered_at": delivered,
    }


def delivered_order(account, code="US", *, delivered, **fields):
    dates = delivered_fields(delivered, fields.pop("purchase_date", None))
    return OrderFactory(account=account, marketplace=marketplace(code), **dates, **fields)


def planned(order):
    return FeedbackRequest.objects.filter(order=order).first()


@pytest.mark.parametrize("code", list(ZONES))
@pytest.mark.parametrize("days_ago", [3, 4, 5, 30, 31])
@pytest.mark.parametrize("hours", [(0, 24), (9, 17)])
def test_sql_window_and_send_hours_match_the_python_rules(account, code, days_ago, hours):
    """The planner's SQL gives the same instant as messaging.windows for
    orders delivered N days ago, in four time zones, across a DST change."""
    zone = ZONES[code]
    account.marketplaces.add(marketplace(code))
    now = local(TODAY[code], 19, zone, minute=30)
    delivered = local(TODAY[code] - timedelta(days=days_ago), 15, zone)
    order = delivered_order(account, code, delivered=delivered)
    weekdays = [1, 2, 3, 4, 5]
    CampaignFactory(
        account=account,
        marketplaces=[code],
        trigger_days=0,
        send_start_hour=hours[0],
        send_end_hour=hours[1],
        send_weekdays=weekdays,
    )

    requests_plan(account=account, now=now)

    window = solicitation_window(earliest_delivery=delivered, latest_delivery=delivered, time_zone=zone)
    candidate = max(window.opens_at, now, delivered)
    expected = next_send_time(
        candidate=candidate, time_zone=zone, weekdays=set(weekdays), start_hour=hours[0], end_hour=hours[1]
    )
    row = planned(order)
    if expected is None or expected >= window.closes_at:
        assert row is None
    else:
        assert row is not None and row.scheduled_for == expected
    # Delivered 3 or 4 days ago: not before the 5th local day; 31 days ago: never.
    if days_ago == 31:
        assert row is None
    if days_ago in (3, 4):
        assert row.scheduled_for >= local(TODAY[code] + timedelta(days=5 - days_ago), 0, zone)


def test_the_window_opens_at_local_midnight_after_the_us_clock_change(account):
    zone = "America/Los_Angeles"
    delivered = local(date(2026, 10, 30), 20, zone)  # PDT
    order = delivered_order(account, delivered=delivered)
    CampaignFactory(account=account, trigger_days=0)
    requests_plan(account=account, now=local(date(2026, 11, 2), 12, zone))
    # 2026-11-04 00:00 PST is 08:00 UTC.
    assert planned(order).scheduled_for == datetime(2026, 11, 4, 8, 0, tzinfo=UTC)


def test_trigger_days_after_shipment_and_order(account):
    now = timezone.now()
    order = delivered_order(account, delivered=now - timedelta(days=6))
    CampaignFactory(account=account, channel=Channel.EMAIL, trigger_event="shipped", trigger_days=20)
    CampaignVariantFactory(campaign=account.campaigns.get())
    requests_plan(account=account, now=now)
    assert planned(order).scheduled_for == order.shipped_at + timedelta(days=20)


def test_one_request_per_order_the_lowest_priority_number_wins(account):
    now = timezone.now()
    order = delivered_order(account, delivered=now - timedelta(days=7))
    second = CampaignFactory(account=account, priority=5, name="second")
    first = CampaignFactory(account=account, priority=1, name="first")
    requests_plan(account=account, now=now)
    assert FeedbackRequest.objects.filter(order=order).count() == 1
    assert planned(order).campaign == first

    # Pausing the winner re-plans the order to the next campaign.
    first.state = CampaignState.PAUSED
    first.save()
    requests_plan(account=account, now=now)
    assert planned(order).campaign == second

    # No live campaign left: the scheduled row goes.
    second.state = CampaignState.DRAFT
    second.save()
    result = requests_plan(account=account, now=now)
    assert result.removed == 1 and planned(order) is None


def test_the_database_refuses_a_second_request_for_an_order(account):
    now = timezone.now()
    order = delivered_order(account, delivered=now - timedelta(days=7))
    campaign = CampaignFactory(account=account)
    FeedbackRequest.objects.create(account=account, order=order, campaign=campaign, channel="amazon", scheduled_for=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackRequest.objects.create(
            account=account, order=order, campaign=campaign, channel="email", scheduled_for=now
        )


def test_replanning_never_touches_a_request_that_left_the_schedule(account):
    now = timezone.now()
    order = delivered_order(account, delivered=now - timedelta(days=7))
    campaign = CampaignFactory(account=account)
    requests_plan(account=account, now=now)
    FeedbackRequest.objects.filter(order=order).update(status=RequestStatus.SENT, sent_at=now)
    campaign.state = CampaignState.PAUSED
    campaign.save()
    CampaignFactory(account=account, priority=0, name="other")
    requests_plan(account=account, now=now)
    row = planned(order)
    assert row.status == RequestStatus.SENT and row.campaign == campaign


def test_replanning_is_idempotent_and_keeps_a_due_row_in_place(account):
    now = timezone.now()
    orders = [delivered_order(account, delivered=now - timedelta(days=7)) for _ in range(3)]
    CampaignFactory(account=account)
    assert requests_plan(account=account, now=now).scheduled == 3
    first_times = dict(FeedbackRequest.objects.values_list("order_id", "scheduled_for"))
    later = now + timedelta(hours=2)
    again = requests_plan(account=account, now=later)
    assert again.scheduled == 0 and again.removed == 0
    assert dict(FeedbackRequest.objects.values_list("order_id", "scheduled_for")) == first_times
    assert len(orders) == FeedbackRequest.objects.count()


def test_campaign_marketplaces_and_other_accounts_are_respected(account, other_account):
    now = timezone.now()
    us = delivered_order(account, "US", delivered=now - timedelta(days=7))
    uk = delivered_order(account, "UK", delivered=now - timedelta(days=7))
    theirs = delivered_order(other_account, "US", delivered=now - timedelta(days=7))
    CampaignFactory(account=account, marketplaces=["US"])
    requests_plan(account=account, now=now)
    assert planned(us) and not planned(uk) and not planned(theirs)


def exclusion_cases(account, now):
    """(order, expected reason code) for every exclusion."""
    delivered = now - timedelta(days=8)
    make = lambda **fields: delivered_order(account, delivered=delivered, **fields)  # noqa: E731
    cases = []
    cases.append((make(status=OrderStatus.CANCELED), "canceled"))
    cases.append((make(status=OrderStatus.UNSHIPPED), "not_shipped"))
    cases.append((make(returned_at=now - timedelta(days=1)), "returned"))
    cases.append((make(refunded_at=now - timedelta(days=1)), "returned"))
    negative = make()
    FeedbackFactory(order=negative, rating=1)
    cases.append((negative, "negative_feedback"))
    positive = make()
    FeedbackFactory(order=positive, rating=5)
    cases.append((positive, "has_feedback"))
    claimed = make()
    ClaimFactory(order=claimed, status=ClaimStatus.OPEN)
    cases.append((claimed, "open_claim"))
    closed_claim = make()
    ClaimFactory(order=closed_claim, status=ClaimStatus.CLOSED, opened_at=now - timedelta(days=2), closed_at=now)
    cases.append((closed_claim, None))
    messaged = make()
    BuyerMessage.objects.create(account=account, order=messaged, received_at=now)
    cases.append((messaged, "open_message"))
    answered = make()
    BuyerMessage.objects.create(account=account, order=answered, received_at=now, answered_at=now)
    cases.append((answered, None))
    late = make()
    late.shipped_at = late.latest_ship_date + timedelta(hours=3)
    late.save()
    cases.append((late, "late_shipped"))
    dns_order = make()
    DoNotSolicit.objects.create(account=account, order=dns_order)
    cases.append((dns_order, "dns_order"))
    dns_buyer = make(buyer_key="b" * 64)
    DoNotSolicit.objects.create(account=account, buyer_key="b" * 64, reason="opted_out")
    cases.append((dns_buyer, "dns_buyer"))
    unhappy_before = make(buyer_key="c" * 64, purchase_date=now - timedelta(days=40))
    FeedbackFactory(order=unhappy_before, rating=3)
    again = make(buyer_key="c" * 64)
    cases.append((again, "blacklisted"))
    no_delivery = OrderFactory(account=account, purchase_date=now - timedelta(days=3))
    cases.append((no_delivery, "no_delivery"))
    cases.append((delivered_order(account, delivered=now - timedelta(days=40)), "window_closed"))
    cases.append((make(), None))
    return cases


def test_every_exclusion_is_applied_and_named(account):
    now = timezone.now()
    SendingSettings.objects.create(account=account, auto_blacklist_low_ratings=True)
    cases = exclusion_cases(account, now)
    campaign = CampaignFactory(account=account)

    requests_plan(account=account, now=now)
    for order, reason in cases:
        assert (planned(order) is None) == (reason is not None), (order, reason)

    # The dispatcher's re-check sees the same reasons (the blacklisted buyer's
    # earlier order is excluded too: it already has feedback).
    rows = [
        FeedbackRequest(pk=index, account=account, order=order, campaign=campaign)
        for index, (order, _) in enumerate(cases)
    ]
    checked = send_time_check(rows=rows, now=now)
    assert [checked[index][0] for index in range(len(cases))] == [reason for _, reason in cases]


def test_conditions_fulfilment_value_skus_asins_and_buyers(account):
    now = timezone.now()
    delivered = now - timedelta(days=8)
    fba = delivered_order(account, delivered=delivered, order_total=Decimal("50"))
    OrderItemFactory(order=fba, sku="MUG-1", asin="B000000001")
    fbm = delivered_order(account, delivered=delivered, fulfillment_channel=FulfillmentChannel.MFN)
    cheap = delivered_order(account, delivered=delivered, order_total=Decimal("5"))
    other_sku = delivered_order(account, delivered=delivered, order_total=Decimal("50"))
    OrderItemFactory(order=other_sku, sku="PAN-2", asin="B000000002")
    campaign = CampaignFactory(account=account, fulfillment="AFN", min_order_total=Decimal("10"), sku_include=["mug-1"])
    requests_plan(account=account, now=now)
    assert planned(fba) and not planned(fbm) and not planned(cheap) and not planned(other_sku)

    campaign.sku_include = []
    campaign.asin_exclude = ["B000000001"]
    campaign.save()
    requests_plan(account=account, now=now)
    assert not planned(fba) and planned(other_sku)


def test_first_time_and_repeat_buyers(account):
    now = timezone.now()
    first = delivered_order(account, delivered=now - timedelta(days=8), buyer_key="d" * 64)
    repeat = delivered_order(account, delivered=now - timedelta(days=7), buyer_key="d" * 64)
    first.purchase_date = now - timedelta(days=30)
    first.save()
    campaign = CampaignFactory(account=account, buyers="first")
    requests_plan(account=account, now=now)
    assert planned(first) and not planned(repeat)
    campaign.buyers = "repeat"
    campaign.save()
    requests_plan(account=account, now=now)
    assert planned(repeat) and not planned(first)


def test_email_variants_split_by_weight(account):
    now = timezone.now()
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL)
    heavy = CampaignVariantFactory(campaign=campaign, label="A", weight=75)
    light = CampaignVariantFactory(campaign=campaign, label="B", weight=25)
    for _ in range(400):
        delivered_order(account, delivered=now - timedelta(days=8))
    requests_plan(account=account, now=now)
    counts = {
        heavy.pk: FeedbackRequest.objects.filter(variant=heavy).count(),
        light.pk: FeedbackRequest.objects.filter(variant=light).count(),
    }
    assert sum(counts.values()) == 400
    assert 240 <= counts[heavy.pk] <= 360  # 300 expected
    # Stable: re-planning keeps every order on its variant.
    before = dict(FeedbackRequest.objects.values_list("order_id", "variant_id"))
    requests_plan(account=account, now=now)
    assert dict(FeedbackRequest.objects.values_list("order_id", "variant_id")) == before


def test_email_needs_a_buyer_address(account):
    now = timezone.now()
    order = delivered_order(account, delivered=now - timedelta(days=8), buyer_email="")
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL)
    CampaignVariantFactory(campaign=campaign)
    requests_plan(account=account, now=now)
    assert planned(order) is None


def test_preview_counts_samples_and_reasons(account):
    now = timezone.now()
    SendingSettings.objects.create(account=account, auto_blacklist_low_ratings=True)
    cases = exclusion_cases(account, now)
    stronger = CampaignFactory(account=account, priority=1, name="stronger", marketplaces=["US"])
    stronger.sku_include = ["ONLY-THIS"]
    stronger.save()
    special = delivered_order(account, delivered=now - timedelta(days=8))
    OrderItemFactory(order=special, sku="ONLY-THIS")
    campaign = CampaignFactory(account=account, priority=5, state=CampaignState.DRAFT)

    preview = campaign_preview(campaign=campaign, now=now)

    expected_ok = sum(1 for _, reason in cases if reason is None)
    assert preview.would_schedule == expected_ok
    assert preview.taken_by_other == 1
    assert {order for order, _, _ in preview.sample} == {o for o, reason in cases if reason is None}
    assert all(when >= now for _, when, _ in preview.sample)
    labels = {label: count for label, count, _ in preview.excluded}
    assert labels["Refunded or returned"] == 2
    assert labels["Order canceled"] == 1
    assert any(special not in examples for _, _, examples in preview.excluded)


@pytest.mark.parametrize("weekdays", [[1], [6, 7], [7], [3, 5]])
@pytest.mark.parametrize("now_day", range(7))
def test_next_allowed_weekday_matches_the_python_rule(account, weekdays, now_day):
    """The closed-form slot (today, or the start hour of the next allowed
    weekday) agrees with messaging.windows.next_send_time on every weekday."""
    zone = ZONES["US"]
    now = local(date(2026, 11, 9) + timedelta(days=now_day), 17, zone, minute=45)  # Monday 2026-11-09 + n
    delivered = now - timedelta(days=10)
    order = delivered_order(account, delivered=delivered)
    CampaignFactory(account=account, trigger_days=0, send_start_hour=9, send_end_hour=18, send_weekdays=weekdays)
    requests_plan(account=account, now=now)
    expected = next_send_time(candidate=now, time_zone=zone, weekdays=set(weekdays), start_hour=9, end_hour=18)
    assert planned(order).scheduled_for == expected


def test_an_order_imported_after_its_feedback_is_never_planned(account):
    """The import announces "link" before "linked": feedback that arrived
    before its order is linked first, so planning sees it (has_feedback)."""
    CampaignFactory(account=account, channel=Channel.AMAZON)
    now = timezone.now()
    delivered = now - timedelta(days=8)
    order_id = "112-7000001-0000001"
    feedback = FeedbackFactory(
        order=None,
        account=account,
        marketplace=marketplace("US"),
        amazon_order_id=order_id,
        rating=5,
        feedback_date=local_day(now, "America/Los_Angeles"),
    )
    row = OrderRow(
        line_no=1,
        amazon_order_id=order_id,
        purchase_date=(delivered - timedelta(days=4)).isoformat(),
        last_updated=(delivered - timedelta(days=4)).isoformat(),
        order_status="Shipped",
        fulfillment_channel="AFN",
        sales_channel="Amazon.com",
        sku="BOTTLE-750",
        quantity="1",
        latest_ship_date=(delivered - timedelta(days=2)).isoformat(),
        earliest_delivery_date=delivered.isoformat(),
        latest_delivery_date=delivered.isoformat(),
    )
    with transaction.atomic():
        order_rows_upsert(account=account, rows=[row])
        imported_rows_announce(account=account)

    feedback.refresh_from_db()
    assert feedback.order is not None and feedback.order.amazon_order_id == order_id
    assert not FeedbackRequest.objects.filter(order=feedback.order).exists()
    # The same order without feedback would have been planned: the exclusion is what held it back.
    campaign = Campaign.objects.get(account=account)
    assert [label for label, _, _ in campaign_preview(campaign=campaign, now=now).excluded] == [
        "Buyer already left feedback"
    ]
