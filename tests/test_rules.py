"""feedbackhub.rules: each SQL form gives what its Python form gives."""

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection

from feedbackhub import rules
from orders.models import Order

from .factories import OrderFactory

DATE_COLUMNS = ("delivered_at", "latest_delivery_date", "earliest_delivery_date", "latest_ship_date", "shipped_at")


def sql_value(expression, params=()):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {expression}", params)
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.parametrize("rating", [1, 2, 3, 4, 5])
def test_sentiment_in_sql_matches_python(rating):
    assert sql_value(rules.negative_sql("%s"), [rating]) == rules.is_negative(rating) == (rating <= 2)
    assert sql_value(rules.low_rating_sql("%s"), [rating]) == (rating <= 3)
    assert rules.sentiment(rating) == {1: "negative", 2: "negative", 3: "neutral", 4: "positive", 5: "positive"}[rating]


@pytest.mark.django_db
def test_each_date_purpose_in_sql_matches_python(account):
    """Every combination of known and unknown dates, for every purpose."""
    purchase = datetime(2026, 10, 1, 12, tzinfo=UTC)
    orders = []
    for known in itertools.product([False, True], repeat=len(DATE_COLUMNS)):
        dates = {
            column: purchase + timedelta(days=offset + 1) if present else None
            for offset, (column, present) in enumerate(zip(DATE_COLUMNS, known, strict=True))
        }
        orders.append(OrderFactory(account=account, purchase_date=purchase, **dates))
    purposes = {
        "start": (rules.coalesce_sql(rules.REQUEST_WINDOW_START_DATES), rules.request_window_start),
        "end": (rules.coalesce_sql(rules.REQUEST_WINDOW_END_DATES), rules.request_window_end),
        "retention": (rules.pii_retention_end_sql(), rules.pii_retention_end),
    }
    for name, (expression, python) in purposes.items():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT o.id, {expression} FROM orders_order o WHERE o.account_id = %s", [account.pk])
            from_sql = dict(cursor.fetchall())
        for order in Order.objects.filter(pk__in=[o.pk for o in orders]):
            assert from_sql[order.pk] == python(order), (name, order.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("time_zone", ["America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo"])
def test_local_midnight_in_sql_matches_python_across_dst(time_zone):
    # 2026-10-25 (EU) and 2026-11-01 (US) are clock-change days.
    for moment in (datetime(2026, 10, 24, 23, 30, tzinfo=UTC), datetime(2026, 10, 31, 20, tzinfo=UTC)):
        for days in (0, 1, 5, 31):
            expected = rules.local_midnight(rules.local_day(moment, time_zone) + timedelta(days=days), time_zone)
            assert (
                sql_value(
                    rules.local_midnight_sql("%s::timestamptz", str(days), zone_sql="%s"),
                    [moment, time_zone, time_zone],
                )
                == expected
            )


def test_removal_deadline_and_daily_cap():
    assert rules.buyer_removal_deadline(date(2026, 11, 1)) == date(2026, 12, 31)
    assert rules.daily_cap_default(14) == 5 * 14 // 7 + 600


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        ("1999-12-31T23:59:59.999999+00:00", False),
        ("2000-01-01T00:00:00+00:00", True),
        ("2000-01-01T00:00:00+01:00", False),  # 1999-12-31 23:00 in UTC
        ("2027-11-20T12:00:00+00:00", True),  # now + 365 days
        ("2027-11-20T12:00:00.000001+00:00", False),
    ],
)
def test_imported_date_range_in_sql_matches_python(moment, accepted):
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    in_sql = sql_value(rules.imported_date_ok_sql("%(moment)s::timestamptz"), {"moment": moment, "now": now})
    assert in_sql == rules.imported_date_ok(datetime.fromisoformat(moment), now) == accepted
