"""The Orders list filters through htmx (the table alone is swapped in and the
URL pushed); Back from an order comes back to the whole page, layout and all."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_roles_in_browser import log_in, open_orders, order_rows

pytestmark = pytest.mark.browser


def test_back_from_an_order_after_filtering_shows_the_whole_orders_page(page: Page, live_server, demo):
    log_in(page, live_server, "owner")
    open_orders(page)

    page.locator("#id_fulfillment_channel").select_option("MFN")
    expect(page).to_have_url(re.compile(r"fulfillment_channel=MFN"))
    filtered_url = page.url
    expect(order_rows(page).first).to_be_visible()

    order_rows(page).first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/orders/\d+/$"))

    page.go_back()
    expect(page).to_have_url(filtered_url)
    expect(page.get_by_test_id("main-nav")).to_be_visible()
    expect(page.get_by_role("heading", name="Orders", exact=True)).to_be_visible()
    expect(page.get_by_test_id("order-filters")).to_be_visible()
    expect(page.locator("#id_fulfillment_channel")).to_have_value("MFN")
    expect(page.locator("link[href$='app.css']")).to_have_count(1)

    # And the same address opened anew (a reload, a bookmark) is the whole page too.
    page.reload()
    expect(page.get_by_test_id("main-nav")).to_be_visible()
