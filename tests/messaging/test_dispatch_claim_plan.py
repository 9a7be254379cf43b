"""The dispatcher's claim reads the first due rows in the due index's order
(messaging.dispatch.rows.CLAIM_SQL), where it once sorted every due row of the
account for each batch; and a big plan analyses the requests it wrote, so that
the claim right after it is planned for them (feedbackhub.statistics)."""

import json
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from feedbackhub.crypto import encrypt_text
from feedbackhub.statistics import ANALYZE_MIN_ROWS
from messaging.dispatch.rows import CLAIM_LEASE, CLAIM_SQL, rows_claim
from messaging.models import Campaign, CampaignState, FeedbackRequest, RequestStatus
from messaging.planning import requests_plan

from ..factories import CampaignFactory, marketplace

pytestmark = pytest.mark.django_db

ORDERS = ANALYZE_MIN_ROWS + 500


def orders_create(account, count, *, prefix="111"):
    """`count` orders delivered 8 days ago, in one statement (one encrypted
    address for all: the claim decrypts it)."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO orders_order (account_id, marketplace_id, amazon_order_id, merchant_order_id, purchase_date,
                   last_updated, status, fulfillment_channel, sales_channel, ship_service_level, latest_ship_date,
                   shipped_at, earliest_delivery_date, latest_delivery_date, delivered_at, order_total, currency,
                   is_business_order, is_prime, is_replacement_order, ship_country, buyer_name, buyer_email,
                   ship_to, buyer_key, created_at, updated_at)
            SELECT %(account)s, %(marketplace)s, %(prefix)s || '-' || lpad(n::text, 7, '0') || '-0000001', '',
                   %(delivered)s - interval '4 days', %(delivered)s - interval '4 days', 'Shipped', 'AFN',
                   'Amazon.com', 'Standard', %(delivered)s - interval '2 days', %(delivered)s - interval '3 days',
                   %(delivered)s, %(delivered)s, %(delivered)s, 20, 'USD', false, false, false, 'US',
                   %(name)s, %(email)s, '', md5(%(prefix)s || n::text), %(now)s, %(now)s
              FROM generate_series(1, %(count)s) AS n
            """,
            {
                "account": account.pk,
                "marketplace": marketplace("US").pk,
                "prefix": prefix,
                "delivered": now - timedelta(days=8),
                "name": encrypt_text("Test Buyer"),
                "email": encrypt_text("test-buyer@marketplace.amazon.example"),
                "count": count,
                "now": now,
            },
        )


def reltuples():
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'messaging_feedbackrequest'::regclass")
        return cursor.fetchone()[0]


def claim_plan(account, live):
    now = timezone.now()
    params = {
        "token": uuid.uuid4(),
        "lease": now + CLAIM_LEASE,
        "now": now,
        "account": account.pk,
        "limit": 100,
        "live": live,
    }
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {CLAIM_SQL}", params)  # planned, not run
        return json.dumps(cursor.fetchone()[0])


def test_a_big_first_plan_analyses_the_requests_before_it_commits(account):
    CampaignFactory(account=account)
    orders_create(account, ORDERS)
    before = reltuples()
    assert requests_plan(account=account).scheduled == ORDERS
    # Nothing has committed (the test's transaction): only the plan's own ANALYZE can count them.
    assert reltuples() == FeedbackRequest.objects.count() != before


def test_a_small_plan_leaves_the_statistics_to_autovacuum(account):
    CampaignFactory(account=account)
    orders_create(account, ANALYZE_MIN_ROWS - 1)
    before = reltuples()
    requests_plan(account=account)
    assert reltuples() == before


def test_the_claim_reads_the_due_index_in_order_without_a_sort(account):
    first = CampaignFactory(account=account, priority=1)
    CampaignFactory(account=account, priority=2, state=CampaignState.PAUSED)
    orders_create(account, ORDERS)
    requests_plan(account=account)
    plan = claim_plan(account, [first.pk])
    assert '"Index Name": "feedback_request_due"' in plan
    assert '"Node Type": "Sort"' not in plan


def test_the_claim_takes_the_first_due_rows_of_live_campaigns_only(account):
    now = timezone.now()
    first = CampaignFactory(account=account, priority=1)
    paused = CampaignFactory(account=account, priority=5)
    orders_create(account, 60)
    requests_plan(account=account, now=now)
    # Rows of a campaign paused since it was planned, ahead of every other in the queue.
    ahead = FeedbackRequest.objects.filter(campaign=first).order_by("-id").values_list("id", flat=True)[:5]
    FeedbackRequest.objects.filter(pk__in=list(ahead)).update(
        campaign=paused, priority=0, scheduled_for=now - timedelta(days=30)
    )
    Campaign.objects.filter(pk=paused.pk).update(state=CampaignState.PAUSED)
    expected = list(
        FeedbackRequest.objects.filter(campaign=first, status=RequestStatus.SCHEDULED)
        .order_by("priority", "scheduled_for", "id")
        .values_list("id", flat=True)[:10]
    )
    claimed = rows_claim(account, now=now + timedelta(days=30), limit=10, token=uuid.uuid4())
    assert [row.pk for row in claimed] == expected
    assert {row.status for row in FeedbackRequest.objects.filter(campaign=paused)} == {RequestStatus.SCHEDULED}


def test_no_live_campaign_claims_nothing(account):
    campaign = CampaignFactory(account=account)
    orders_create(account, 5)
    requests_plan(account=account)
    campaign.state = CampaignState.PAUSED
    campaign.save(update_fields=["state"])
    assert rows_claim(account, now=timezone.now() + timedelta(days=30), limit=10, token=uuid.uuid4()) == []
    assert FeedbackRequest.objects.filter(account=account, status=RequestStatus.SCHEDULED).count() == 5
