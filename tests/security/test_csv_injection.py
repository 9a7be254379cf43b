"""Every CSV the app writes is safe to open in a spreadsheet: a cell that
would start a formula (= + - @ tab CR) gets a leading quote. The downloads
all write through feedbackhub.csv_export.csv_stream; the walk below finds
every CSV route, so a new download without a test here fails."""

import csv
import io

import pytest
from django.urls import reverse

from feedback.rollups import rollups_refresh
from feedbackhub.csv_export import FORMULA_STARTS
from feedbackhub.tenancy.models import Marketplace, Role, SellerMarketplace
from tests.factories import FeedbackFactory, OrderFactory
from tests.orders.reports import all_orders_file, all_orders_row

from .urlwalk import KWARG_FACTORIES, POST_ONLY, account_routes

PAYLOADS = ['=HYPERLINK("x")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "\tleading tab", "\rleading CR"]
CSV_DOWNLOADS = {"orders:import_rejections", "feedback:export", "dashboard_export"}


def _download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body, newline="")))


def _cells(rows):
    return [cell for row in rows for cell in row]


def _assert_no_formula(rows):
    for cell in _cells(rows):
        if cell.startswith(FORMULA_STARTS):
            # Only a number may start with "-" unquoted (csv_safe leaves numbers as they are).
            assert cell.startswith("-") and cell[1:].replace(".", "", 1).isdigit(), f"formula cell {cell!r}"


@pytest.mark.django_db
def test_every_csv_download_is_one_of_those_tested_here(account, client_for):
    client = client_for(account, Role.OWNER)
    found = set()
    for route in account_routes():
        if route.name in POST_ONLY:
            continue
        kwargs = {kwarg: KWARG_FACTORIES[kwarg](account) for kwarg in route.kwargs}
        response = client.get(reverse(route.name, kwargs=kwargs))
        if response.get("Content-Type", "").startswith("text/csv"):
            found.add(route.name)
    assert found == CSV_DOWNLOADS


@pytest.mark.django_db
def test_rejected_rows_from_an_uploaded_file_are_escaped(account, client_for, importer):
    # Tab and CR cannot reach a cell through a tab-separated report: they are tried below.
    in_file = [p for p in PAYLOADS if not p.startswith(("\t", "\r"))]
    job = importer(
        all_orders_file(
            [all_orders_row(order_id=f"112-0000001-000000{n}", quantity=payload) for n, payload in enumerate(in_file)]
        )
    )
    for line, payload in enumerate(PAYLOADS, start=100):
        job.rejections.create(line_no=line, column="sku", value=payload, reason=payload)
    rows = _download(client_for(account), reverse("orders:import_rejections", args=[job.pk]))
    cells = _cells(rows[1:])
    for payload in PAYLOADS:
        assert "'" + payload in cells and payload not in cells
    assert sum(cell.startswith("'=HYPERLINK") for cell in cells) >= 3  # the file's row, and the value and reason
    _assert_no_formula(rows)


@pytest.mark.django_db
def test_feedback_export_escapes_comments_and_responses(account, client_for):
    for payload in PAYLOADS:
        FeedbackFactory(order=OrderFactory(account=account), rating=1, comment=payload, seller_response=payload)
    rows = _download(client_for(account), reverse("feedback:export"))
    cells = _cells(rows[1:])
    for payload in PAYLOADS:
        assert cells.count("'" + payload) == 2 and payload not in cells
    _assert_no_formula(rows)


@pytest.mark.django_db
def test_dashboard_csv_escapes_its_text_cells(account, client_for):
    """No seller text reaches this table; a marketplace code is the one text cell
    that comes from the database, so a code shaped like a formula stands in."""
    forged = Marketplace.objects.create(
        id="AFORMULA000001",
        code="=1",
        country_code="US",
        name="Formula test",
        domain="formula.example",
        currency="USD",
        time_zone="America/Los_Angeles",
        date_format="%Y-%m-%d",
        language="en_US",
        region="na",
    )
    SellerMarketplace.objects.create(account=account, marketplace=forged)
    FeedbackFactory(order=OrderFactory(account=account, marketplace=forged), rating=1)
    rollups_refresh(account=account)
    rows = _download(client_for(account), reverse("dashboard_export"))
    assert "'=1" in [row[0] for row in rows[1:]]
    _assert_no_formula(rows)
