"""Planning: why an order is not asked — every exclusion and campaign
condition, applied by planning and named alike by the dispatcher's re-check and
by the campaign preview (messaging.preview). Windows and send times:
test_planning.py."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from feedbackhub.rules import local_day
from messaging.models import (
    BuyerMessage,
    Campaign,
    CampaignState,
    Channel,
    DoNotSolicit,
    FeedbackRequest,
    SendingSettings,
)
from messaging.planning import requests_plan, send_time_check
from messaging.preview import campaign_preview
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
from .planning_orders import delivered_order, planned
from .test_planning_changed import order_row

pytestmark = pytest.mark.django_db


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
    # No delivery date (an All Orders upload): Request a Review is planned on
    # an estimate (test_estimated_delivery.py), an email campaign excludes it.
    cases.append((OrderFactory(account=account, purchase_date=now - timedelta(days=3)), None))
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
    assert {order for order, _, _, _ in preview.sample} == {o for o, reason in cases if reason is None}
    assert all(when >= now for _, when, _, _ in preview.sample)
    assert preview.estimated == 1 and sum(estimated for *_, estimated in preview.sample) == 1
    labels = {label: count for label, count, _, _ in preview.excluded}
    assert labels["Refunded or returned"] == 2
    assert labels["Order canceled"] == 1
    assert any(special not in examples for _, _, examples, _ in preview.excluded)


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
    row = order_row(order_id, delivered)
    with transaction.atomic():
        order_rows_upsert(account=account, rows=[row])
        imported_rows_announce(account=account)

    feedback.refresh_from_db()
    assert feedback.order is not None and feedback.order.amazon_order_id == order_id
    assert not FeedbackRequest.objects.filter(order=feedback.order).exists()
    # The same order without feedback would have been planned: the exclusion is what held it back.
    campaign = Campaign.objects.get(account=account)
    assert [label for label, _, _, _ in campaign_preview(campaign=campaign, now=now).excluded] == [
        "Buyer already left feedback"
    ]
