"""Report imports: each bad input gets a clear error and leaves the database as it was."""

import gzip
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from feedback.models import AccountHealthSnapshot, Feedback
from feedbackhub.tenancy.models import SellerMarketplace
from orders.imports.services import import_job_run
from orders.models import Claim, ImportStatus, Order, OrderItem
from tests.factories import marketplace

from .reports import CLAIMS_HEADER, all_orders_file, all_orders_row, feedback_file, health_document, health_report

pytestmark = pytest.mark.usefixtures("media_in_tmp")


def snapshot():
    """Every row an import can write, to prove a rejected file wrote nothing."""
    return (
        list(Order.objects.order_by("id").values()),
        list(OrderItem.objects.order_by("id").values()),
        list(Feedback.objects.order_by("id").values()),
        list(Claim.objects.order_by("id").values()),
        list(AccountHealthSnapshot.objects.order_by("id").values()),
    )


def counts(job):
    return (job.created, job.updated, job.unchanged, job.rejected)


def rejections(job):
    return [(r.line_no, r.column, r.reason) for r in job.rejections.order_by("line_no")]


TWO_ORDERS = [
    all_orders_row(order_id="112-0000001-0000001", sku="BOTTLE-750", price="24.99"),
    all_orders_row(order_id="112-0000001-0000001", sku="MUG-STEEL", price="12.49", quantity="2"),
    all_orders_row(order_id="113-0000002-0000002", channel="Merchant", status="Pending", sku="TARP-3X3", price="59.00"),
]


