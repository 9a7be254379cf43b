"""Values the database cannot hold are rejected row by row, naming line,
column, value and reason, in every importer and the SP-API sync; the rest of
the file imports and the account's pages keep working (issue 15, items 3, 6
and 8)."""

import json
import logging
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from feedback.models import AccountHealthSnapshot, Feedback
from orders.models import Claim, ImportStatus, Order
from orders.sync import orders_sync
from tests.factories import AmazonConnectionFactory
from tests.orders.reports import (
    ALL_ORDERS_COLUMNS,
    CLAIMS_HEADER,
    FBA_SHIPMENTS_COLUMNS,
    FBM_ORDER_REPORT_COLUMNS,
    all_orders_file,
    all_orders_row,
    fba_shipment_row,
    fbm_order_row,
    feedback_file,
    health_document,
    report_file,
)
from tests.orders.test_imports import snapshot
from tests.sp_api_fakes import SEARCH_ORDERS_URL, order, orders_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]

# Year 10000 in UTC, and 1 BC in UTC: the probe's dates.
YEAR_10000 = "9999-12-31T23:59:59-12:00"
YEAR_1_BC = "0001-01-01T00:00:00+14:00"
RANGE_REASON = "outside the dates an import accepts (2000-01-01 to 365 days from now)"


def found(job):
    return [(r.line_no, r.column, r.value) for r in job.rejections.order_by("line_no")]


def reasons(job):
    return [r.reason for r in job.rejections.order_by("line_no")]


@pytest.fixture
def before(importer):
    importer(all_orders_file([all_orders_row(order_id="999-9999999-9999999")]))
    return snapshot()


def assert_pages_render(client_for, account):
    client = client_for(account)
    assert client.get(reverse("orders:list")).status_code == 200
    for order_ in Order.objects.filter(account=account):
        assert client.get(reverse("orders:detail", args=[order_.pk])).status_code == 200


@pytest.mark.parametrize("column", ["purchase-date", "last-updated-date"])
def test_all_orders_dates_outside_the_range_are_rejected_per_row(importer, account, client_for, column):
    field = {"purchase-date": "purchased", "last-updated-date": "updated"}[column]
    rows = [
        all_orders_row(order_id="112-0000001-0000001"),
        all_orders_row(order_id="112-0000002-0000002", **{field: YEAR_10000}),
        all_orders_row(order_id="112-0000003-0000003", **{field: YEAR_1_BC}),
        all_orders_row(order_id="112-0000004-0000004", **{field: "1999-12-31T23:59:59+00:00"}),
        all_orders_row(order_id="112-0000005-0000005", **{field: "2000-01-01T00:00:00+00:00"}),
    ]
    job = importer(all_orders_file(rows))
    assert job.status == ImportStatus.SUCCEEDED, job.error
    assert found(job) == [
        (3, column, YEAR_10000),
        (4, column, YEAR_1_BC),
        (5, column, "1999-12-31T23:59:59+00:00"),
    ]
    assert all(RANGE_REASON in reason for reason in reasons(job))
    stored = set(Order.objects.filter(account=account).values_list("amazon_order_id", flat=True))
    assert stored == {"112-0000001-0000001", "112-0000005-0000005"}
    assert_pages_render(client_for, account)


def test_fba_shipments_and_fbm_order_dates_outside_the_range_are_rejected(importer, account, client_for):
    fba = importer(
        report_file(
            FBA_SHIPMENTS_COLUMNS,
            [fba_shipment_row(), fba_shipment_row(order_id="112-0000002-0000002", shipped=YEAR_10000)],
        )
    )
    assert fba.status == ImportStatus.SUCCEEDED, fba.error
    assert found(fba) == [(3, "shipment-date", YEAR_10000)]
    fbm = importer(
        report_file(
            FBM_ORDER_REPORT_COLUMNS,
            [fbm_order_row(), fbm_order_row(order_id="113-0000003-0000003", purchased=YEAR_1_BC)],
        ),
        marketplace_code="US",
    )
    assert fbm.status == ImportStatus.SUCCEEDED, fbm.error
    assert found(fbm) == [(3, "purchase-date", YEAR_1_BC)]
    assert Order.objects.filter(account=account).count() == 2
    assert_pages_render(client_for, account)


