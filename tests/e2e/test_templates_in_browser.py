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
    expect(findings).to_contain_text("positive_only")
    expect(findings).to_contain_text("incentive")
    expect(page.get_by_test_id("template-preview").locator("mark").first).to_be_visible()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Saved as a draft")

    page.context.clear_cookies()
    log_in(page, live_server, "va")
    response = page.goto(f"{live_server.url}/messaging/templates/")
    assert response.status == 403
    page.goto(f"{live_server.url}/messaging/reply-templates/")
    expect(page.get_by_test_id("reply-template").first).to_contain_text("{{ order_id }}")
