"""Each role logs in through the real login form and works with the demo data."""

import re

import pytest
from playwright.sync_api import Page, expect

from feedback.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

MAIN_ACCOUNT = "Demo Outdoor Goods"
SECOND_ACCOUNT = "Demo Kitchen Supplies"
ORDER_ID = re.compile(r"^\d{3}-\d{7}-\d{7}$")
ORDER_COUNT = re.compile(r"^([\d,]+) orders?$")
FULL_NAV = ["Dashboard", "Orders", "Feedback", "Queue", "Messages", "Campaigns", "Templates", "Settings"]
VA_NAV = ["Orders", "Queue", "Messages"]


def log_in(page: Page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("main-nav")).to_be_visible()


def open_orders(page: Page):
    page.get_by_test_id("main-nav").get_by_role("link", name="Orders", exact=True).click()
    expect(page).to_have_url(re.compile(r"/orders/$"))
    expect(page.get_by_role("heading", name="Orders", exact=True)).to_be_visible()
    # The heading shows before htmx binds the filters (at DOMContentLoaded): a filter changed
    # earlier is lost (seen once under load).
    page.wait_for_load_state("load")


def order_rows(page: Page):
    return page.get_by_test_id("order-table").locator("tbody tr")


def order_count(page: Page):
    """The number in the order-count line ("1,234 orders"), once it reads as one."""
    count = page.get_by_test_id("order-count")
    expect(count).to_have_text(ORDER_COUNT)
    return int(ORDER_COUNT.match(count.inner_text().strip()).group(1).replace(",", ""))


def switch_account(page: Page, name):
    switcher = page.get_by_test_id("account-switcher")
    switcher.click()
    page.locator(".dropdown-menu.show").get_by_role("button", name=name).click()
    expect(switcher).to_contain_text(name)


@pytest.mark.parametrize(
    ("username", "expected_nav"),
    [("owner", FULL_NAV), ("admin", FULL_NAV), ("va", VA_NAV)],
    ids=["owner", "admin", "va"],
)
def test_role_sees_its_nav_orders_and_an_order(page: Page, live_server, demo, username, expected_nav, request):
    log_in(page, live_server, username)
    expect(page.get_by_test_id("main-nav").get_by_role("link")).to_have_text(expected_nav)

    open_orders(page)
    rows = order_rows(page)
    first_id = rows.first.get_by_role("link")
    expect(first_id).to_have_text(ORDER_ID)
    assert order_count(page) > 0
    if username == "owner":
        screenshots = request.config.rootpath / "test-results"
        screenshots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=screenshots / "orders-owner.png", full_page=True)

    order_id = first_id.inner_text().strip()
    first_id.click()
    expect(page.get_by_role("heading", name=order_id)).to_be_visible()
    expect(page.get_by_role("heading", name="Items", exact=True)).to_be_visible()
    items = page.get_by_test_id("order-items").locator("tbody tr")
    expect(items.first.locator("td").first).to_have_text(re.compile(r"^[A-Z0-9-]+$"))  # a SKU, not "No items."
    assert items.count() >= 1


def test_owner_switches_account_and_sees_its_orders(page: Page, live_server, demo):
    log_in(page, live_server, "owner")
    # With no choice made yet, the owner lands on the account joined first.
    expect(page.get_by_test_id("account-switcher")).to_contain_text(MAIN_ACCOUNT)
    open_orders(page)
    main_count = order_count(page)
    assert main_count == demo.orders

    switch_account(page, SECOND_ACCOUNT)
    expect(page.get_by_role("alert")).to_contain_text(f"Now working on {SECOND_ACCOUNT}.")
    open_orders(page)
    expect(page.get_by_test_id("order-count")).not_to_have_text(f"{main_count:,} orders")
    second_count = order_count(page)
    assert 0 < second_count != main_count
    expect(order_rows(page).first.get_by_role("link")).to_have_text(ORDER_ID)
    # The kitchen account sells on amazon.co.uk only.
    expect(order_rows(page).locator("td:nth-child(3)")).to_have_text(["UK"] * min(second_count, 50))


def test_search_by_order_id_narrows_the_list(page: Page, live_server, demo):
    log_in(page, live_server, "admin")
    open_orders(page)
    assert order_count(page) > 1
    wanted = order_rows(page).nth(3).get_by_role("link").inner_text().strip()

    page.locator("#id_q").press_sequentially(wanted)
    # htmx swaps #order-table in place once typing pauses.
    expect(page.get_by_test_id("order-count")).to_have_text("1 order")
    expect(order_rows(page)).to_have_count(1)
    expect(order_rows(page).first.get_by_role("link")).to_have_text(wanted)
    expect(page).to_have_url(re.compile(r"[?&]q=" + re.escape(wanted)))
    expect(page.locator("h1")).to_have_count(1)  # the partial replaced the table, not the page
