"""SP-API orders sync: what is sent to Amazon, what lands in the database, and
how failures, throttling and page budgets are handled; the beat task that
queues the syncs. Amazon is faked at the HTTP level (respx); PostgreSQL, Redis
and the import path are real. The reports sync: test_sync_reports.py."""

import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from feedbackhub.tenancy.amazon import sync_lock
from feedbackhub.tenancy.models import ConnectionStatus
from feedbackhub.tenancy.selectors import amazon_connections_due
from orders import tasks
from orders.models import Order
from orders.sync import order_rows_from_order, orders_sync
from orders.sync import orders as orders_module
from tests.factories import AmazonConnectionFactory, OrderFactory
from tests.sp_api_fakes import (
    ACCESS_TOKEN,
    CA,
    EXAMPLE_BUYER,
    SEARCH_ORDERS_URL,
    US,
    errors,
    lwa_form,
    model_example,
    model_sandbox_request,
    order,
    order_item,
    orders_page,
    package,
    query,
    sent,
    throttled,
)

pytestmark = pytest.mark.usefixtures("media_in_tmp")

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
DATASETS = "BUYER,CANCELLATION,FULFILLMENT,PACKAGES,PROCEEDS"
SALES_CHANNELS = {
    US: "Amazon.com",
    "A1F83G8C2ARO7P": "Amazon.co.uk",
    "A1VC38T7YXB528": "Amazon.co.jp",
    "A2Q3Y263D00KWC": "Amazon.com.br",
}


@pytest.fixture
def upserted_rows(monkeypatch):
    """The OrderRow values the sync hands to the upsert (which stores them as before)."""
    recorded = []
    upsert = orders_module.order_rows_upsert

    def recording(*, rows, **kwargs):
        recorded.extend(rows)
        return upsert(rows=rows, **kwargs)

    monkeypatch.setattr(orders_module, "order_rows_upsert", recording)
    return recorded


# Orders


def test_order_rows_follow_amazons_example_order():
    rows = order_rows_from_order(
        order(
            status="PARTIALLY_SHIPPED",
            fulfilled_by="AMAZON",
            programs=("PRIME", "AMAZON_BUSINESS"),
            items=[order_item(quantity=2, unit_price="49.99", shipped=1), order_item(sku="FIRE-TV-4K-2021")],
        ),
        first_line_no=7,
        sales_channels={US: "Amazon.com"},
    )
    assert [row.line_no for row in rows] == [7, 8]
    first = rows[0]
    assert first.amazon_order_id == "123-4567890-1234567"
    assert first.merchant_order_id == "SELLER-123-4567890-1234567"
    assert (first.purchase_date, first.last_updated) == ("2026-11-01T10:30:00Z", "2026-11-02T14:45:00Z")
    assert (first.order_status, first.fulfillment_channel, first.sales_channel) == (
        "PartiallyShipped",
        "AFN",
        "Amazon.com",
    )
    assert (first.sku, first.quantity, first.item_price, first.currency) == ("ECHO-DOT-4-CHARCOAL", "2", "99.98", "USD")
    assert first.item_status == "PartiallyShipped"
    assert (first.is_prime, first.is_business_order, first.is_replacement_order) == ("true", "true", "false")
    assert first.latest_delivery_date == "2026-11-07T23:59:59Z"
    assert rows[1].sku == "FIRE-TV-4K-2021"