@pytest.mark.django_db
class TestAllOrders:
    def test_items_fold_into_orders(self, importer, account):
        job = importer(all_orders_file(TWO_ORDERS))
        assert job.status == ImportStatus.SUCCEEDED, job.error
        assert (job.report_type, job.encoding, job.rows_total) == ("all_orders", "utf-8", 3)
        assert counts(job) == (2, 0, 0, 0)
        first = Order.objects.get(account=account, amazon_order_id="112-0000001-0000001")
        assert (first.status, first.fulfillment_channel, first.marketplace_id) == ("Shipped", "AFN", "ATVPDKIKX0DER")
        assert first.order_total == Decimal("37.48")
        assert sorted(first.items.values_list("sku", "quantity")) == [("BOTTLE-750", 1), ("MUG-STEEL", 2)]
        second = Order.objects.get(account=account, amazon_order_id="113-0000002-0000002")
        assert (second.status, second.fulfillment_channel) == ("Pending", "MFN")

    def test_reimporting_the_same_file_changes_nothing(self, importer):
        content = all_orders_file(TWO_ORDERS)
        importer(content)
        before = snapshot()
        again = importer(content)
        assert counts(again) == (0, 0, 2, 0)
        assert snapshot() == before

    def test_newer_rows_update_older_rows_never_overwrite(self, importer, account):
        importer(all_orders_file([all_orders_row(updated="2026-11-05T00:00:00+00:00", status="Shipped")]))
        older = importer(all_orders_file([all_orders_row(updated="2026-11-03T00:00:00+00:00", status="Pending")]))
        assert counts(older) == (0, 0, 1, 0)
        assert Order.objects.get(account=account).status == "Shipped"
        newer = importer(
            all_orders_file([all_orders_row(updated="2026-11-09T00:00:00+00:00", status="Cancelled", quantity="3")])
        )
        assert counts(newer) == (0, 1, 0, 0)
        order = Order.objects.get(account=account)
        assert (order.status, order.items.get().quantity) == ("Canceled", 3)

    def test_a_file_of_stored_and_new_orders_updates_inserts_and_keeps_each_by_the_merge_rule(self, importer, account):
        # Stored orders take the UPDATE path and new ones the plain INSERT (orders.imports.upsert):
        # one file mixing both, with an item added to a stored order, stores exactly these values.
        importer(
            all_orders_file(
                [
                    all_orders_row(order_id="112-0000001-0000001", updated="2026-11-05T00:00:00+00:00"),
                    all_orders_row(order_id="112-0000002-0000002", updated="2026-11-05T00:00:00+00:00"),
                ]
            )
        )
        job = importer(
            all_orders_file(
                [
                    all_orders_row(
                        order_id="112-0000001-0000001", updated="2026-11-07T08:30:00+01:00", status="Cancelled"
                    ),
                    all_orders_row(
                        order_id="112-0000001-0000001",
                        updated="2026-11-07T08:30:00+01:00",
                        status="Cancelled",
                        sku="MUG-STEEL",
                        quantity="3",
                        price="10.5",
                    ),
                    all_orders_row(
                        order_id="112-0000002-0000002", updated="2026-11-04T00:00:00+00:00", status="Pending"
                    ),
                    all_orders_row(
                        order_id="112-0000003-0000003",
                        purchased="2026-11-03T23:15:00Z",
                        updated="",
                        quantity="2",
                        price="7",
                    ),
                ]
            )
        )
        assert counts(job) == (1, 1, 1, 0)
        orders = {o.amazon_order_id: o for o in Order.objects.filter(account=account)}
        updated, kept, new = orders["112-0000001-0000001"], orders["112-0000002-0000002"], orders["112-0000003-0000003"]
        assert (updated.status, updated.order_total, updated.last_updated.isoformat()) == (
            "Canceled",
            Decimal("35.49"),
            "2026-11-07T07:30:00+00:00",
        )
        assert sorted(updated.items.values_list("sku", "quantity", "item_price")) == [
            ("BOTTLE-750", 1, Decimal("24.99")),
            ("MUG-STEEL", 3, Decimal("10.50")),
        ]
        assert (kept.status, kept.last_updated.isoformat()) == ("Shipped", "2026-11-05T00:00:00+00:00")
        assert (new.status, new.order_total, new.purchase_date.isoformat(), new.last_updated.isoformat()) == (
            "Shipped",
            Decimal("7.00"),
            "2026-11-03T23:15:00+00:00",
            "2026-11-03T23:15:00+00:00",
        )
        assert list(new.items.values_list("sku", "quantity", "item_price")) == [("BOTTLE-750", 2, Decimal("7.00"))]

    def test_unknown_extra_columns_are_ignored(self, importer):
        columns = ["surprise-column", *all_orders_file([]).split("\n")[0].split("\t"), "another-new-one"]
        rows = [dict(all_orders_row(), **{"surprise-column": "x", "another-new-one": "y"})]
        job = importer(all_orders_file(rows, columns=columns))
        assert counts(job) == (1, 0, 0, 0)

    def test_bad_rows_are_rejected_with_line_and_column_the_rest_imports(self, importer, account):
        rows = [
            all_orders_row(order_id="112-0000001-0000001"),
            all_orders_row(order_id="112-000001-0000002"),
            all_orders_row(order_id="112-0000003-0000003", purchased="31/02/2026"),
            all_orders_row(order_id="112-0000004-0000004", quantity="-1"),
            all_orders_row(order_id="112-0000005-0000005", quantity="two"),
            all_orders_row(order_id="112-0000006-0000006", status="Lost in space"),
            all_orders_row(order_id="112-0000007-0000007", sales_channel="Non-Amazon"),
            all_orders_row(order_id="112-0000001-0000001"),
            all_orders_row(order_id="112-0000008-0000008", price="12,50"),
            all_orders_row(order_id="112-0000009-0000009", updated="yesterday"),
        ]
        job = importer(all_orders_file(rows))
        assert job.status == ImportStatus.SUCCEEDED
        assert counts(job) == (1, 0, 0, 9)
        found = rejections(job)
        assert [(line, column) for line, column, _ in found] == [
            (3, "amazon-order-id"),
            (4, "purchase-date"),
            (5, "quantity"),
            (6, "quantity"),
            (7, "order-status"),
            (8, "sales-channel"),
            (9, "sku"),
            (10, "item-price"),
            (11, "last-updated-date"),
        ]
        assert "3-7-7" in found[0][2] and "112-000001-0000002" in found[0][2]
        assert "already appear on line 2" in found[6][2]
        assert list(Order.objects.filter(account=account).values_list("amazon_order_id", flat=True)) == [
            "112-0000001-0000001"
        ]

    def test_rows_with_a_wrong_number_of_columns_are_rejected(self, importer):
        content = all_orders_file([all_orders_row()]) + "112-0000009-0000009\tonly\tthree\n"
        job = importer(content)
        assert counts(job) == (1, 0, 0, 1)
        assert rejections(job) == [(3, "(row)", "expected 31 tab-separated columns, found 3")]

    def test_crlf_and_lf_mixed(self, importer, account):
        header, first, second = all_orders_file(TWO_ORDERS[:1] + TWO_ORDERS[2:]).rstrip("\n").split("\n")
        job = importer(f"{header}\r\n{first}\n{second}\r\n")
        assert counts(job) == (2, 0, 0, 0)
        assert not Order.objects.filter(account=account, items__title__contains="\r").exists()

    def test_gzip_is_accepted(self, importer):
        job = importer(gzip.compress(all_orders_file(TWO_ORDERS).encode()), name="orders.txt.gz")
        assert counts(job) == (2, 0, 0, 0)

    def test_windows_1252_with_accents(self, importer, account):
        row = all_orders_row(title="Gourde isotherme édition été – 750 ml", sales_channel="Amazon.fr", currency="EUR")
        job = importer(all_orders_file([row]), encoding="cp1252")
        assert job.encoding == "cp1252" and counts(job) == (1, 0, 0, 0)
        item = OrderItem.objects.get(order__account=account)
        assert item.title == "Gourde isotherme édition été – 750 ml"
        assert item.order.marketplace.code == "FR"

    def test_cp932_with_japanese_titles(self, importer, account):
        row = all_orders_row(
            title="ステンレス製マグカップ 350ml", sales_channel="Amazon.co.jp", currency="JPY", price="1980"
        )
        job = importer(all_orders_file([row]), encoding="cp932")
        assert job.encoding == "cp932" and counts(job) == (1, 0, 0, 0)
        assert OrderItem.objects.get(order__account=account).title == "ステンレス製マグカップ 350ml"

    def test_utf8_with_bom(self, importer):
        job = importer(b"\xef\xbb\xbf" + all_orders_file(TWO_ORDERS).encode())
        assert job.encoding == "utf-8-sig" and counts(job) == (2, 0, 0, 0)

    def test_ship_to_is_encrypted_and_only_kept_inside_retention(self, importer, account):
        recent = (timezone.now() - timedelta(days=3)).isoformat()
        old = (timezone.now() - timedelta(days=120)).isoformat()
        rows = [
            all_orders_row(order_id="112-0000001-0000001", purchased=recent, updated=recent, city="Springfield"),
            all_orders_row(order_id="112-0000002-0000002", purchased=old, updated=old, city="Shelbyville"),
        ]
        importer(all_orders_file(rows))
        fresh = Order.objects.get(amazon_order_id="112-0000001-0000001")
        stale = Order.objects.get(amazon_order_id="112-0000002-0000002")
        assert fresh.ship_to == "Springfield\nIL\n62704" and fresh.pii_purged_at is None
        assert stale.ship_to == "" and stale.pii_purged_at is not None
        with connection.cursor() as cursor:
            cursor.execute("SELECT ship_to FROM orders_order WHERE id = %s", [fresh.pk])
            assert "Springfield" not in cursor.fetchone()[0]

    def test_marketplace_is_added_to_the_account(self, importer, account):
        importer(all_orders_file([all_orders_row(sales_channel="Amazon.de", currency="EUR")]))
        assert "DE" in set(account.marketplaces.values_list("code", flat=True))


