from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedbackhub.rules import local_day
from orders.services import buyer_data_purge
from orders.tasks import buyer_data_purge as purge_task
from tests.factories import FeedbackFactory, OrderFactory


@pytest.fixture
def now():
    return timezone.now()


@pytest.mark.django_db
def test_buyer_data_goes_30_days_after_delivery(account, now):
    kept = OrderFactory(account=account, delivered_at=now - timedelta(days=29), ship_to="Springfield\nIL\n62704")
    purged = OrderFactory(
        account=account,
        delivered_at=now - timedelta(days=31),
        latest_delivery_date=now - timedelta(days=33),
        ship_to="Shelbyville\nIL\n62565",
        order_total="42.00",
    )
    FeedbackFactory(order=purged, rating=1)
    assert buyer_data_purge(now=now) == 1
    kept.refresh_from_db()
    purged.refresh_from_db()
    assert kept.buyer_email and kept.ship_to and kept.pii_purged_at is None
    assert (purged.buyer_name, purged.buyer_email, purged.ship_to) == ("", "", "")
    assert purged.pii_purged_at == now
    # Everything the metrics need stays.
    assert (purged.fulfillment_channel, str(purged.order_total), purged.marketplace_id) == (
        "AFN",
        "42.00",
        "ATVPDKIKX0DER",
    )
    assert purged.feedback.rating == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "purged"),
    [
        ({"latest_delivery_date": 31}, True),
        ({"latest_delivery_date": 29}, False),
        ({"latest_ship_date": 31}, True),
        ({"latest_ship_date": 20}, False),
        ({}, False),  # purchase 10 days ago, nothing shipped yet
    ],
)
def test_without_a_delivery_date_the_latest_known_date_counts(account, now, fields, purged):
    order = OrderFactory(account=account, **{name: now - timedelta(days=days) for name, days in fields.items()})
    buyer_data_purge(now=now)
    order.refresh_from_db()
    assert (order.pii_purged_at is not None) is purged


@pytest.mark.django_db
def test_purge_is_idempotent_and_runs_as_a_task(account, now):
    OrderFactory(account=account, delivered_at=now - timedelta(days=40))
    purge_task.apply()
    assert buyer_data_purge() == 0


@pytest.mark.django_db
def test_order_page_says_when(account, client_for, now):
    order = OrderFactory(account=account, delivered_at=now - timedelta(days=45))
    buyer_data_purge(now=now)
    body = client_for(account).get(reverse("orders:detail", args=[order.pk])).content.decode()
    removed_on = local_day(now, account.time_zone)  # pages show the seller's time zone
    assert f"Buyer details removed on {removed_on:%Y-%m-%d}" in body and "test-buyer" not in body


def test_purge_is_on_the_beat_schedule():
    from feedbackhub.celery import app

    assert any(entry["task"] == "orders.pii.purge" for entry in app.conf.beat_schedule.values())
