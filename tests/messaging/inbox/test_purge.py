"""Buyer mail follows Amazon's 30-day rule for buyer data, as the order's buyer fields do."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from messaging.inbox.purge import PURGED_NOTE, buyer_mail_purge
from orders.services import buyer_data_purge

from ...factories import BuyerMessageFactory, BuyerThreadFactory, OrderFactory

pytestmark = pytest.mark.django_db


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 - fixed names
        return cursor.fetchone()[0]


def test_mail_goes_with_the_orders_buyer_data_and_the_rest_stays(account):
    now = timezone.now()
    old = OrderFactory(account=account, delivered_at=now - timedelta(days=45))
    recent = OrderFactory(account=account, delivered_at=now - timedelta(days=5))
    old_thread = BuyerThreadFactory(account=account, order=old, amazon_order_id=old.amazon_order_id)
    recent_thread = BuyerThreadFactory(account=account, order=recent, amazon_order_id=recent.amazon_order_id)
    old_message = BuyerMessageFactory(thread=old_thread, body_text="My address is 1 Demo Street.")
    recent_message = BuyerMessageFactory(thread=recent_thread, body_text="Where is my parcel?")
    no_order = BuyerThreadFactory(
        account=account, order=None, amazon_order_id="", last_message_at=now - timedelta(days=40)
    )
    BuyerMessageFactory(thread=no_order, body_text="A question about sizes.")

    buyer_data_purge(now=now)
    assert buyer_mail_purge(now=now) == 2

    old_message.refresh_from_db()
    old_thread.refresh_from_db()
    assert (old_message.body_text, old_message.from_address, old_thread.relay_address) == (PURGED_NOTE, "", "")
    assert old_thread.relay_key and old_message.received_at and old_thread.amazon_order_id  # what metrics need
    recent_message.refresh_from_db()
    assert recent_message.body_text == "Where is my parcel?"
    assert _raw("messaging_buyerthread", "relay_address", recent_thread.pk) != ""
    assert buyer_mail_purge(now=now) == 0  # nothing left to purge


def test_the_mail_purge_runs_nightly_after_the_orders_purge():
    from feedbackhub.celery import app

    schedule = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    assert "messaging.inbox.purge" in schedule and "orders.pii.purge" in schedule
