"""The owner opens the dashboard: the cards, a drawn chart, and the marketplace and channel filters."""

import pytest
from playwright.sync_api import Page, expect

from .test_roles_in_browser import log_in

pytestmark = pytest.mark.browser


def test_owner_reads_the_dashboard_and_filters_it(page: Page, live_server, demo):
    log_in(page, live_server, "owner")
    page.get_by_test_id("main-nav").get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    for card in ("odr", "negative-rate", "positive-share", "feedback-rate"):
        expect(page.get_by_test_id(card)).to_contain_text("%")
    expect(page.get_by_test_id("odr-headroom")).to_be_visible()
    drawn = page.evaluate("() => { const c = Chart.getChart('dashboard-chart'); return c && c.data.labels.length; }")
    assert drawn == 90
    assert page.evaluate("() => document.getElementById('dashboard-chart').width") > 0

    page.get_by_label("Marketplace").select_option("DE")
    expect(page).to_have_url(f"{live_server.url}/dashboard/?marketplace=DE&channel=&period=90")
    rows = page.get_by_test_id("per-marketplace").locator("tbody tr")
    expect(rows.first).to_contain_text("DE")
    assert all(row.startswith("DE") for row in rows.all_inner_texts())

    page.get_by_label("Fulfilment").select_option("MFN")
    expect(page).to_have_url(f"{live_server.url}/dashboard/?marketplace=DE&channel=MFN&period=90")
    assert all("FBM" in row for row in page.get_by_test_id("per-marketplace").locator("tbody tr").all_inner_texts())
    page.get_by_label("Chart period").select_option("365")
    expect(page).to_have_url(f"{live_server.url}/dashboard/?marketplace=DE&channel=MFN&period=365")
    assert page.evaluate("() => Chart.getChart('dashboard-chart').data.labels.length") == 365