def test_claim_dates_outside_the_range_are_rejected(importer):
    content = "\n".join(
        [
            CLAIMS_HEADER,
            "112-0000001-0000001,a-to-z,open,2026-11-03,,1.00,USD,",
            f"112-0000002-0000002,a-to-z,open,{YEAR_10000},,1.00,USD,",
            f"112-0000003-0000003,a-to-z,closed,2026-11-03,{YEAR_1_BC},1.00,USD,",
        ]
    )
    job = importer(content, name="claims.csv")
    assert job.status == ImportStatus.SUCCEEDED, job.error
    assert found(job) == [(3, "opened-date", YEAR_10000), (4, "closed-date", YEAR_1_BC)]
    assert reasons(job) == [RANGE_REASON, RANGE_REASON]
    assert Claim.objects.count() == 1


def test_feedback_dates_outside_the_range_are_rejected(importer):
    rows = [
        ("11/02/26", 1, "Late", "", "112-0000001-0000001"),
        ("12/31/99", 1, "1999", "", "112-0000002-0000002"),  # %y: 99 is 1999
        ("11/02/68", 1, "2068", "", "112-0000003-0000003"),  # %y: 68 is 2068
    ]
    job = importer(feedback_file(rows), marketplace_code="US")
    assert job.status == ImportStatus.SUCCEEDED, job.error
    assert found(job) == [(3, "Date", "12/31/99"), (4, "Date", "11/02/68")]
    assert reasons(job) == [RANGE_REASON, RANGE_REASON]
    assert Feedback.objects.count() == 1


def test_account_health_dates_outside_the_range_are_rejected(importer):
    document = health_document()
    sides = document["performanceMetrics"][0]["orderDefectRate"]
    sides["afn"]["reportingDateRange"]["reportingDateFrom"] = YEAR_1_BC
    job = importer(json.dumps(document), name="health.json")
    assert job.status == ImportStatus.SUCCEEDED, job.error
    column = "performanceMetrics[0].orderDefectRate.afn.reportingDateRange.reportingDateFrom"
    assert found(job) == [(0, column, json.dumps(YEAR_1_BC))]
    assert AccountHealthSnapshot.objects.get().fulfillment == "mfn"


NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def connection(account):
    return AmazonConnectionFactory(account=account, marketplaces=["US", "CA"])


def test_the_sync_leaves_out_an_order_dated_outside_the_range_and_logs_why(sp_api, connection, caplog):
    bad = order("112-0000002-0000002", created=YEAR_10000)
    bad["buyer"] = {"buyerName": "Zed Privacy", "buyerEmail": "zed-private@marketplace.amazon.com"}
    sp_api.router.get(SEARCH_ORDERS_URL).mock(
        side_effect=orders_page(
            [order("112-0000001-0000001"), bad, order("112-0000003-0000003", updated=YEAR_1_BC)],
            last_updated_before="2026-11-20T11:58:00Z",
        )
    )
    with caplog.at_level(logging.INFO):
        result = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))
    assert not result.error and result.created == 1 and result.rejected == 2
    assert list(Order.objects.values_list("amazon_order_id", flat=True)) == ["112-0000001-0000001"]
    assert "order 112-0000002-0000002 (row 2), purchase-date: outside the dates an import accepts" in caplog.text
    assert "Zed" not in caplog.text and "zed-private" not in caplog.text and YEAR_10000 not in caplog.text


def test_a_rejected_buyer_email_never_reaches_the_sync_log(sp_api, connection, caplog):
    bad = order("112-0000002-0000002")
    bad["buyer"] = {"buyerName": "Zed Privacy", "buyerEmail": "zed private@@example"}
    sp_api.router.get(SEARCH_ORDERS_URL).mock(
        side_effect=orders_page([bad], last_updated_before="2026-11-20T11:58:00Z")
    )
    with caplog.at_level(logging.INFO):
        result = orders_sync(connection=connection, now=NOW, api=sp_api.api(connection))
    assert result.rejected == 1
    assert "buyer-email: not an email address" in caplog.text
    assert "zed" not in caplog.text.lower()


# --- Values past a column's size (item 6) -------------------------------------

MONEY_REASON = "more than 9,999,999,999.99, the largest amount kept"


