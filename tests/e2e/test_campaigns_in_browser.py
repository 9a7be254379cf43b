"""An admin builds a campaign, sees what it would do, takes it live, and
reads the results; the VA never reaches campaigns."""

import pytest
from playwright.sync_api import Page, expect

from messaging.models import Campaign, FeedbackRequest

from .test_roles_in_browser import log_in

pytestmark = pytest.mark.browser


def test_build_preview_go_live_and_read_results(page: Page, live_server, demo):
    log_in(page, live_server, "admin")
    page.get_by_test_id("main-nav").get_by_role("link", name="Campaigns", exact=True).click()
    expect(page.get_by_test_id("campaign-table")).to_contain_text("Thank-you email, 5 days after delivery")

    page.get_by_role("link", name="New campaign").click()
    page.locator("#id_name").fill("Big FBM orders, UK")
    page.locator("#id_channel").select_option("email")
    page.locator("#id_priority").fill("1")
    page.get_by_label("UK (amazon.co.uk)").check()
    page.locator("#id_fulfillment").select_option("MFN")
    page.locator("#id_variants-0-label").fill("A")
    page.locator("#id_variants-0-template").select_option(label="Short feedback request (English)")
    page.get_by_role("button", name="Save campaign").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Big FBM orders, UK")
    preview = page.get_by_test_id("preview")
    expect(preview).to_contain_text("would be scheduled")
    expect(page.get_by_test_id("preview-excluded")).to_contain_text("FBA/FBM condition not met")
    would = int(page.get_by_test_id("would-schedule").inner_text())

    page.get_by_role("button", name="Go live").click()
    expect(page.get_by_role("alert").first).to_contain_text("now live")
    campaign = Campaign.objects.get(name="Big FBM orders, UK")
    assert FeedbackRequest.objects.filter(campaign=campaign).count() == would

    page.get_by_role("link", name="← Campaigns").click()
    page.get_by_role("link", name="Thank-you email, 5 days after delivery").click()
    expect(page.get_by_test_id("results-table")).to_contain_text("Short feedback request")
    expect(page.get_by_test_id("campaign-chart")).to_be_visible()
    assert page.evaluate("() => Chart.getChart('campaign-chart').data.datasets[0].data.reduce((a, b) => a + b, 0)") > 0

    page.context.clear_cookies()
    log_in(page, live_server, "va")
    assert page.goto(f"{live_server.url}/messaging/campaigns/").status == 403
    page.goto(f"{live_server.url}/orders/")
    expect(page.get_by_test_id("main-nav")).to_contain_text("Orders")
    expect(page.get_by_test_id("main-nav")).not_to_contain_text("Campaigns")