def test_order_rows_from_the_search_orders_example_in_amazons_model():
    [example] = model_example("orders_2026-01-01", "searchOrders")["orders"]
    echo, fire_tv = order_rows_from_order(example, first_line_no=1, sales_channels=SALES_CHANNELS)
    assert (echo.amazon_order_id, echo.merchant_order_id) == ("123-4567890-1234567", "SELLER-ORDER-2024-001")
    assert (echo.order_status, echo.fulfillment_channel, echo.is_replacement_order) == ("Shipped", "MFN", "true")
    # fulfillment.deliverByWindow.earliestDateTime / latestDateTime
    assert (echo.earliest_delivery_date, echo.latest_delivery_date) == ("2024-12-28T00:00:00Z", "2024-12-30T23:59:59Z")
    # packages[].shipTime; PackageStatus DELIVERED has no time in the model.
    assert (echo.shipped_at, echo.delivered_at) == ("2024-12-25T14:00:00Z", "")
    assert (echo.buyer_email, echo.buyer_name) == ("buyer-email@marketplace.amazon.com", "John Smith")
    # The example's first item has both cancellation blocks but shipped in full.
    assert (echo.item_status, fire_tv.item_status) == ("Shipped", "Shipped")
    assert (fire_tv.shipped_at, fire_tv.buyer_email) == (echo.shipped_at, echo.buyer_email)


@pytest.mark.parametrize(
    ("operation", "sandbox", "expected"),
    [
        # JP, fulfilled by Amazon: the sandbox sends a buyer block; an FBA order's is not read.
        ("searchOrders", 0, {"fulfillment_channel": "AFN", "buyer_email": "", "buyer_name": "", "shipped_at": ""}),
        # UK, seller-fulfilled, package in transit: shipped, not delivered.
        (
            "searchOrders",
            1,
            {
                "fulfillment_channel": "MFN",
                "buyer_email": "buyer-email@marketplace.amazon.co.uk",
                "buyer_name": "Sarah Thompson",
                "shipped_at": "2024-12-25T14:00:00Z",
                "delivered_at": "",
                "latest_delivery_date": "2024-12-28T23:59:59Z",
            },
        ),
        # BR, seller-fulfilled, unshipped: no PACKAGES asked for in that request.
        (
            "searchOrders",
            2,
            {
                "order_status": "Unshipped",
                "buyer_email": "buyer-email@marketplace.amazon.com.br",
                "buyer_name": "Carlos Oliveira",
                "shipped_at": "",
                "item_status": "Unshipped",
            },
        ),
    ],
)
def test_order_rows_from_the_sandbox_responses_in_amazons_model(operation, sandbox, expected):
    [sandbox_order] = model_example("orders_2026-01-01", operation, sandbox=sandbox)["orders"]
    rows = order_rows_from_order(sandbox_order, first_line_no=1, sales_channels=SALES_CHANNELS)
    assert rows
    for row in rows:
        assert {name: getattr(row, name) for name in expected} == expected


def test_get_order_sandbox_without_buyer_data_gives_no_buyer():
    # getOrder's third sandbox request asks for RECIPIENT, PROCEEDS, FULFILLMENT: no BUYER.
    assert "BUYER" not in model_sandbox_request("orders_2026-01-01", "getOrder", sandbox=2)["includedData"]
    sandbox_order = model_example("orders_2026-01-01", "getOrder", sandbox=2)["order"]
    [row] = order_rows_from_order(sandbox_order, first_line_no=1, sales_channels=SALES_CHANNELS)
    assert (row.fulfillment_channel, row.buyer_email, row.buyer_name) == ("MFN", "", "")


def test_shipped_at_is_when_the_last_package_left():
    items = [order_item(), order_item(sku="FIRE-TV-4K-2021")]
    packages = [
        package(items[:1], ship_time="2026-11-02T09:00:00Z"),
        package(items[1:], ship_time="2026-11-03T16:30:00Z", reference="PKG-2"),
        package(items[1:], status="CANCELLED", ship_time="2026-11-04T08:00:00Z", reference="PKG-3"),
    ]
    shipped = order(items=items, packages=packages)
    partly = order(items=items, packages=packages[:1], status="PARTIALLY_SHIPPED")

    assert {row.shipped_at for row in order_rows_from_order(shipped, first_line_no=1, sales_channels={})} == {
        "2026-11-03T16:30:00Z"
    }
    assert {row.shipped_at for row in order_rows_from_order(partly, first_line_no=1, sales_channels={})} == {""}


