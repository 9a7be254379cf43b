"""The template editor checks Amazon's rules as the admin types."""

import pytest
from playwright.sync_api import Page, expect

from .test_roles_in_browser import log_in

pytestmark = pytest.mark.browser


def test_findings_update_as_you_type_and_a_va_cannot_edit(page: Page, live_server, demo):
    log_in(page, live_server, "admin")
    page.get_by_test_id("main-nav").get_by_role("link", name="Templates", exact=True).click()
    page.get_by_test_id("template-table").get_by_role("link", name="Feedback request").first.click()
    expect(page.get_by_test_id("no-findings")).to_be_visible()
    body = page.locator("#id_body")
    body.press("End")
    body.press_sequentially(" Leave 5 stars for a 10% discount!")
    findings = page.get_by_test_id("findings")
    expect(findings).to_contain_text("Positive feedback only")
    expect(findings).to_contain_text("Incentive")
    expect(page.get_by_test_id("template-preview").locator("mark").first).to_be_visible()
    page.get_by_role("button", name="Save").click()
    # The demo's live German campaign sends this template: the save says what it now holds back,
    # and so does the page.
    expect(page.get_by_role("alert")).to_contain_text("breaks Amazon's rules: it holds")
    expect(page.get_by_test_id("held-sends")).to_contain_text("Sends held")
    page.get_by_test_id("main-nav").get_by_role("link", name="Campaigns", exact=True).click()
    expect(page.get_by_test_id("held-badge")).to_be_visible()

    # What the save refuses shows live, not "No findings" — on a new template too, before it has a name.
    page.get_by_test_id("main-nav").get_by_role("link", name="Templates", exact=True).click()
    page.get_by_role("link", name="New template").click()
    expect(page.get_by_test_id("no-text")).to_be_visible()
    page.locator("#id_body").press_sequentially("Hello {{ buyer_last_name }}, order {{ order_id }}.")
    expect(page.get_by_test_id("save-problems")).to_contain_text("Unknown placeholder")
    expect(page.get_by_test_id("no-findings")).to_have_count(0)

    page.context.clear_cookies()
    log_in(page, live_server, "va")
    response = page.goto(f"{live_server.url}/messaging/templates/")
    assert response.status == 403
    page.goto(f"{live_server.url}/messaging/reply-templates/")
    expect(page.get_by_test_id("reply-template").first).to_contain_text("{{ order_id }}")
