"""A live campaign whose template later breaks Amazon's rules: the dispatcher
holds its sends, and every page that concerns it says so (the campaign list,
the campaign page, the template page and list, the dashboard's "needs
attention"); and the template editor's live check gives the save's verdict."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedbackhub.tenancy.models import Role
from messaging.dispatch import dispatch_tick
from messaging.models import Channel, FeedbackRequest, MessageTemplate, RequestStatus
from messaging.planning import requests_plan
from messaging.selectors import held_sends

from ..factories import CampaignFactory, CampaignVariantFactory, MessageTemplateFactory, OrderItemFactory
from .planning_orders import delivered_order

pytestmark = pytest.mark.django_db

GOOD_BODY = MessageTemplateFactory.body
BAD_BODY = GOOD_BODY + "\n\nLeave us 5 stars and we will send you a gift card."


def template_form(template, body):
    return {
        "name": template.name,
        "kind": template.kind,
        "language": template.language,
        "subject": template.subject,
        "body": body,
    }


def live_campaign_with_scheduled_sends(account, count=3):
    now = timezone.now()
    for _ in range(count):
        order = delivered_order(account, delivered=now - timedelta(days=8))
        OrderItemFactory(order=order, title="Enamel camping mug")
    campaign = CampaignFactory(account=account, channel=Channel.EMAIL, name="After delivery")
    template = MessageTemplateFactory(account=account, name="Friendly request")
    CampaignVariantFactory(campaign=campaign, template=template)
    requests_plan(account=account)
    assert FeedbackRequest.objects.filter(status=RequestStatus.SCHEDULED).count() == count
    return campaign, template


def test_a_template_that_starts_breaking_the_rules_holds_its_live_campaign_and_every_page_says_so(account, client_for):
    campaign, template = live_campaign_with_scheduled_sends(account)
    client = client_for(account, Role.OWNER)
    assert held_sends(account=account) == []
    assert "holds" not in client.get(reverse("messaging:campaigns")).content.decode()

    saved = client.post(
        reverse("messaging:template_edit", args=[template.pk]), template_form(template, BAD_BODY), follow=True
    )
    page = saved.content.decode()
    assert "it holds 3 sends of live campaign “After delivery”" in page
    assert 'data-testid="held-sends"' in page  # the template page itself

    # The dispatcher holds them: nothing sent, still scheduled, still counted.
    assert dispatch_tick().sent == 0
    assert FeedbackRequest.objects.filter(status=RequestStatus.SCHEDULED).count() == 3
    [hold] = held_sends(account=account)
    assert (hold.campaign_name, hold.template_name, hold.held) == ("After delivery", "Friendly request (English)", 3)

    campaigns_page = client.get(reverse("messaging:campaigns")).content.decode()
    assert "holds 3 sends" in campaigns_page and 'data-testid="held-badge"' in campaigns_page
    detail = client.get(reverse("messaging:campaign_detail", args=[campaign.pk])).content.decode()
    assert "3 scheduled sends are held" in detail
    listing = client.get(reverse("messaging:templates")).content.decode()
    assert "holds 3 sends of live campaign" in listing
    dashboard = client.get(reverse("dashboard"), {"fresh": "1"}).content.decode()
    assert 'data-testid="attention-held"' in dashboard and "holds 3 sends" in dashboard

    # Fixed: the holds are gone everywhere, and the dispatcher sends them.
    client.post(reverse("messaging:template_edit", args=[template.pk]), template_form(template, GOOD_BODY))
    assert held_sends(account=account) == []
    assert "holds" not in client.get(reverse("messaging:campaigns")).content.decode()
    # (fresh=1: this test's transaction never commits, so the cached dashboard's generation cannot move)
    assert 'data-testid="attention-held"' not in client.get(reverse("dashboard"), {"fresh": "1"}).content.decode()
    assert dispatch_tick().sent == 3


def test_holds_are_per_account_and_per_live_campaign(account, other_account):
    _, template = live_campaign_with_scheduled_sends(account, count=2)
    MessageTemplate.objects.filter(pk=template.pk).update(compliance_blocked=True)
    paused = CampaignFactory(account=account, channel=Channel.EMAIL, state="paused")
    CampaignVariantFactory(campaign=paused, template=template)
    assert [hold.held for hold in held_sends(account=account)] == [2]
    assert held_sends(account=other_account) == []


@pytest.mark.parametrize(
    ("subject", "body", "problem"),
    [
        ("Order {{ order_id }}", "Hello {{ buyer_last_name }}, order {{ order_id }}.", "Unknown placeholder"),
        ("Order {{ order_id }}", "{% if buyer_first_name %}Hi{% endif %} order {{ order_id }}.", "Template tags"),
        ("Order {{ order_id }} " + "x" * 200, GOOD_BODY, "at most 200 characters"),
        ("Order {{ order_id }}", GOOD_BODY, None),
    ],
)
def test_the_live_check_gives_the_same_verdict_as_the_save(account, client_for, subject, body, problem):
    client = client_for(account, Role.ADMIN)
    fields = {"kind": "feedback_request", "language": "en", "subject": subject, "body": body}
    live = client.post(reverse("messaging:template_preview"), fields, headers={"HX-Request": "true"}).content.decode()
    saved = client.post(reverse("messaging:template_new"), {"name": "Mine", **fields})
    if problem is None:
        assert saved.status_code == 302
        assert 'data-testid="save-problems"' not in live and 'data-testid="no-findings"' in live
    else:
        assert saved.status_code == 200 and not MessageTemplate.objects.filter(name="Mine").exists()
        assert 'data-testid="save-problems"' in live and problem in live
        assert 'data-testid="no-findings"' not in live