def test_orders_placed_outside_amazon_give_no_rows():
    outside = order()
    outside["salesChannel"] = {"channelName": "NON_AMAZON", "marketplaceId": US}
    assert order_rows_from_order(outside, first_line_no=1, sales_channels={US: "Amazon.com"}) == []


@pytest.mark.django_db
def test_two_pages_end_to_end(sp_api, connection):
    search = sp_api.router.get(SEARCH_ORDERS_URL).mock(
        side_effect=[
            orders_page(
                [order("112-0000001-0000001", fulfilled_by="AMAZON"), order("112-0000002-0000002")],
                next_token="2YgYW55IGNhcm5hbCBwbGVhc3VyZS4",
            ),
            orders_page(
                [order("702-0000003-0000003", marketplace_id=CA, marketplace_name="Amazon.ca", status="UNSHIPPED")],
                last_updated_before="2026-11-20T11:58:00Z",
            ),
        ]
    )

    result = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))

    assert result.complete and result.pages == 2 and result.created == 3 and not result.error
    first, second = (call.request for call in search.calls)
    # orders_2026-01-01.json, searchOrders: only parameters the model defines.
    assert sent(first) == (
        "GET",
        "/orders/2026-01-01/orders",
        {
            "marketplaceIds": f"{CA},{US}",
            "lastUpdatedAfter": "2026-10-21T12:00:00Z",  # first run: 30 days back
            "lastUpdatedBefore": "2026-11-20T11:58:00Z",  # at least two minutes before the request
            "maxResultsPerPage": "100",
            "includedData": DATASETS,
        },
        None,
    )
    assert query(second) == {**query(first), "paginationToken": "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4"}
    assert first.headers["x-amz-access-token"] == ACCESS_TOKEN
    token_request = lwa_form(sp_api.lwa.calls.last.request)
    assert token_request == {
        "grant_type": "refresh_token",
        "refresh_token": connection.refresh_token,
        "client_id": "amzn1.application-oa2-client.test",
        "client_secret": "test-client-secret",
    }

    orders = {o.amazon_order_id: o for o in Order.objects.filter(account=connection.account)}
    assert set(orders) == {"112-0000001-0000001", "112-0000002-0000002", "702-0000003-0000003"}
    fba = orders["112-0000001-0000001"]
    assert (fba.status, fba.fulfillment_channel, fba.marketplace_id) == ("Shipped", "AFN", US)
    assert fba.purchase_date == datetime(2026, 11, 1, 10, 30, tzinfo=UTC)
    assert fba.latest_delivery_date == datetime(2026, 11, 7, 23, 59, 59, tzinfo=UTC)
    assert (
        fba.is_prime and fba.order_total == Decimal("99.98") and fba.merchant_order_id == "SELLER-112-0000001-0000001"
    )
    item = fba.items.get()
    assert (item.sku, item.asin, item.quantity, item.item_price) == (
        "ECHO-DOT-4-CHARCOAL",
        "B08N5WRWNW",
        2,
        Decimal("99.98"),
    )
    canadian = orders["702-0000003-0000003"]
    assert (canadian.marketplace_id, canadian.status, canadian.fulfillment_channel) == (CA, "Unshipped", "MFN")

    connection.refresh_from_db()
    assert connection.orders_cursor == datetime(2026, 11, 20, 11, 58, tzinfo=UTC)
    assert connection.orders_page_token == "" and connection.orders_window_start is None
    assert connection.status == ConnectionStatus.OK and connection.last_sync_finished_at == NOW