def test_values_too_big_for_their_column_are_rejected_per_row(importer, before, account, client_for):
    rows = [
        all_orders_row(order_id="112-0000001-0000001"),
        all_orders_row(order_id="112-0000002-0000002", price="9999999999.9999"),
        all_orders_row(order_id="112-0000003-0000003", merchant_order_id="M" * 65),
        all_orders_row(order_id="112-0000004-0000004", sku="S" * 65),
        all_orders_row(order_id="112-0000005-0000005", price="9999999999.99"),
        all_orders_row(order_id="112-0000006-0000006", merchant_order_id="M" * 64, sku="S" * 64),
    ]
    job = importer(all_orders_file(rows))
    assert job.status == ImportStatus.SUCCEEDED, job.error
    assert found(job) == [
        (3, "item-price", "9999999999.9999"),
        (4, "merchant-order-id", "M" * 65),
        (5, "sku", "S" * 65),
    ]
    assert MONEY_REASON in reasons(job)[0]
    assert "longer than 64 characters" in reasons(job)[1] and "longer than 64 characters" in reasons(job)[2]
    assert Order.objects.filter(account=account).count() == 4  # the old one, lines 2, 6 and 7
    assert_pages_render(client_for, account)


def test_items_adding_up_past_the_largest_order_total_reject_that_order(importer, account):
    rows = [
        all_orders_row(order_id="112-0000001-0000001"),
        all_orders_row(order_id="112-0000002-0000002", sku="A", price="6000000000.00"),
        all_orders_row(order_id="112-0000002-0000002", sku="B", price="4000000000.00"),
        all_orders_row(order_id="112-0000003-0000003", sku="A", price="5000000000.00"),
        all_orders_row(order_id="112-0000003-0000003", sku="B", price="4999999999.99"),
    ]
    job = importer(all_orders_file(rows))
    assert job.status == ImportStatus.SUCCEEDED, job.error
    assert found(job) == [(3, "item-price", "6000000000.00"), (4, "item-price", "4000000000.00")]
    assert (
        "the items of order 112-0000002-0000002 add up to 10000000000.00, more than 9,999,999,999.99"
        in (reasons(job)[0])
    )
    assert job.created == 2 and job.rejected == 2
    assert not Order.objects.filter(amazon_order_id="112-0000002-0000002").exists()


def test_a_claim_amount_too_big_is_rejected_per_row(importer):
    content = "\n".join(
        [
            CLAIMS_HEADER,
            "112-0000001-0000001,a-to-z,open,2026-11-03,,1e30,USD,",
            "112-0000002-0000002,a-to-z,open,2026-11-03,,9999999999.995,USD,",
            "112-0000003-0000003,a-to-z,open,2026-11-03,,9999999999.99,USD,",
        ]
    )
    job = importer(content, name="claims.csv")
    assert job.status == ImportStatus.SUCCEEDED, job.error
    assert found(job) == [(2, "amount", "1e30"), (3, "amount", "9999999999.995")]
    assert reasons(job) == [MONEY_REASON, MONEY_REASON]
    assert Claim.objects.get().amount == Decimal("9999999999.99")


def test_a_header_too_wide_to_stage_is_refused_before_staging(importer, before):
    columns = [*ALL_ORDERS_COLUMNS, *(f"extra-{n}" for n in range(1600))]
    job = importer(all_orders_file([all_orders_row()], columns=columns))
    assert job.status == ImportStatus.FAILED
    assert (
        job.error == "Line 1 has 1,631 columns; a All Orders report has at most 500: not a report this app can import."
    )
    assert snapshot() == before


REPEATED = {
    "All Orders: sku": (
        all_orders_file([all_orders_row()], columns=[*ALL_ORDERS_COLUMNS, "sku"]),
        {},
        "Line 1 names the column 'sku' twice (columns 11 and 32)",
    ),
    "claims: amount": (
        CLAIMS_HEADER + ",amount\n112-0000001-0000001,a-to-z,open,2026-11-03,,1.00,USD,,2.00\n",
        {"name": "claims.csv"},
        "Line 1 names the column 'amount' twice (columns 6 and 9)",
    ),
    "feedback: Rating and Bewertung": (
        feedback_file([("11/02/26", 1, "Late", "", "112-0000001-0000001")]).replace("Rater Email", "Bewertung", 1),
        {"marketplace_code": "US"},
        "Line 1 names the column 'rating' and 'bewertung' (columns 2 and 6)",
    ),
}


@pytest.mark.parametrize("case", REPEATED, ids=list(REPEATED))
def test_a_header_naming_a_column_twice_is_refused(importer, before, case):
    content, options, message = REPEATED[case]
    job = importer(content, **options)
    assert job.status == ImportStatus.FAILED
    assert job.error.startswith(message), job.error
    assert "cannot tell which holds the data" in job.error
    assert snapshot() == before