FILE_LEVEL_FAILURES = [
    ("empty", b"", "empty"),
    ("whitespace only", b"\n\n  \n", "empty"),
    ("header only", all_orders_file([]).encode(), "header but no rows"),
    ("unknown type", b"foo\tbar\n1\t2\n", "unknown report type"),
    (
        "missing column",
        all_orders_file([all_orders_row()], columns=["amazon-order-id", "purchase-date", "sku"]).encode(),
        "missing required column(s): last-updated-date, order-status, fulfillment-channel, sales-channel, quantity",
    ),
    (
        "NUL byte",
        all_orders_file(
            [all_orders_row(), all_orders_row(order_id="112-0000002-0000002", title="bad\x00title")]
        ).encode(),
        "Line 3 contains a NUL byte",
    ),
    (
        "10 MB line",
        (all_orders_file([all_orders_row()]) + "x" * (10 * 1024 * 1024) + "\n").encode(),
        "Line 3 is longer than",
    ),
    ("truncated gzip", gzip.compress(all_orders_file([all_orders_row()] * 50).encode())[:-30], "truncated"),
    (
        "undecodable late bytes",
        all_orders_file([all_orders_row(order_id=f"112-0000000-{n:07d}") for n in range(1, 20000)]).encode()
        + b"\x81\xff\xfe\n",
        "Line 20001 cannot be read as utf-8: byte b'\\x81' at position 1.",
    ),
    (
        "undecodable byte inside a row",
        # Past the 256 KB sample the encoding is detected from, so COPY's decoder finds it.
        all_orders_file(
            [all_orders_row(order_id=f"112-0000000-{n:07d}") for n in range(1, 5000)]
            + [all_orders_row(order_id="112-0000002-0000002", title="TITLE")]
        )
        .encode()
        .replace(b"TITLE", b"caf\xe9"),
        "Line 5001 cannot be read as utf-8",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"), [case[1:] for case in FILE_LEVEL_FAILURES], ids=[case[0] for case in FILE_LEVEL_FAILURES]
)
def test_file_level_problems_reject_the_whole_file(importer, content, message):
    importer(all_orders_file([all_orders_row(order_id="999-9999999-9999999")]))
    before = snapshot()
    job = importer(content)
    assert job.status == ImportStatus.FAILED
    assert message in job.error
    assert counts(job) == (0, 0, 0, 0) and not job.rejections.exists()
    assert snapshot() == before


@pytest.mark.django_db
def test_a_feedback_file_uploaded_as_orders(importer):
    before = snapshot()
    job = importer(feedback_file([("11/02/26", 1, "Late", "", "112-0000001-0000001")]), report_type="all_orders")
    assert job.status == ImportStatus.FAILED
    assert job.error == "This file is Seller feedback report, not All Orders report as chosen on upload."
    assert snapshot() == before


@pytest.mark.django_db
class TestFeedbackReport:
    def test_dates_in_the_marketplace_format_and_later_link_to_orders(self, importer, account):
        job = importer(
            feedback_file(
                [
                    ("02.11.26", 1, "Nie angekommen", "", "302-0000001-0000001"),
                    ("03.11.26", 3, "OK", "", "302-0000002-0000002"),
                ]
            ),
            marketplace_code="DE",
        )
        assert (job.report_type, counts(job)) == ("seller_feedback", (2, 0, 0, 0))
        feedback = Feedback.objects.get(amazon_order_id="302-0000001-0000001")
        assert (str(feedback.feedback_date), feedback.rating, feedback.order) == ("2026-11-02", 1, None)
        importer(
            all_orders_file([all_orders_row(order_id="302-0000001-0000001", sales_channel="Amazon.de", currency="EUR")])
        )
        feedback.refresh_from_db()
        assert feedback.order.amazon_order_id == "302-0000001-0000001"

    def test_bad_rows(self, importer):
        rows = [
            ("11/02/26", 1, "Late", "", "112-0000001-0000001"),
            ("2026-11-02", 1, "x", "", "112-0000002-0000002"),
            ("11/02/26", 0, "x", "", "112-0000003-0000003"),
            ("11/02/26", 6, "x", "", "112-0000004-0000004"),
            ("11/02/26", 2, "x", "", "112-00004-0000004"),
            ("11/03/26", 2, "twice", "", "112-0000001-0000001"),
        ]
        job = importer(feedback_file(rows), marketplace_code="US")
        assert counts(job) == (1, 0, 0, 5)
        assert rejections(job) == [
            (3, "Date", "not a date in US format MM/DD/YY"),
            (4, "Rating", "must be a whole number from 1 to 5"),
            (5, "Rating", "must be a whole number from 1 to 5"),
            (6, "Order ID", "not an Amazon order id (3-7-7 digits)"),
            (7, "Order ID", "the same order already has feedback on line 2"),
        ]

    def test_marketplace_must_be_chosen_when_the_account_sells_in_several(self, importer):
        job = importer(feedback_file([("11/02/26", 1, "Late", "", "112-0000001-0000001")]))
        assert job.status == ImportStatus.FAILED and "choose the marketplace" in job.error

    def test_reimport_is_unchanged(self, importer):
        content = feedback_file([("11/02/26", 2, "Late", "Sorry!", "112-0000001-0000001")])
        importer(content, marketplace_code="US")
        assert counts(importer(content, marketplace_code="US")) == (0, 0, 1, 0)


@pytest.mark.django_db
class TestClaims:
    def test_claims_import_and_link(self, importer, account):
        importer(all_orders_file([all_orders_row(order_id="112-0000001-0000001")]))
        content = "\n".join(
            [
                CLAIMS_HEADER,
                "112-0000001-0000001,a-to-z,open,2026-11-03,,24.99,USD,Item not received",
                "112-0000002-0000002,chargeback,denied,2026-11-04,2026-11-10,10.00,USD,",
                "112-0000003-0000003,refund,open,2026-11-04,,,,",
                "112-0000004-0000004,a-to-z,open,04/11/2026,,,,",
            ]
        )
        job = importer(content, name="claims.csv")
        assert (job.report_type, counts(job)) == ("claims", (2, 0, 0, 2))
        assert rejections(job) == [
            (4, "claim-type", "expected a-to-z or chargeback"),
            (5, "opened-date", "not a date (YYYY-MM-DD)"),
        ]
        claim = Claim.objects.get(amazon_order_id="112-0000001-0000001")
        assert claim.order.amazon_order_id == "112-0000001-0000001" and claim.kind == "atoz"
        unlinked = Claim.objects.get(amazon_order_id="112-0000002-0000002")
        assert unlinked.order is None
        importer(all_orders_file([all_orders_row(order_id="112-0000002-0000002")]))
        unlinked.refresh_from_db()
        assert unlinked.order is not None


def health_file(document):
    return json.dumps(document, indent=2)


def without_marketplace_id(document, index=0):
    del document["performanceMetrics"][index]["marketplaceId"]
    return document


def snapshots(account):
    return sorted(
        AccountHealthSnapshot.objects.filter(account=account).values_list("marketplace__code", "fulfillment", "rate")
    )


AFN_WHERE = "performanceMetrics[0].orderDefectRate.afn"

# A spoilt afn side: (id, how to spoil it, the rejected column, the reason).
BAD_SIDES = [
    (
        "no-date-range",
        lambda afn: afn.pop("reportingDateRange"),
        f"{AFN_WHERE}.reportingDateRange",
        "has no valid reportingDateFrom/reportingDateTo",
    ),
    (
        "date-without-from",
        lambda afn: afn["reportingDateRange"].pop("reportingDateFrom"),
        f"{AFN_WHERE}.reportingDateRange",
        "has no valid reportingDateFrom/reportingDateTo",
    ),
    (
        "month-13",
        lambda afn: afn["reportingDateRange"].update(reportingDateTo="2026-13-31T23:59Z"),
        f"{AFN_WHERE}.reportingDateRange",
        "has no valid reportingDateFrom/reportingDateTo",
    ),
    (
        "window-backwards",
        lambda afn: afn["reportingDateRange"].update(reportingDateFrom="2026-11-30T00:00Z"),
        f"{AFN_WHERE}.reportingDateRange",
        "reportingDateFrom is after reportingDateTo",
    ),
    ("rate-text", lambda afn: afn.update(rate="0,4 %"), f"{AFN_WHERE}.rate", "not a rate from 0 to 1"),
    ("rate-above-one", lambda afn: afn.update(rate=12.5), f"{AFN_WHERE}.rate", "not a rate from 0 to 1"),
    ("rate-missing", lambda afn: afn.pop("rate"), f"{AFN_WHERE}.rate", "missing: the side has no ODR"),
    ("target-null", lambda afn: afn.update(targetValue=None), f"{AFN_WHERE}.targetValue", "not a rate from 0 to 1"),
    (
        "order-count-negative",
        lambda afn: afn.update(orderCount=-3),
        f"{AFN_WHERE}.orderCount",
        "not a whole number of 0 or more",
    ),
    (
        "claims-count-text",
        lambda afn: afn["claims"].update(count="2"),
        f"{AFN_WHERE}.claims.count",
        "not a whole number of 0 or more",
    ),
    (
        "defects-fraction",
        lambda afn: afn["orderWithDefects"].update(count=4.5),
        f"{AFN_WHERE}.orderWithDefects.count",
        "not a whole number of 0 or more",
    ),
    (
        "negative-feedback-not-an-object",
        lambda afn: afn.update(negativeFeedback="three"),
        f"{AFN_WHERE}.negativeFeedback",
        "is not an object",
    ),
]


@pytest.mark.django_db
class TestAccountHealth:
    def test_amazons_odr_figures_are_kept(self, importer, account):
        job = importer(health_report(), name="performance.json")
        assert (job.report_type, counts(job)) == ("account_health", (2, 0, 0, 0))
        afn = AccountHealthSnapshot.objects.get(account=account, fulfillment="afn")
        assert (afn.order_count, afn.orders_with_defects, afn.claims, afn.negative_feedback) == (1000, 4, 1, 3)
        assert (afn.rate, afn.target, afn.status) == (Decimal("0.004"), Decimal("0.01"), "GOOD")
        # Amazon writes its window to the minute, in UTC.
        assert (afn.date_from.isoformat(), afn.date_to.isoformat()) == (
            "2026-09-02T00:00:00+00:00",
            "2026-10-31T23:59:00+00:00",
        )
        assert counts(importer(health_report(), name="performance.json")) == (0, 0, 2, 0)

    def test_a_rate_finer_than_six_places_reimports_unchanged(self, importer, account):
        content = health_report(afn_rate=0.03499611)
        importer(content, name="performance.json")
        assert AccountHealthSnapshot.objects.get(account=account, fulfillment="afn").rate == Decimal("0.034996")
        assert counts(importer(content, name="performance.json")) == (0, 0, 2, 0)

    def test_broken_json_says_where(self, importer):
        job = importer('{"performanceMetrics": [\n  {"marketplaceId": "ATVPDKIKX0DER",\n}', name="performance.json")
        assert job.status == ImportStatus.FAILED and "Not valid JSON" in job.error and "line 3" in job.error

    def test_an_entry_without_marketplace_id_takes_the_one_chosen_on_upload(self, importer, account):
        job = importer(
            health_file(without_marketplace_id(health_document())), name="performance.json", marketplace_code="UK"
        )
        assert (job.status, counts(job)) == (ImportStatus.SUCCEEDED, (2, 0, 0, 0))
        assert snapshots(account) == [("UK", "afn", Decimal("0.004")), ("UK", "mfn", Decimal("0.012"))]

    def test_an_entry_without_marketplace_id_takes_the_accounts_only_marketplace(self, importer, account):
        SellerMarketplace.objects.filter(account=account, marketplace=marketplace("UK")).delete()
        job = importer(health_file(without_marketplace_id(health_document())), name="performance.json")
        assert (job.status, counts(job)) == (ImportStatus.SUCCEEDED, (2, 0, 0, 0))
        assert [code for code, _, _ in snapshots(account)] == ["US", "US"]
        job.refresh_from_db()
        assert job.marketplace is None, "the report may cover several marketplaces: the job names none"

    def test_an_entry_without_marketplace_id_is_reported_when_the_account_sells_in_several(self, importer, account):
        document = health_document(marketplace_id=marketplace("UK").pk)
        document["performanceMetrics"].insert(0, without_marketplace_id(health_document())["performanceMetrics"][0])
        job = importer(health_file(document), name="performance.json")
        assert (job.status, counts(job)) == (ImportStatus.SUCCEEDED, (2, 0, 0, 1))
        assert rejections(job) == [
            (
                0,
                "performanceMetrics[0].marketplaceId",
                "missing, and no marketplace was chosen on upload: choose the one the report covers",
            )
        ]
        assert [code for code, _, _ in snapshots(account)] == ["UK", "UK"]

    def test_only_entries_without_a_marketplace_refuse_the_file(self, importer):
        before = snapshot()
        job = importer(health_file(without_marketplace_id(health_document())), name="performance.json")
        assert job.status == ImportStatus.FAILED
        assert job.error == (
            "The account health report has no orderDefectRate figure that can be imported: "
            "performanceMetrics[0].marketplaceId missing, and no marketplace was chosen on upload: "
            "choose the one the report covers."
        )
        assert not job.rejections.exists() and snapshot() == before

    def test_an_unknown_marketplace_is_reported_and_the_others_kept(self, importer, account):
        document = health_document()
        document["performanceMetrics"] += health_document(marketplace_id="A2NOTAMARKET")["performanceMetrics"]
        job = importer(health_file(document), name="performance.json")
        assert counts(job) == (2, 0, 0, 1)
        assert [(r.line_no, r.column, r.value, r.reason) for r in job.rejections.all()] == [
            (0, "performanceMetrics[1].marketplaceId", '"A2NOTAMARKET"', "not a known marketplace")
        ]
        assert [code for code, _, _ in snapshots(account)] == ["US", "US"]

    @pytest.mark.parametrize(
        ("spoil", "column", "reason"), [case[1:] for case in BAD_SIDES], ids=[case[0] for case in BAD_SIDES]
    )
    def test_a_bad_side_is_reported_and_the_other_kept(self, importer, account, spoil, column, reason):
        document = health_document()
        spoil(document["performanceMetrics"][0]["orderDefectRate"]["afn"])
        job = importer(health_file(document), name="performance.json")
        assert (job.status, counts(job)) == (ImportStatus.SUCCEEDED, (1, 0, 0, 1))
        assert rejections(job) == [(0, column, reason)]
        assert snapshots(account) == [("US", "mfn", Decimal("0.012"))]

    def test_rejections_reach_the_import_page(self, importer, account, client_for):
        document = health_document()
        document["performanceMetrics"][0]["orderDefectRate"]["afn"]["reportingDateRange"] = {
            "reportingDateFrom": "soon"
        }
        job = importer(health_file(document), name="performance.json")
        body = client_for(account).get(reverse("orders:import_detail", args=[job.pk])).content.decode()
        assert "performanceMetrics[0].orderDefectRate.afn.reportingDateRange" in body
        assert "has no valid reportingDateFrom/reportingDateTo" in body and "soon" in body

    def test_no_valid_side_refuses_the_whole_file(self, importer):
        importer(health_report(), name="performance.json")
        before = snapshot()
        document = health_document(afn_rate=0.2, mfn_rate=0.3)
        sides = document["performanceMetrics"][0]["orderDefectRate"]
        sides["afn"].pop("reportingDateRange")
        sides["mfn"]["rate"] = "n/a"
        job = importer(health_file(document), name="performance.json")
        assert job.status == ImportStatus.FAILED
        assert job.error == (
            "The account health report has no orderDefectRate figure that can be imported: "
            f"{AFN_WHERE}.reportingDateRange has no valid reportingDateFrom/reportingDateTo"
            " (1 more problem(s) besides)."
        )
        assert counts(job) == (0, 0, 0, 0) and not job.rejections.exists()
        assert snapshot() == before

    def test_a_side_amazon_does_not_give_is_no_problem(self, importer, account):
        document = health_document()
        del document["performanceMetrics"][0]["orderDefectRate"]["afn"]
        job = importer(health_file(document), name="performance.json")
        assert counts(job) == (1, 0, 0, 0)


@pytest.mark.django_db
class TestImportPages:
    def test_upload_queues_and_the_page_shows_progress_then_summary(self, account, client_for, settings):
        client = client_for(account)
        upload = SimpleUploadedFile("orders.txt", all_orders_file(TWO_ORDERS).encode())
        from django.urls import reverse

        response = client.post(reverse("orders:import_upload"), {"file": upload, "report_type": "", "marketplace": ""})
        assert response.status_code == 302
        job = account.import_jobs.get()
        assert job.status == ImportStatus.QUEUED and job.uploaded_by is not None
        page = client.get(response.url).content.decode()
        assert "Waiting for a worker" in page
        import_job_run(job_id=job.pk)
        progress = client.get(reverse("orders:import_progress", args=[job.pk]), headers={"HX-Request": "true"})
        assert progress["HX-Refresh"] == "true"
        page = client.get(response.url).content.decode()
        assert 'data-testid="import-summary"' in page and "Created" in page
        history = client.get(reverse("orders:import_list")).content.decode()
        assert "orders.txt" in history and "All Orders report" in history

    def test_rejected_rows_download_as_csv(self, account, client_for, importer):
        job = importer(
            all_orders_file([all_orders_row(), all_orders_row(order_id="112-0000002-0000002", quantity="-4")])
        )
        from django.urls import reverse

        job.rejections.create(line_no=9, column="sku", value='=HYPERLINK("http://x.example")', reason="-bad")
        response = client_for(account).get(reverse("orders:import_rejections", args=[job.pk]))
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        assert response["Content-Type"].startswith("text/csv")
        assert body.splitlines() == [
            "line,column,value,reason",
            "3,quantity,'-4,not a whole number of 0 or more: -4",
            """9,sku,"'=HYPERLINK(""http://x.example"")",'-bad""",  # a file's text never runs as a formula
        ]

    def test_an_empty_upload_is_refused_by_the_form(self, account, client_for):
        from django.urls import reverse

        response = client_for(account).post(
            reverse("orders:import_upload"), {"file": SimpleUploadedFile("empty.txt", b""), "report_type": ""}
        )
        assert response.status_code == 200 and "The submitted file is empty" in response.content.decode()
        assert not account.import_jobs.exists()
