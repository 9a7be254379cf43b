"""Every page satisfies the Content-Security-Policy: no inline script or style,
nothing from another origin. Chromium reports each violation to the console
and as a securitypolicyviolation event; either fails the walk."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from feedback.services import cases_open
from tests.factories import FeedbackFactory, ImportJobFactory, OrderFactory

from .test_roles_in_browser import FULL_NAV, VA_NAV, log_in

pytestmark = pytest.mark.browser

# Pages beyond the nav: on each list page, the first link that matches.
DETAIL_PAGES = {
    "owner": [
        ("/orders/", r"^/orders/\d+/$"),
        ("/feedback/queue/", r"^/feedback/queue/\d+/$"),
        ("/messaging/templates/", r"^/messaging/templates/\d+/$"),
        ("/messaging/campaigns/", r"^/messaging/campaigns/\d+/$"),
        ("/messaging/inbox/", r"^/messaging/inbox/\d+/$"),
        ("/orders/imports/", r"^/orders/imports/\d+/$"),
    ],
    "va": [
        ("/orders/", r"^/orders/\d+/$"),
        ("/feedback/queue/", r"^/feedback/queue/\d+/$"),
        ("/messaging/inbox/", r"^/messaging/inbox/\d+/$"),
    ],
}
EXTRA_PAGES = {"owner": ["/orders/imports/", "/orders/imports/new/"], "va": []}
NAV = {"owner": FULL_NAV, "va": VA_NAV}
# Reported by Chromium as 'Refused to apply inline style because it violates
# the following Content Security Policy directive ...'.
CSP_MESSAGE = re.compile(r"Content Security Policy|Content-Security-Policy", re.IGNORECASE)

VIOLATION_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = event.sourceFile + ":" + event.lineNumber;
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " at " + where);
});
"""


@pytest.fixture
def violations(page: Page):
    """Every CSP violation reported while the test runs, with the page it happened on."""
    found = []
    page.add_init_script(VIOLATION_LISTENER)
    page.on("console", lambda message: CSP_MESSAGE.search(message.text) and found.append(f"{page.url}: {message.text}"))
    return found


def _collect_events(page: Page, violations):
    for event in page.evaluate("window.__cspViolations || []"):
        violations.append(f"{page.url}: {event}")


def _visit(page: Page, url, violations):
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    assert "default-src 'self'" in response.headers.get("content-security-policy", ""), f"{url} has no CSP"
    page.wait_for_load_state("networkidle")
    _collect_events(page, violations)


@pytest.mark.parametrize("username", ["owner", "va"])
def test_every_page_satisfies_the_content_security_policy(page: Page, live_server, demo, violations, username):
    ImportJobFactory(account=demo.account)
    order = OrderFactory(account=demo.account, fulfillment_channel="MFN")
    FeedbackFactory(order=order, rating=1, comment="Arrived broken, call me at 555-0100.", feedback_date=date.today())
    cases_open(account=demo.account)
    log_in(page, live_server, username)
    _collect_events(page, violations)

    nav_links = page.get_by_test_id("main-nav").get_by_role("link")
    expect(nav_links).to_have_text(NAV[username])
    nav_pages = {link.inner_text(): link.get_attribute("href") for link in nav_links.all()}
    for path in nav_pages.values():
        _visit(page, live_server.url + path, violations)

    detail_pages = []
    for list_path, detail_path in DETAIL_PAGES[username]:
        _visit(page, live_server.url + list_path, violations)
        hrefs = page.eval_on_selector_all(
            "a[href], [data-case-url]", "links => links.map(link => link.getAttribute('href') || link.dataset.caseUrl)"
        )
        found = next((href for href in hrefs if re.match(detail_path, href)), None)
        assert found, f"no link like {detail_path} on {list_path}"
        detail_pages.append(found)
    for path in detail_pages + EXTRA_PAGES[username]:
        _visit(page, live_server.url + path, violations)

    assert violations == []
