"""A seller's first plan inserts its requests without ON CONFLICT
(messaging.planning._first_plan_insert). Another plan of the same account
that inserts one of those orders' requests first makes the plain insert fail
on the unique order index; the first plan then falls back to the upsert and
ends as it always did."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from messaging.models import FeedbackRequest, RequestStatus
from messaging.planning import requests_plan

from ..factories import CampaignFactory
from .planning_orders import delivered_order, planned

pytestmark = pytest.mark.django_db(transaction=True)  # two connections: each must see what the other committed


def test_a_first_plan_plans_every_order(account):
    now = timezone.now()
    orders = [delivered_order(account, delivered=now - timedelta(days=7)) for _ in range(3)]
    campaign = CampaignFactory(account=account)
    assert requests_plan(account=account, now=now).scheduled == 3
    assert {planned(order).campaign for order in orders} == {campaign}


def test_a_first_plan_gives_way_to_a_plan_that_inserted_first(account):
    now = timezone.now()
    orders = [delivered_order(account, delivered=now - timedelta(days=7)) for _ in range(3)]
    campaign = CampaignFactory(account=account)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        planner_pid = cursor.fetchone()[0]
    inserted, seen = threading.Event(), {}

    def other_plan():
        """Inserts (and sends) orders[0]'s request, then commits once the planner waits on it."""
        try:
            with transaction.atomic():
                FeedbackRequest.objects.create(
                    account=account,
                    order=orders[0],
                    campaign=campaign,
                    channel="amazon",
                    scheduled_for=now,
                    status=RequestStatus.SENT,
                    sent_at=now,
                )
                inserted.set()
                deadline = time.monotonic() + 30
                with connection.cursor() as cursor:
                    while time.monotonic() < deadline and "query" not in seen:
                        # pg_stat_activity is read once per transaction unless its snapshot is cleared.
                        cursor.execute("SELECT pg_stat_clear_snapshot()")
                        cursor.execute(
                            "SELECT wait_event_type, query FROM pg_stat_activity WHERE pid = %s", [planner_pid]
                        )
                        wait, query = cursor.fetchone()
                        if wait == "Lock":
                            seen["query"] = query
                        time.sleep(0.02)
        finally:
            connection.close()

    other = threading.Thread(target=other_plan)
    other.start()
    try:
        assert inserted.wait(30)
        result = requests_plan(account=account, now=now)
    finally:
        other.join(30)
    # The planner waited in its plain insert (not in the upsert it fell back to).
    assert "INSERT INTO messaging_feedbackrequest" in seen["query"] and "ON CONFLICT" not in seen["query"]
    assert result.scheduled == 2
    assert planned(orders[0]).status == RequestStatus.SENT  # the upsert never touches a sent request
    assert [planned(order).status for order in orders[1:]] == [RequestStatus.SCHEDULED] * 2
    assert FeedbackRequest.objects.count() == 3