@pytest.mark.django_db
def test_the_sync_asks_for_the_datasets_the_rows_read(sp_api, connection, upserted_rows, caplog):
    caplog.set_level(logging.DEBUG)
    sp_api.router.get(SEARCH_ORDERS_URL).mock(
        side_effect=[
            orders_page(
                [
                    order(
                        "112-0000001-0000001",
                        items=[order_item(cancelled=True), order_item(sku="FIRE-TV-4K-2021")],
                        packages=[package([order_item(sku="FIRE-TV-4K-2021")], ship_time="2026-11-02T16:00:00Z")],
                    ),
                    order("112-0000002-0000002", fulfilled_by="AMAZON"),
                ]
            )
        ]
    )

    result = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))

    assert result.complete and result.created == 2, result
    rows = {(row.amazon_order_id, row.sku): row for row in upserted_rows}
    cancelled = rows["112-0000001-0000001", "ECHO-DOT-4-CHARCOAL"]
    shipped = rows["112-0000001-0000001", "FIRE-TV-4K-2021"]
    fba = rows["112-0000002-0000002", "ECHO-DOT-4-CHARCOAL"]
    assert (cancelled.item_status, shipped.item_status) == ("Cancelled", "Shipped")  # CANCELLATION
    assert (shipped.earliest_delivery_date, shipped.latest_delivery_date) == (  # FULFILLMENT
        "2026-11-05T00:00:00Z",
        "2026-11-07T23:59:59Z",
    )
    assert (shipped.shipped_at, shipped.delivered_at) == ("2026-11-02T16:00:00Z", "")  # PACKAGES
    assert (shipped.buyer_email, shipped.buyer_name) == (EXAMPLE_BUYER["buyerEmail"], EXAMPLE_BUYER["buyerName"])
    assert (fba.buyer_email, fba.buyer_name, fba.shipped_at) == ("", "", "")  # FBA: no relay address
    # Buyer data is never logged, at any level.
    assert EXAMPLE_BUYER["buyerEmail"] not in caplog.text and EXAMPLE_BUYER["buyerName"] not in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["CANCELLATION", "BUYER", "PACKAGES"])
def test_a_dataset_left_out_of_the_request_is_missed(sp_api, connection, upserted_rows, monkeypatch, missing):
    """The fake answers only with the datasets asked for, as Amazon does: a
    dataset dropped from the request shows in the rows."""
    monkeypatch.setattr(
        orders_module, "INCLUDED_DATA", tuple(name for name in orders_module.INCLUDED_DATA if name != missing)
    )
    sp_api.router.get(SEARCH_ORDERS_URL).mock(
        side_effect=[orders_page([order("112-0000001-0000001", items=[order_item(cancelled=True)])])]
    )

    orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))

    [row] = upserted_rows
    seen = {
        "CANCELLATION": row.item_status == "Cancelled",
        "BUYER": bool(row.buyer_email),
        "PACKAGES": bool(row.shipped_at),
    }
    assert seen == {name: name != missing for name in seen}


@pytest.mark.django_db
def test_the_next_sync_starts_at_the_cursor_and_changes_nothing_twice(sp_api, connection):
    connection.orders_cursor = datetime(2026, 11, 20, 11, 0, tzinfo=UTC)
    connection.save()
    search = sp_api.router.get(SEARCH_ORDERS_URL).mock(
        side_effect=[orders_page([order("112-0000001-0000001")]), orders_page([order("112-0000001-0000001")])]
    )

    first = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))
    again = orders_sync(connection=connection, now=NOW + timedelta(minutes=15), api=sp_api.api(connection))

    assert query(search.calls[0].request)["lastUpdatedAfter"] == "2026-11-20T11:00:00Z"
    assert query(search.calls[1].request)["lastUpdatedAfter"] == "2026-11-20T11:58:00Z"
    assert (first.created, again.created, again.updated, again.unchanged) == (1, 0, 0, 1)
    assert Order.objects.filter(account=connection.account).count() == 1


@pytest.mark.django_db
def test_throttled_call_waits_as_amazon_says_then_succeeds(sp_api, connection):
    search = sp_api.router.get(SEARCH_ORDERS_URL).mock(
        side_effect=[throttled(retry_after=3), orders_page([order("112-0000001-0000001")])]
    )

    result = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))

    assert result.complete and result.created == 1
    assert search.call_count == 2
    assert sp_api.clock.sleeps == [3.0]  # the fake clock: no real sleeping
    assert Order.objects.filter(account=connection.account, amazon_order_id="112-0000001-0000001").exists()


