from datetime import timedelta

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from feedback.demo import DEMO_USERS, demo_seed
from feedback.demo_imports import DEMO_IMPORT_ORDERS
from feedback.models import Feedback
from feedbackhub.tenancy.models import Membership
from messaging.models import Campaign, FeedbackRequest
from messaging.preview import campaign_preview
from orders.models import Claim, ImportStatus, Order, OrderItem


@pytest.mark.django_db
def test_demo_data_has_a_realistic_shape():
    result = demo_seed(order_count=4000)
    account = result.account
    orders = Order.objects.for_account(account)
    shape = orders.aggregate(
        total=Count("id"),
        fba=Count("id", filter=Q(fulfillment_channel="AFN")),
        canceled=Count("id", filter=Q(status="Canceled")),
        returned=Count("id", filter=Q(returned_at__isnull=False)),
        delivered=Count("id", filter=Q(delivered_at__isnull=False)),
        purged=Count("id", filter=Q(pii_purged_at__isnull=False)),
    )
    assert shape["total"] == 4000 + DEMO_IMPORT_ORDERS
    assert 0.55 < shape["fba"] / 4000 < 0.75
    assert shape["canceled"] > 50 and shape["returned"] > 20 and shape["delivered"] > 3000
    assert shape["purged"] > 2000  # delivered over 30 days ago: buyer data already removed
    assert set(orders.values_list("marketplace__code", flat=True)) == {"US", "CA", "UK", "DE"}
    assert orders.filter(purchase_date__lt=timezone.now() - timedelta(days=181)).count() == 0
    assert OrderItem.objects.filter(order__account=account).values("sku").distinct().count() >= 5

    feedback = Feedback.objects.for_account(account)
    assert 0.04 < feedback.count() / 4000 < 0.08
    negative_share = feedback.filter(rating__lte=2).count() / feedback.count()
    assert 0.02 < negative_share < 0.10
    assert feedback.filter(rating=5).count() / feedback.count() > 0.7
    assert feedback.filter(marketplace__code="DE", comment__regex=r"[äöüß]|Lieferung|Verkäufer").exists()
    assert Claim.objects.for_account(account).filter(kind="atoz").exists()
    assert Claim.objects.for_account(account).filter(kind="chargeback").exists()

    roles = dict(Membership.objects.filter(account=account).values_list("user__username", "role"))
    assert roles == {username: role for username, role in DEMO_USERS}


@pytest.mark.django_db
def test_demo_seed_is_idempotent():
    demo_seed(order_count=200)
    counts = (Order.objects.count(), Feedback.objects.count(), Claim.objects.count(), Membership.objects.count())
    again = demo_seed(order_count=200)
    assert not again.created
    assert (
        Order.objects.count(),
        Feedback.objects.count(),
        Claim.objects.count(),
        Membership.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_demo_campaigns_have_history_and_a_live_schedule():
    from messaging.models import Campaign, FeedbackRequest, MessageTemplate
    from messaging.selectors import campaign_results

    account = demo_seed(order_count=4000).account
    email = Campaign.objects.get(account=account, name="Thank-you email, 5 days after delivery")
    assert email.state == "live"
    assert not MessageTemplate.objects.get(account=account, name="Short feedback request").compliance_blocked
    results = campaign_results(campaign=email)
    a, b = results.variants
    assert a.sent > 200 and b.sent > 200 and a.feedback > 0 and b.feedback > 0
    assert FeedbackRequest.objects.filter(account=account, status="scheduled").exists()
    demo_seed(order_count=4000)  # idempotent
    assert Campaign.objects.filter(account=account).count() == 3


@pytest.mark.django_db
def test_demo_cases_show_every_state_with_timelines():
    """make run's queue: every case state once at least, each with its timeline (the default 20,000 orders)."""
    from feedback.models import CaseState, ResolutionCase

    account = demo_seed().account
    cases = ResolutionCase.objects.for_account(account)
    assert set(cases.values_list("state", flat=True)) == set(CaseState.values)
    assert not cases.filter(events__isnull=True).exists()
    assert cases.filter(state=CaseState.REMOVAL_REQUESTED_BUYER, messages__kind="removal_request").exists()
    assert demo_seed().account.cases.count() == cases.count()  # a second run adds nothing


@pytest.mark.django_db
def test_demo_orders_come_through_every_order_report_and_read_consistently():
    account = demo_seed(order_count=300).account
    jobs = {job.report_type: job for job in account.import_jobs.all()}
    assert set(jobs) == {"all_orders", "fba_shipments", "fbm_order_report"}
    assert all(job.status == ImportStatus.SUCCEEDED and not job.rejected for job in jobs.values())
    uploaded = Order.objects.for_account(account).filter(amazon_order_id__startswith="113-8")
    assert uploaded.count() == DEMO_IMPORT_ORDERS
    # FBM orders got the relay address from the order report; some FBA orders are still on the estimate.
    assert all(o.buyer_email.endswith("@marketplace.amazon.com") for o in uploaded.filter(fulfillment_channel="MFN"))
    on_estimate = uploaded.filter(fulfillment_channel="AFN", latest_delivery_date__isnull=True)
    assert on_estimate.exists() and uploaded.filter(fulfillment_channel="AFN", shipped_at__isnull=False).exists()
    # The demo's Request a Review campaign (a draft: the demo has no Amazon connection) would plan
    # them on the estimate; the email campaign schedules the FBM orders the report gave addresses.
    amazon = Campaign.objects.get(account=account, channel="amazon")
    assert campaign_preview(campaign=amazon).estimated > 0
    fbm = uploaded.filter(fulfillment_channel="MFN")
    assert FeedbackRequest.objects.filter(order__in=fbm, channel="email", status="scheduled").exists()
    # Consistent: no shipped item under an order that has not shipped; no 3-star "as described".
    assert (
        not OrderItem.objects.filter(order__account=account, item_status="Shipped")
        .exclude(order__status="Shipped")
        .exists()
    )
    assert not Feedback.objects.for_account(account).filter(rating__lte=3, comment__icontains="as described").exists()


@pytest.mark.django_db
def test_the_demo_inbox_shows_reply_times_of_the_demo_va():
    from django.utils import timezone

    from messaging.metrics import buyer_reply_times

    account = demo_seed(order_count=300).account
    workers = [worker.name for worker in buyer_reply_times(account=account, now=timezone.now()).by_worker]
    assert workers == ["va"]
