"""Planning proportional to what changed: an import (or a facts change)
re-plans the orders it wrote or whose facts it wrote, and leaves every other
scheduled row as it was; a campaign change re-plans the whole account.

Every row a test built before "the import" is moved out of the import's
transaction window (updated_at a day back), as if an earlier import wrote it.
A left-alone request is recognised by a send time planning would never pick
(an earlier plan's, since moved): a full plan puts it back."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from feedback.models import Feedback
from messaging.models import CampaignState, DoNotSolicit, FeedbackRequest
from messaging.planning import requests_plan
from messaging.services import campaign_state_set, do_not_solicit_add
from orders.imports.rows import OrderRow
from orders.imports.upsert import order_rows_upsert
from orders.models import Claim, ClaimStatus, Order
from orders.signals import imported_rows_announce

from ..factories import CampaignFactory, ClaimFactory, FeedbackFactory, UserFactory
from .planning_orders import delivered_order, planned

pytestmark = pytest.mark.django_db


def earlier_import(account, now):
    """Two planned orders written by an earlier transaction, each with its
    request moved to a sentinel time."""
    delivered = now - timedelta(days=8)
    orders = [delivered_order(account, delivered=delivered) for _ in range(2)]
    requests_plan(account=account, now=now)
    sentinel = now + timedelta(days=20, minutes=7)
    FeedbackRequest.objects.filter(order__in=orders).update(scheduled_for=sentinel)
    day_ago = now - timedelta(days=1)
    Order.objects.filter(account=account).update(updated_at=day_ago)
    Feedback.objects.filter(account=account).update(updated_at=day_ago)
    Claim.objects.filter(account=account).update(updated_at=day_ago)
    return orders, sentinel


def order_row(amazon_order_id, delivered, status="Shipped"):
    purchase = delivered - timedelta(days=4)
    return OrderRow(
        line_no=1,
        amazon_order_id=amazon_order_id,
        purchase_date=purchase.isoformat(),
        last_updated=purchase.isoformat(),
        order_status=status,
        fulfillment_channel="AFN",
        sales_channel="Amazon.com",
        sku="BOTTLE-750",
        quantity="1",
        latest_ship_date=(delivered - timedelta(days=2)).isoformat(),
        earliest_delivery_date=delivered.isoformat(),
        latest_delivery_date=delivered.isoformat(),
    )


def announce(account):
    with transaction.atomic():
        imported_rows_announce(account=account)


def test_an_import_plans_the_orders_it_wrote_and_leaves_the_others(account):
    CampaignFactory(account=account)
    now = timezone.now()
    (kept, canceled), sentinel = earlier_import(account, now)
    delivered = now - timedelta(days=8)
    with transaction.atomic():
        order_rows_upsert(
            account=account,
            rows=[
                order_row("112-7000001-0000001", delivered),
                order_row(canceled.amazon_order_id, delivered, status="Canceled"),
            ],
        )
        imported_rows_announce(account=account)

    new = Order.objects.get(account=account, amazon_order_id="112-7000001-0000001")
    assert planned(new) is not None and planned(new).scheduled_for != sentinel
    canceled.refresh_from_db()
    assert canceled.status == "Canceled" and planned(canceled) is None
    assert planned(kept).scheduled_for == sentinel

    requests_plan(account=account, now=now)  # the full plan does move it: the sentinel tells
    assert planned(kept).scheduled_for != sentinel


@pytest.mark.parametrize("fact", ["feedback", "claim"])
def test_a_fact_arriving_by_import_re_plans_its_order(account, fact):
    CampaignFactory(account=account)
    now = timezone.now()
    (kept, touched), sentinel = earlier_import(account, now)
    if fact == "feedback":
        FeedbackFactory(order=touched, account=account, rating=5)
    else:
        ClaimFactory(order=touched, account=account, status=ClaimStatus.OPEN)
    announce(account)
    assert planned(touched) is None
    assert planned(kept).scheduled_for == sentinel


def test_low_rating_blacklists_the_buyers_other_orders(account):
    from messaging.models import SendingSettings

    SendingSettings.objects.create(account=account, auto_blacklist_low_ratings=True)
    CampaignFactory(account=account)
    now = timezone.now()
    delivered = now - timedelta(days=8)
    first = delivered_order(account, delivered=delivered, buyer_key="buyer-a")
    second = delivered_order(account, delivered=delivered, buyer_key="buyer-a")
    (kept, _), sentinel = earlier_import(account, now)
    assert planned(second) is not None
    FeedbackFactory(order=first, account=account, rating=2)
    announce(account)
    assert planned(first) is None and planned(second) is None
    assert planned(kept).scheduled_for == sentinel


@pytest.mark.parametrize("whole_buyer", [False, True])
def test_do_not_solicit_re_plans_the_orders_it_covers(account, whole_buyer):
    CampaignFactory(account=account)
    now = timezone.now()
    (kept, listed), sentinel = earlier_import(account, now)
    Order.objects.filter(pk=listed.pk).update(buyer_key="buyer-b")
    do_not_solicit_add(
        account=account, user=UserFactory(), amazon_order_id=listed.amazon_order_id, whole_buyer=whole_buyer
    )
    assert planned(listed) is None
    assert planned(kept).scheduled_for == sentinel

    from messaging.services import do_not_solicit_remove

    do_not_solicit_remove(entry=DoNotSolicit.objects.get(account=account))
    assert planned(listed) is not None
    assert planned(kept).scheduled_for == sentinel


def test_a_campaign_change_re_plans_the_whole_account(account):
    campaign = CampaignFactory(account=account)
    now = timezone.now()
    earlier_import(account, now)
    campaign_state_set(campaign=campaign, state=CampaignState.PAUSED, user=UserFactory())
    assert not FeedbackRequest.objects.filter(account=account).exists()