@pytest.mark.django_db
def test_a_usage_plan_wait_too_long_pauses_the_sync_without_failing_it(sp_api, connection):
    # No Retry-After: the plan's own pace (1 / 0.0056 rps ≈ 3 minutes) is longer than a run waits.
    sp_api.router.get(SEARCH_ORDERS_URL).mock(side_effect=[throttled()])

    result = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection, max_wait=60))

    assert not result.complete and "searchOrders" in result.paused and not result.error
    assert sp_api.clock.sleeps == []
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.OK and connection.consecutive_failures == 0


@pytest.mark.django_db
def test_a_failing_sync_records_the_error_and_keeps_the_cursor(sp_api, connection):
    cursor = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
    connection.orders_cursor = cursor
    connection.save()
    sp_api.router.get(SEARCH_ORDERS_URL).respond(
        403, json=errors("Unauthorized", "Access to requested resource is denied.")
    )

    result = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))
    orders_sync(connection=connection, now=NOW + timedelta(minutes=15), api=sp_api.api(connection))

    assert "403" in result.error
    connection.refresh_from_db()
    assert connection.orders_cursor == cursor
    assert connection.status == ConnectionStatus.ERROR
    assert "Access to requested resource is denied" in connection.last_error
    assert connection.last_error_at == NOW + timedelta(minutes=15)
    assert connection.consecutive_failures == 2
    # 15 minutes after the first failure, 30 after the second.
    assert connection.next_attempt_at == NOW + timedelta(minutes=15) + timedelta(minutes=30)
    assert not Order.objects.filter(account=connection.account).exists()


@pytest.mark.django_db
def test_a_failure_after_a_committed_page_resumes_from_that_page(sp_api, connection):
    sp_api.router.get(SEARCH_ORDERS_URL).mock(
        side_effect=[
            orders_page([order("112-0000001-0000001")], next_token="page-2"),
            httpx.Response(500, json=errors("InternalFailure", "We encountered an internal error.")),
            *[httpx.Response(500, json=errors("InternalFailure", "We encountered an internal error."))] * 4,
        ]
    )

    failed = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))

    assert failed.error and failed.pages == 1
    connection.refresh_from_db()
    assert connection.orders_cursor is None  # the window did not finish
    assert connection.orders_page_token == "page-2"
    assert Order.objects.filter(account=connection.account, amazon_order_id="112-0000001-0000001").exists()

    retry = sp_api.router.get(SEARCH_ORDERS_URL).mock(side_effect=[orders_page([order("112-0000002-0000002")])])
    resumed = orders_sync(connection=connection, now=NOW + timedelta(hours=1), api=sp_api.api(connection))

    assert resumed.complete
    sent = query(retry.calls.last.request)
    # The same window as the first run, as Amazon requires with a token.
    assert (sent["paginationToken"], sent["lastUpdatedAfter"], sent["lastUpdatedBefore"]) == (
        "page-2",
        "2026-10-21T12:00:00Z",
        "2026-11-20T11:58:00Z",
    )
    connection.refresh_from_db()
    assert connection.orders_cursor == datetime(2026, 11, 20, 11, 58, tzinfo=UTC)
    assert connection.status == ConnectionStatus.OK and connection.consecutive_failures == 0


@pytest.mark.django_db
def test_a_refused_refresh_token_is_reported_plainly(sp_api, connection):
    sp_api.lwa.respond(
        400, json={"error": "invalid_grant", "error_description": "The request has an invalid grant parameter"}
    )

    result = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))

    assert "refused the refresh token" in result.error
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.ERROR and "invalid_grant" in connection.last_error


