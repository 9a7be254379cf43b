"""The VA works the most urgent case from first contact to the removal
request; the owner then reads the timeline and the outcome."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from feedback.models import ResolutionCase
from feedback.services import cases_open
from feedbackhub.rules import local_day
from tests.factories import FeedbackFactory, OrderFactory

from .test_roles_in_browser import log_in

pytestmark = pytest.mark.browser


def test_va_resolves_the_most_urgent_case_and_the_owner_sees_it(page: Page, live_server, demo):
    account = demo.account
    today = local_day(timezone.now(), "America/Los_Angeles")
    order = OrderFactory(account=account, buyer_email="q7w8e9@marketplace.amazon.com", fulfillment_channel="MFN")
    FeedbackFactory(
        order=order, rating=1, comment="Nobody answered my messages.", feedback_date=today - timedelta(days=59)
    )
    cases_open(account=account)
    # Every other open case has at least a week left: this one is the most urgent.
    ResolutionCase.objects.filter(account=account).exclude(feedback__order=order).update(
        deadline=today + timedelta(days=7)
    )

    log_in(page, live_server, "va")
    page.get_by_test_id("main-nav").get_by_role("link", name="Queue", exact=True).click()
    first = page.get_by_test_id("case-row").first
    expect(first).to_contain_text(order.amazon_order_id)
    expect(first.get_by_test_id("days-left")).to_have_class("badge text-bg-danger")
    page.wait_for_load_state("load")  # the rows show before the shortcuts are bound (a "t" was lost once in CI)
    page.keyboard.press("t")  # take the selected (first) case
    expect(page.get_by_test_id("assignee")).to_have_text("va")

    expect(page.get_by_test_id("no-findings")).to_be_visible()
    # The checker follows the typing: a removal ask in a first contact is flagged, and refused on send.
    body = page.get_by_test_id("message-form").locator("textarea[name=body]")
    original = body.input_value()
    body.fill(original + "\n\nPlease remove your negative feedback.")
    expect(page.get_by_test_id("findings")).to_contain_text("Removal asked too early")
    page.get_by_test_id("send").click()
    expect(page.get_by_role("alert").first).to_contain_text("breaks Amazon's rules")
    assert mail.outbox == []
    page.get_by_test_id("send").click()
    expect(page.get_by_role("alert").first).to_contain_text("Sent to the buyer")
    expect(page.get_by_test_id("case-state")).to_have_text("Buyer contacted")
    assert [m.to for m in mail.outbox] == [["q7w8e9@marketplace.amazon.com"]]
    assert order.amazon_order_id in mail.outbox[0].body

    form = page.get_by_test_id("resolve-form")
    form.locator("select[name=resolution]").select_option("replacement")
    form.locator("input[name=note]").fill("Replacement shipped by express.")
    form.get_by_role("button", name="Resolved").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Resolved with buyer")

    expect(page.get_by_role("heading", name="Ask the buyer about the feedback")).to_be_visible()
    page.get_by_test_id("send").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Removal requested from buyer")
    assert len(mail.outbox) == 2 and "removing the feedback" in mail.outbox[1].body
    page.get_by_test_id("moves").get_by_role("button", name="The buyer removed it").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Removed by buyer")

    page.context.clear_cookies()
    log_in(page, live_server, "owner")
    case = ResolutionCase.objects.get(feedback__order=order)
    page.goto(f"{live_server.url}/feedback/queue/{case.pk}/")
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("Buyer contacted by email")
    expect(timeline).to_contain_text("Resolved: replacement")
    expect(timeline).to_contain_text("Removal request sent by email")
    expect(timeline).to_contain_text("Removed by buyer")
    page.goto(f"{live_server.url}/feedback/queue/outcomes/")
    expect(page.get_by_test_id("per-worker")).to_contain_text("va")
    assert int(page.get_by_test_id("removed").inner_text()) >= 1
