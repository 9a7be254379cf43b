"""Planning: the set-based SQL that gives each order at most one feedback
request, from the winning campaign, at a time inside Amazon's window and the
seller's send hours — held to the Python window functions. The exclusions and
the campaign preview: test_planning_exclusions.py."""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from messaging.models import CampaignState, Channel, FeedbackRequest, RequestStatus
from messaging.planning import requests_plan
from messaging.windows import next_send_time, solicitation_window

from ..factories import CampaignFactory, CampaignVariantFactory, marketplace
from .planning_orders import delivered_order, planned

pytestmark = pytest.mark.django_db

ZONES = {"US": "America/Los_Angeles", "DE": "Europe/Berlin", "JP": "Asia/Tokyo", "UK": "Europe/London"}
# Just after each zone's daylight-saving change (US 2026-11-01, EU 2026-10-25).
TODAY = {"US": date(2026, 11, 3), "DE": date(2026, 10, 27), "JP": date(2026, 10, 27), "UK": date(2026, 10, 27)}


def local(day, hour, zone, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


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


def test_each_campaign_gets_its_own_weekdays_and_variants_for_every_order(account):
    """Two campaigns with their own send days and three variants each (one
    weighted 1): every order gets exactly one row, its campaign's next
    allowed slot, and the variant whose cumulative weight range, in (label,
    id) order, holds the order's hash — the rule eligibility_sql() states,
    recomputed here one order at a time."""
    account.marketplaces.add(marketplace("UK"))
    now = local(date(2026, 11, 11), 17, ZONES["US"], minute=45)  # a Wednesday
    weekdays = {"US": [1], "UK": [6, 7]}
    campaigns, variants = {}, {}
    for code, weights in (("US", [("A", 60), ("B", 1), ("C", 39)]), ("UK", [("A", 10), ("B", 70), ("C", 20)])):
        campaign = CampaignFactory(
            account=account,
            marketplaces=[code],
            channel=Channel.EMAIL,
            trigger_days=0,
            send_start_hour=9,
            send_end_hour=18,
            send_weekdays=weekdays[code],
        )
        campaigns[code] = campaign
        variants[campaign.pk] = [
            CampaignVariantFactory(campaign=campaign, label=label, weight=weight) for label, weight in weights
        ]
    orders = [
        delivered_order(account, code, delivered=now - timedelta(days=10)) for code in ("US", "UK") for _ in range(60)
    ]

    requests_plan(account=account, now=now)

    rows = {row.order_id: row for row in FeedbackRequest.objects.filter(account=account)}
    assert len(rows) == len(orders) == FeedbackRequest.objects.count()
    with connection.cursor() as cursor:
        for order in orders:
            row = rows[order.pk]
            campaign = campaigns[order.marketplace.code]
            assert row.campaign_id == campaign.pk
            expected_slot = next_send_time(
                candidate=now,
                time_zone=ZONES[order.marketplace.code],
                weekdays=set(campaign.send_weekdays),
                start_hour=9,
                end_hour=18,
            )
            assert row.scheduled_for == expected_slot
            ordered = sorted(variants[campaign.pk], key=lambda variant: (variant.label, variant.pk))
            total = sum(variant.weight for variant in ordered)
            cursor.execute(
                "SELECT (hashtextextended(%s, %s) & 9223372036854775807) %% %s",
                [order.amazon_order_id, campaign.pk, total],
            )
            (point,) = cursor.fetchone()
            low = 0
            for variant in ordered:
                if low <= point < low + variant.weight:
                    break
                low += variant.weight
            assert row.variant_id == variant.pk