@pytest.mark.django_db
def test_a_run_stops_at_its_page_budget_and_the_next_one_continues(sp_api, connection):
    search = sp_api.router.get(SEARCH_ORDERS_URL).mock(
        side_effect=[
            orders_page([order("112-0000001-0000001")], next_token="page-2"),
            orders_page([order("112-0000002-0000002")]),
        ]
    )

    first = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection), max_pages=1)
    second = orders_sync(connection=connection, now=NOW + timedelta(minutes=15), api=sp_api.api(connection))

    assert not first.complete and "page budget" in first.paused
    assert second.complete and query(search.calls.last.request)["paginationToken"] == "page-2"
    assert Order.objects.filter(account=connection.account).count() == 2


@pytest.mark.django_db
def test_an_older_copy_from_amazon_does_not_overwrite_a_newer_order(sp_api, connection):
    OrderFactory(
        account=connection.account,
        amazon_order_id="112-0000001-0000001",
        status="Canceled",
        last_updated=datetime(2026, 11, 10, tzinfo=UTC),
    )
    sp_api.router.get(SEARCH_ORDERS_URL).mock(
        side_effect=[orders_page([order("112-0000001-0000001", updated="2026-11-02T14:45:00Z")])]
    )

    orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))

    assert Order.objects.get(amazon_order_id="112-0000001-0000001").status == "Canceled"


@pytest.mark.django_db
def test_one_orders_sync_per_seller_at_a_time(sp_api, connection):
    with sync_lock(f"orders:{connection.pk}", timeout=60):
        result = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))
    assert "another orders sync" in result.paused
    assert not sp_api.router.calls


@pytest.mark.django_db
def test_due_connections(account, other_account):
    healthy = AmazonConnectionFactory(account=account)
    waiting = AmazonConnectionFactory(
        account=other_account, status=ConnectionStatus.ERROR, next_attempt_at=NOW + timedelta(minutes=5)
    )
    assert list(amazon_connections_due(now=NOW)) == [healthy]
    assert list(amazon_connections_due(now=NOW + timedelta(minutes=5))) == [healthy, waiting]
    healthy.refresh_token = ""
    healthy.save()
    assert list(amazon_connections_due(now=NOW + timedelta(minutes=5))) == [waiting]


@pytest.mark.django_db
def test_the_beat_task_queues_one_sync_per_due_connection(connection, other_account, monkeypatch):
    AmazonConnectionFactory(account=other_account, status=ConnectionStatus.ERROR)  # failed, no retry planned
    queued = []
    monkeypatch.setattr(tasks.orders_sync_for, "delay", lambda **kwargs: queued.append(kwargs))

    tasks.orders_sync_due()

    assert queued == [{"connection_id": connection.pk}]


@pytest.mark.django_db
def test_the_sync_stores_the_fbm_relay_address_encrypted_and_the_ship_time(sp_api, connection):
    """End to end through the upsert: what the rows carry is stored (the FBM
    buyer's relay address encrypted, with its digest; the package's ship time)."""
    from django.db import connection as db

    sp_api.router.get(SEARCH_ORDERS_URL).mock(
        side_effect=orders_page(
            [order("112-0000001-0000001"), order("112-0000002-0000002", fulfilled_by="AMAZON")],
            last_updated_before="2026-11-20T11:58:00Z",
        )
    )

    assert not orders_sync(connection=connection, now=NOW, api=sp_api.api(connection)).error

    fbm = Order.objects.get(amazon_order_id="112-0000001-0000001")
    fba = Order.objects.get(amazon_order_id="112-0000002-0000002")
    assert fbm.buyer_email == EXAMPLE_BUYER["buyerEmail"] and fbm.buyer_key and fbm.shipped_at is not None
    assert fba.buyer_email == "" and fba.shipped_at is None  # Amazon gives FBA orders no address (nor packages)
    with db.cursor() as cursor:
        cursor.execute("SELECT buyer_email FROM orders_order WHERE id = %s", [fbm.pk])
        stored = cursor.fetchone()[0]
    assert stored and EXAMPLE_BUYER["buyerEmail"] not in stored
