"""Window arithmetic: Amazon's 5–30 day window and the seller's send hours,
in each marketplace's time zone, across daylight-saving changes."""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import pytest

from messaging.windows import next_send_time, solicitation_window

ZONES = {"US": "America/Los_Angeles", "DE": "Europe/Berlin", "JP": "Asia/Tokyo", "UK": "Europe/London"}
# Both dates sit just after a daylight-saving change: the US left DST on
# 2026-11-01, the EU on 2026-10-25 (Japan has none): "N days ago" crosses it.
TODAY = {"US": date(2026, 11, 3), "DE": date(2026, 10, 27), "JP": date(2026, 10, 27), "UK": date(2026, 10, 27)}


def local(day, hour, zone, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


@pytest.mark.parametrize("marketplace", list(ZONES))
@pytest.mark.parametrize(("days_ago", "open_now"), [(3, False), (4, False), (5, True), (30, True), (31, False)])
@pytest.mark.parametrize("now_hour", [0, 12, 23])
def test_delivered_n_days_ago(marketplace, days_ago, open_now, now_hour):
    zone = ZONES[marketplace]
    today = TODAY[marketplace]
    delivered = local(today - timedelta(days=days_ago), 15, zone)
    now = local(today, now_hour, zone, minute=30)
    window = solicitation_window(earliest_delivery=delivered, latest_delivery=delivered, time_zone=zone)
    assert window.contains(now) is open_now


def test_the_window_opens_at_local_midnight_even_across_the_dst_change():
    delivered = local(date(2026, 10, 30), 20, "America/Los_Angeles")  # PDT, UTC-7
    window = solicitation_window(
        earliest_delivery=delivered, latest_delivery=delivered, time_zone="America/Los_Angeles"
    )
    # Opens 2026-11-04 00:00 PST = 08:00 UTC (not 07:00: the clocks went back on Nov 1).
    assert window.opens_at.astimezone(UTC) == datetime(2026, 11, 4, 8, 0, tzinfo=UTC)
    # Closes at the end of 2026-11-29 local = 2026-11-30 00:00 PST.
    assert window.closes_at.astimezone(UTC) == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def test_the_same_instant_is_a_different_day_in_tokyo_and_los_angeles():
    delivered = datetime(2026, 11, 1, 20, 0, tzinfo=UTC)  # Nov 2 in Tokyo, Nov 1 in Los Angeles
    tokyo = solicitation_window(earliest_delivery=delivered, latest_delivery=delivered, time_zone="Asia/Tokyo")
    la = solicitation_window(earliest_delivery=delivered, latest_delivery=delivered, time_zone="America/Los_Angeles")
    assert tokyo.opens_at.date() == date(2026, 11, 7) and la.opens_at.date() == date(2026, 11, 6)


def test_earliest_and_latest_delivery_bound_each_end():
    earliest = local(date(2026, 11, 1), 12, "Europe/Berlin")
    latest = local(date(2026, 11, 6), 12, "Europe/Berlin")
    window = solicitation_window(earliest_delivery=earliest, latest_delivery=latest, time_zone="Europe/Berlin")
    assert window.opens_at == local(date(2026, 11, 6), 0, "Europe/Berlin")
    assert window.closes_at == local(date(2026, 12, 7), 0, "Europe/Berlin")


WEEKDAYS = {1, 2, 3, 4, 5}


def test_send_hours_move_a_weekend_candidate_to_monday_morning_across_the_eu_dst_change():
    candidate = local(date(2026, 10, 24), 10, "Europe/Berlin")  # Saturday, CEST (UTC+2)
    moment = next_send_time(
        candidate=candidate, time_zone="Europe/Berlin", weekdays=WEEKDAYS, start_hour=9, end_hour=17
    )
    # Monday 2026-10-26 09:00 CET is 08:00 UTC (it would be 07:00 before the change).
    assert moment.astimezone(UTC) == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("hour", "expected_day", "expected_hour"),
    [(8, 27, 9), (9, 27, 9), (12, 27, 12), (17, 28, 9), (23, 28, 9)],
)
def test_send_hours_within_a_weekday(hour, expected_day, expected_hour):
    candidate = local(date(2026, 10, 27), hour, "Europe/London")  # Tuesday
    moment = next_send_time(
        candidate=candidate, time_zone="Europe/London", weekdays=WEEKDAYS, start_hour=9, end_hour=17
    )
    assert moment == local(date(2026, 10, expected_day), expected_hour, "Europe/London")


def test_no_allowed_day_gives_no_time():
    candidate = local(date(2026, 10, 27), 10, "Asia/Tokyo")
    assert (
        next_send_time(candidate=candidate, time_zone="Asia/Tokyo", weekdays=set(), start_hour=9, end_hour=17) is None
    )
