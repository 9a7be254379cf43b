"""Demo campaigns with two months of send history, so the campaign pages,
the A/B results and the outbox show real numbers in `make run`."""

import hashlib
import random
from datetime import timedelta

from django.db import transaction

from messaging.models import (
    Campaign,
    CampaignState,
    CampaignVariant,
    Channel,
    FeedbackRequest,
    RequestStatus,
    SendingSettings,
)
from messaging.planning import requests_plan
from messaging.services import message_template_save
from orders.models import Order, OrderStatus

from .models import Feedback

SHORT_REQUEST_SUBJECT = "How was your order {{ order_id }}?"
SHORT_REQUEST_BODY = (
    "Hello {{ buyer_first_name }},\n\n"
    "your order {{ order_id }} ({{ product_titles }}) should have arrived on {{ delivery_date }}.\n"
    "Would you share your experience with other buyers? It takes a minute: {{ feedback_page_url }}\n\n"
    "If anything is not right, reply to this message and we will fix it.\n\n"
    "{{ store_name }}"
)
HISTORY_DAYS = 60
# Extra feedback for variant B's sends: the demo's A/B test has something to find.
VARIANT_B_EXTRA_FEEDBACK = 0.035


def _variant_of(order, weights):
    digest = int(hashlib.sha256(order.amazon_order_id.encode()).hexdigest(), 16) % sum(weights)
    return 0 if digest < weights[0] else 1


# A comment that reads like its stars (a 3-star "as described" would not).
EXTRA_FEEDBACK_COMMENTS = {
    5: "Arrived quickly, as described.",
    4: "Good bottle, arrived a day late.",
    3: "Does the job, but the lid is stiff.",
}


@transaction.atomic
def demo_campaigns_seed(*, account, now):
    """Idempotent: does nothing when the account already has campaigns."""
    if Campaign.objects.for_account(account).exists():
        return
    SendingSettings.objects.update_or_create(
        account=account, defaults={"from_email": "service@outdoor-goods.example", "test_email": "owner@demo.example"}
    )
    english = account.message_templates.get(name="Feedback request", language="en")
    german = account.message_templates.get(name="Feedback request", language="de")
    short = message_template_save(
        account=account,
        user=None,
        name="Short feedback request",
        kind="feedback_request",
        language="en",
        subject=SHORT_REQUEST_SUBJECT,
        body=SHORT_REQUEST_BODY,
        marketplaces=[],
    )
    marketplaces = {marketplace.code: marketplace for marketplace in account.marketplaces.all()}

    email = Campaign.objects.create(
        account=account,
        name="Thank-you email, 5 days after delivery",
        channel=Channel.EMAIL,
        state=CampaignState.LIVE,
        priority=2,
        trigger_days=5,
        send_start_hour=9,
        send_end_hour=18,
    )
    email.marketplaces.set([marketplaces[code] for code in ("US", "CA", "UK") if code in marketplaces])
    variants = [
        CampaignVariant.objects.create(campaign=email, label="A", template=english, weight=50),
        CampaignVariant.objects.create(campaign=email, label="B", template=short, weight=50),
    ]
    german_campaign = Campaign.objects.create(
        account=account,
        name="Feedback-Anfrage DE",
        channel=Channel.EMAIL,
        state=CampaignState.LIVE,
        priority=3,
        trigger_days=7,
        send_weekdays=[1, 2, 3, 4, 5],
        send_start_hour=10,
        send_end_hour=17,
        exclude_late_shipped=True,
    )
    german_campaign.marketplaces.set([marketplaces["DE"]] if "DE" in marketplaces else [])
    CampaignVariant.objects.create(campaign=german_campaign, label="A", template=german, weight=100)
    amazon = Campaign.objects.create(
        account=account,
        name="Request a Review, FBA",
        channel=Channel.AMAZON,
        state=CampaignState.DRAFT,
        priority=1,
        fulfillment="AFN",
        trigger_days=7,
    )
    amazon.marketplaces.set(marketplaces.values())

    _history(email, variants, now=now)
    requests_plan(account=account, now=now)


def _history(campaign, variants, *, now):
    """Requests the email campaign 'sent' over the last two months."""
    rng = random.Random(4)
    orders = (
        Order.objects.filter(
            account=campaign.account,
            marketplace__in=campaign.marketplaces.all(),
            status=OrderStatus.SHIPPED,
            delivered_at__gte=now - timedelta(days=HISTORY_DAYS),
            delivered_at__lt=now - timedelta(days=campaign.trigger_days + 1),
        )
        .select_related("feedback")
        .order_by("id")
    )
    requests, extra_feedback = [], []
    for order in orders:
        sent_at = order.delivered_at + timedelta(days=campaign.trigger_days, hours=rng.uniform(0, 8))
        feedback = getattr(order, "feedback", None)
        variant = variants[_variant_of(order, [v.weight for v in variants])]
        row = FeedbackRequest(
            account=campaign.account,
            order=order,
            campaign=campaign,
            variant=variant,
            channel=campaign.channel,
            priority=campaign.priority,
            scheduled_for=sent_at,
            attempts=1,
        )
        if feedback is not None and feedback.feedback_date <= sent_at.date():
            row.status, row.reason = RequestStatus.SKIPPED, "Buyer already left feedback"
        elif order.returned_at or order.refunded_at:
            row.status, row.reason = RequestStatus.SKIPPED, "Refunded or returned"
        else:
            row.status, row.sent_at = RequestStatus.SENT, sent_at
            row.provider_id = f"<demo-{order.pk}@feedbackhub.invalid>"
            if feedback is None and variant.label == "B" and rng.random() < VARIANT_B_EXTRA_FEEDBACK:
                feedback_at = sent_at + timedelta(days=rng.uniform(0.5, 6))
                if feedback_at < now:
                    rating = rng.choice([5, 5, 5, 4, 4, 3])
                    extra_feedback.append(
                        Feedback(
                            account=order.account,
                            marketplace_id=order.marketplace_id,
                            order=order,
                            amazon_order_id=order.amazon_order_id,
                            rating=rating,
                            comment=EXTRA_FEEDBACK_COMMENTS[rating],
                            feedback_date=feedback_at.date(),
                        )
                    )
        requests.append(row)
    FeedbackRequest.objects.bulk_create(requests, batch_size=2000)
    Feedback.objects.bulk_create(extra_feedback, batch_size=2000)
