"""The reports that bring delivery dates and buyer addresses (FBA shipments, FBM
order reports), how they merge with the All Orders report and the SP-API sync,
and the import framework's bookkeeping (rejected values, rows_total, failed jobs)."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from feedbackhub.crypto import blind_index
from orders.imports.registry import report_type_detect, report_types
from orders.imports.rows import OrderRow
from orders.imports.upsert import order_rows_upsert
from orders.models import ImportStatus, Order
from tests.factories import marketplace

from .reports import (
    ALL_ORDERS_COLUMNS,
    FBA_SHIPMENTS_COLUMNS,
    FBM_ORDER_REPORT_COLUMNS,
    FBM_UNSHIPPED_COLUMNS,
    all_orders_file,
    all_orders_row,
    fba_shipment_row,
    fbm_order_row,
    report_file,
)
from .test_imports import counts, snapshot

pytestmark = pytest.mark.usefixtures("media_in_tmp")

RELAY = "3xmpl3buy3r@marketplace.amazon.com"


def days_ago(days):
    return (timezone.now() - timedelta(days=days)).replace(microsecond=0).isoformat()


def when(text):
    return datetime.fromisoformat(text)


def fba_file(rows):
    return report_file(FBA_SHIPMENTS_COLUMNS, rows)


def fbm_file(rows, columns=FBM_ORDER_REPORT_COLUMNS):
    return report_file(columns, rows)


def raw_order(order_id, *columns):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM orders_order WHERE amazon_order_id = %s", [order_id])
        return cursor.fetchone()


HEADERS = [
    ("all_orders", ALL_ORDERS_COLUMNS),
    ("fba_shipments", FBA_SHIPMENTS_COLUMNS),
    ("fbm_order_report", FBM_ORDER_REPORT_COLUMNS),
    ("fbm_unshipped_orders", FBM_UNSHIPPED_COLUMNS),
]


@pytest.mark.parametrize(("key", "columns"), HEADERS, ids=[key for key, _ in HEADERS])
def test_each_header_is_recognised_as_its_own_type_only(key, columns):
    header = "\t".join(columns)
    assert report_type_detect(header).key == key
    assert [t.key for t in report_types() if t.recognise(header)] == [key]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "key"),
    [
        (lambda: all_orders_file([all_orders_row()]), "all_orders"),
        (lambda: fba_file([fba_shipment_row()]), "fba_shipments"),
        (lambda: fbm_file([fbm_order_row()]), "fbm_order_report"),
        (lambda: fbm_file([fbm_order_row()], columns=FBM_UNSHIPPED_COLUMNS), "fbm_unshipped_orders"),
    ],
    ids=["all-orders", "fba-shipments", "fbm-order-report", "fbm-unshipped"],
)
def test_uploads_are_detected_by_header(importer, content, key):
    # The unshipped report has no sales-channel column: its marketplace is chosen on upload.
    job = importer(content(), marketplace_code="US")
    assert (job.status, job.report_type, counts(job)) == (ImportStatus.SUCCEEDED, key, (1, 0, 0, 0)), job.error


@pytest.mark.django_db
class TestFbaShipments:
    def test_an_unknown_order_is_created_as_a_shipped_fba_order(self, importer, account):
        job = importer(fba_file([fba_shipment_row(order_id="112-0000009-0000009", quantity="2")]))
        assert counts(job) == (1, 0, 0, 0)
        order = Order.objects.get(account=account, amazon_order_id="112-0000009-0000009")
        assert (order.status, order.fulfillment_channel, order.marketplace_id) == ("Shipped", "AFN", "ATVPDKIKX0DER")
        assert order.purchase_date == order.last_updated == when("2026-11-01T10:00:00+00:00")
        assert order.shipped_at == when("2026-11-02T08:00:00+00:00")
        assert order.latest_delivery_date == when("2026-11-05T20:00:00+00:00")
        assert list(order.items.values_list("sku", "quantity")) == [("BOTTLE-750", 2)]

    def test_dates_fill_in_an_order_from_all_orders_and_a_later_all_orders_keeps_them(self, importer, account):
        importer(all_orders_file([all_orders_row(status="Pending", updated="2026-11-01T12:00:00+00:00")]))
        filled = importer(fba_file([fba_shipment_row()]))
        assert counts(filled) == (0, 1, 0, 0)
        order = Order.objects.get(account=account)
        # The shipments report has no status: the All Orders one stays until All Orders says otherwise.
        assert order.status == "Pending"
        assert (order.shipped_at, order.latest_delivery_date) == (
            when("2026-11-02T08:00:00+00:00"),
            when("2026-11-05T20:00:00+00:00"),
        )
        later = importer(all_orders_file([all_orders_row(status="Shipped", updated="2026-11-06T00:00:00+00:00")]))
        assert counts(later) == (0, 1, 0, 0)
        order.refresh_from_db()
        assert order.status == "Shipped"
        assert (order.shipped_at, order.latest_delivery_date) == (
            when("2026-11-02T08:00:00+00:00"),
            when("2026-11-05T20:00:00+00:00"),
        )

    def test_reimporting_the_same_file_changes_nothing(self, importer):
        content = fba_file([fba_shipment_row(purchased=days_ago(3), shipped=days_ago(2), email=RELAY)])
        importer(content)
        before = snapshot()
        assert counts(importer(content)) == (0, 0, 1, 0)
        assert snapshot() == before

    def test_a_bad_date_is_rejected_with_line_column_and_value(self, importer, account):
        rows = [fba_shipment_row(), fba_shipment_row(order_id="112-0000002-0000002", shipped="05/11/2026")]
        job = importer(fba_file(rows))
        assert counts(job) == (1, 0, 0, 1)
        rejection = job.rejections.get()
        assert (rejection.line_no, rejection.column, rejection.value) == (3, "shipment-date", "05/11/2026")
        assert rejection.reason == "not an ISO 8601 date-time: 05/11/2026"
        arrival = importer(fba_file([fba_shipment_row(order_id="112-0000003-0000003", arrival="soon")]))
        assert [(r.column, r.value) for r in arrival.rejections.all()] == [("estimated-arrival-date", "soon")]

    def test_a_missing_required_column_writes_nothing_and_keeps_the_report_type(self, importer):
        importer(all_orders_file([all_orders_row()]))
        before = snapshot()
        columns = [name for name in FBA_SHIPMENTS_COLUMNS if name != "quantity-shipped"]
        job = importer(report_file(columns, [fba_shipment_row(order_id="112-0000005-0000005")]))
        assert job.status == ImportStatus.FAILED
        assert (
            job.error
            == "The Amazon Fulfilled Shipments report is missing required column(s): quantity-shipped (line 1)."
        )
        assert (job.report_type, job.encoding) == ("fba_shipments", "utf-8")
        assert snapshot() == before

    def test_only_the_needed_columns_are_required_and_unknown_ones_ignored(self, importer, account):
        columns = ["amazon-order-id", "purchase-date", "shipment-date", "sku", "quantity-shipped", "points-granted"]
        job = importer(report_file(columns, [fba_shipment_row(**{"points-granted": "0"})]), marketplace_code="US")
        assert counts(job) == (1, 0, 0, 0), job.error
        order = Order.objects.get(account=account)
        assert (order.fulfillment_channel, order.status, order.latest_delivery_date) == ("AFN", "Shipped", None)


@pytest.mark.django_db
class TestFbmOrderReport:
    def test_buyer_email_and_name_are_encrypted_at_rest_with_a_buyer_key(self, importer, account):
        row = fbm_order_row(purchased=days_ago(4), earliest_delivery=days_ago(1), latest_delivery=days_ago(-2))
        job = importer(fbm_file([row]))
        assert counts(job) == (1, 0, 0, 0), job.error
        order = Order.objects.get(account=account)
        assert (order.buyer_email, order.buyer_name, order.fulfillment_channel) == (RELAY, "Jane Doe", "MFN")
        assert order.buyer_key == blind_index(RELAY)
        assert order.ship_to == "Springfield\nIL\n62704"
        assert order.earliest_delivery_date == when(row["earliest-delivery-date"])
        raw_email, raw_name = raw_order(order.amazon_order_id, "buyer_email", "buyer_name")
        assert raw_email and "marketplace.amazon" not in raw_email and "@" not in raw_email
        assert raw_name and "Jane" not in raw_name

    def test_buyer_data_of_orders_past_retention_is_never_stored(self, importer, account):
        row = fbm_order_row(purchased=days_ago(120), earliest_delivery=days_ago(112), latest_delivery=days_ago(110))
        importer(fbm_file([row]))
        order = Order.objects.get(account=account)
        assert (order.buyer_email, order.buyer_name, order.ship_to, order.buyer_key) == ("", "", "", "")
        assert order.pii_purged_at is not None
        assert raw_order(order.amazon_order_id, "buyer_email", "buyer_name") == ("", "")

    def test_an_email_fills_in_an_order_already_known_and_all_orders_never_erases_it(self, importer, account):
        purchased = days_ago(5)
        importer(
            all_orders_file(
                [
                    all_orders_row(
                        order_id="113-0000002-0000002", channel="Merchant", purchased=purchased, updated=days_ago(4)
                    )
                ]
            )
        )
        earliest, latest = days_ago(2), days_ago(1)
        fbm_row = fbm_order_row(purchased=purchased, earliest_delivery=earliest, latest_delivery=latest)
        filled = importer(fbm_file([fbm_row]))
        assert counts(filled) == (0, 1, 0, 0)
        order = Order.objects.get(account=account)
        # The order report has no status: the All Orders one stays.
        assert (order.status, order.buyer_email, order.latest_delivery_date) == ("Shipped", RELAY, when(latest))
        later = importer(
            all_orders_file(
                [
                    all_orders_row(
                        order_id="113-0000002-0000002",
                        channel="Merchant",
                        purchased=purchased,
                        updated=days_ago(0),
                        status="Cancelled",
                    )
                ]
            )
        )
        assert counts(later) == (0, 1, 0, 0)
        order.refresh_from_db()
        assert order.status == "Canceled"
        assert (order.buyer_email, order.buyer_name, order.buyer_key) == (RELAY, "Jane Doe", blind_index(RELAY))
        assert (order.earliest_delivery_date, order.latest_delivery_date) == (when(earliest), when(latest))

    def test_an_email_arriving_alone_updates_the_order(self, importer, account):
        row = fbm_order_row(purchased=days_ago(3), email="", name="")
        importer(fbm_file([row]))
        assert Order.objects.get(account=account).buyer_email == ""
        again = importer(fbm_file([dict(row, **{"buyer-email": RELAY, "buyer-name": "Jane Doe"})]))
        assert counts(again) == (0, 1, 0, 0)
        order = Order.objects.get(account=account)
        assert (order.buyer_email, order.buyer_name, order.buyer_key) == (RELAY, "Jane Doe", blind_index(RELAY))
        assert counts(importer(fbm_file([dict(row, **{"buyer-email": RELAY, "buyer-name": "Jane Doe"})]))) == (
            0,
            0,
            1,
            0,
        )

    def test_a_bad_email_is_rejected_with_its_value(self, importer):
        job = importer(fbm_file([fbm_order_row(email="jane.doe at example")]))
        assert [(r.line_no, r.column, r.value) for r in job.rejections.all()] == [
            (2, "buyer-email", "jane.doe at example")
        ]

    def test_without_a_sales_channel_column_the_marketplace_comes_from_the_upload(self, importer, account):
        columns = [name for name in FBM_ORDER_REPORT_COLUMNS if name != "sales-channel"]
        content = fbm_file([fbm_order_row()], columns=columns)
        refused = importer(content)
        assert refused.status == ImportStatus.FAILED and "choose the marketplace" in refused.error
        job = importer(content, marketplace_code="UK")
        assert counts(job) == (1, 0, 0, 0)
        assert Order.objects.get(account=account).marketplace == marketplace("UK")

    def test_the_unshipped_report_brings_the_ship_by_date(self, importer, account):
        # The report's promise-date is the ship-by date; near today, since an order 30 days past
        # its ship-by date has its buyer data purged.
        ship_by = days_ago(-2)
        row = fbm_order_row(purchased=days_ago(1), promise_date=ship_by)
        job = importer(fbm_file([row], columns=FBM_UNSHIPPED_COLUMNS), marketplace_code="US")
        assert (job.report_type, counts(job)) == ("fbm_unshipped_orders", (1, 0, 0, 0)), job.error
        order = Order.objects.get(account=account)
        assert (order.status, order.latest_ship_date, order.buyer_email) == ("Unshipped", when(ship_by), RELAY)


@pytest.mark.django_db
class TestMergeWithADatedSource:
    """The SP-API sync and All Orders share the upsert: a known date never goes back to NULL."""

    def row(self, updated, **fields):
        values = {
            "order_status": "Shipped",
            "fulfillment_channel": "AFN",
            "sales_channel": "Amazon.com",
            "sku": "BOTTLE-750",
            "quantity": "1",
            **fields,
        }
        return OrderRow(
            line_no=1,
            amazon_order_id="112-0000001-0000001",
            purchase_date="2026-11-01T10:00:00+00:00",
            last_updated=updated,
            **values,
        )

    def test_newer_rows_without_dates_keep_them_older_rows_never_replace_them(self, account):
        delivery = "2026-11-06T00:00:00+00:00"
        order_rows_upsert(account=account, rows=[self.row("2026-11-02T00:00:00+00:00", latest_delivery_date=delivery)])
        newer = order_rows_upsert(
            account=account, rows=[self.row("2026-11-03T00:00:00+00:00", order_status="Canceled")]
        )
        assert (newer.created, newer.updated) == (0, 1)
        order = Order.objects.get(account=account)
        assert (order.status, order.latest_delivery_date) == ("Canceled", when(delivery))
        older = order_rows_upsert(
            account=account,
            rows=[self.row("2026-11-02T12:00:00+00:00", latest_delivery_date="2026-11-20T00:00:00+00:00")],
        )
        assert (older.updated, older.unchanged) == (0, 1)
        assert Order.objects.get(account=account).latest_delivery_date == when(delivery)
        later = order_rows_upsert(
            account=account, rows=[self.row("2026-11-04T00:00:00+00:00", delivered_at="2026-11-05T15:00:00+00:00")]
        )
        assert later.updated == 1
        order = Order.objects.get(account=account)
        assert (order.delivered_at, order.latest_delivery_date) == (when("2026-11-05T15:00:00+00:00"), when(delivery))


@pytest.mark.django_db
class TestBookkeeping:
    def test_all_orders_rejections_keep_the_offending_value(self, importer):
        job = importer(
            all_orders_file([all_orders_row(), all_orders_row(order_id="112-0000002-0000002", quantity="two")])
        )
        assert [(r.line_no, r.column, r.value) for r in job.rejections.all()] == [(3, "quantity", "two")]

    def test_trailing_blank_lines_are_not_rows(self, importer):
        job = importer(all_orders_file([all_orders_row()]) + "\n\r\n\t\t\n\n")
        assert (job.rows_total, counts(job)) == (1, (1, 0, 0, 0))

    def test_the_upload_page_says_what_each_type_brings_and_makes_possible(self, account, client_for):
        body = client_for(account).get(reverse("orders:import_upload")).content.decode()
        for report_type in report_types():
            assert escape(report_type.label) in body
            if report_type.brings:
                assert escape(", ".join(report_type.brings)) in body
            if report_type.enables:
                assert escape(report_type.enables) in body
        assert "Request a Review on FBA orders" in body and "relay address" in body
