"""SP-API reports sync: reports requested, polled, downloaded and imported,
unfinished and failed reports, and the tasks that run both syncs. Amazon is
faked at the HTTP level (respx); PostgreSQL, Redis and the import path are
real. The orders sync: test_sync_orders.py."""

from datetime import UTC, datetime, timedelta

import pytest

from feedback.models import AccountHealthSnapshot, Feedback
from feedbackhub.tenancy.models import ConnectionStatus
from feedbackhub.tenancy.selectors import amazon_connections_due
from orders import tasks
from orders.models import ImportJob, ImportStatus, Order
from orders.sync import reports_sync
from tests.factories import AmazonConnectionFactory, OrderFactory
from tests.sp_api_fakes import (
    CA,
    CREATE_REPORT_URL,
    NA_HOST,
    SEARCH_ORDERS_URL,
    US,
    gzipped,
    json_body,
    order,
    orders_page,
    report,
    sent,
)

from .reports import feedback_file, health_report

pytestmark = pytest.mark.usefixtures("media_in_tmp")

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


# Reports


def _document_routes(sp_api, report_id, document_id, content, compressed=True):
    url = f"https://tortuga-prod-na.s3-external-1.amazonaws.com/{document_id}.txt?X-Amz-Signature=test"
    body = {"reportDocumentId": document_id, "url": url}
    if compressed:
        body["compressionAlgorithm"] = "GZIP"
    document = sp_api.router.get(f"{NA_HOST}/reports/2021-06-30/documents/{document_id}").respond(200, json=body)
    download = sp_api.router.get(url).respond(200, content=gzipped(content) if compressed else content.encode())
    return document, download


@pytest.mark.django_db
def test_feedback_report_is_requested_polled_downloaded_and_imported(sp_api, account):
    connection = AmazonConnectionFactory(account=account, marketplaces=["US"])
    OrderFactory(account=account, amazon_order_id="112-0000001-0000001")
    create = sp_api.router.post(CREATE_REPORT_URL).respond(202, json={"reportId": "ID323"})
    poll = sp_api.router.get(f"{CREATE_REPORT_URL}/ID323").mock(
        side_effect=[
            report("ID323", "IN_QUEUE"),
            report("ID323", "IN_PROGRESS"),
            report("ID323", "DONE", document_id="DOC-1"),
        ]
    )
    document, download = _document_routes(
        sp_api,
        "ID323",
        "DOC-1",
        feedback_file([("11/15/26", 1, "Arrived broken.", "", "112-0000001-0000001")]),
    )

    [result] = reports_sync(
        connection=connection, report_type="GET_SELLER_FEEDBACK_DATA", now=NOW, api=sp_api.api(connection)
    )

    assert result.outcome == "imported", result.message
    # reports_2021-06-30.json: createReport takes only a body; getReport and
    # getReportDocument only their path id (no marketplace parameters).
    assert sent(create.calls.last.request) == (
        "POST",
        "/reports/2021-06-30/reports",
        {},
        {
            "reportType": "GET_SELLER_FEEDBACK_DATA",
            "marketplaceIds": [US],
            "dataStartTime": "2025-11-20T12:00:00Z",  # the first import reaches back a year
            "dataEndTime": "2026-11-20T12:00:00Z",
        },
    )
    assert [sent(call.request) for call in poll.calls] == [("GET", "/reports/2021-06-30/reports/ID323", {}, None)] * 3
    assert sent(document.calls.last.request) == ("GET", "/reports/2021-06-30/documents/DOC-1", {}, None)
    assert download.call_count == 1
    assert sp_api.clock.sleeps == [30.0, 30.0]  # polling pauses, on the fake clock
    job = ImportJob.objects.get(pk=result.import_job_id)
    assert (job.source, job.status, job.marketplace_id, job.report_type) == (
        "sp-api",
        ImportStatus.SUCCEEDED,
        US,
        "seller_feedback",
    )
    assert job.original_name == "GET_SELLER_FEEDBACK_DATA-US-ID323.txt.gz"
    feedback = Feedback.objects.get(account=account)
    assert (feedback.amazon_order_id, feedback.rating, feedback.order.amazon_order_id) == (
        "112-0000001-0000001",
        1,
        "112-0000001-0000001",
    )
    connection.refresh_from_db()
    state = connection.report_requests[f"GET_SELLER_FEEDBACK_DATA:{US}"]
    assert state["report_id"] == "" and state["imported_at"] == "2026-11-20T12:00:00Z"


@pytest.mark.django_db
def test_report_polling_is_bounded_and_the_next_run_resumes_the_same_report(sp_api, account):
    connection = AmazonConnectionFactory(account=account, marketplaces=["US"])
    create = sp_api.router.post(CREATE_REPORT_URL).respond(202, json={"reportId": "ID400"})
    sp_api.router.get(f"{CREATE_REPORT_URL}/ID400").mock(
        side_effect=[
            report("ID400", "IN_PROGRESS"),
            report("ID400", "IN_PROGRESS"),
            report("ID400", "DONE", document_id="DOC-4"),
        ]
    )
    _document_routes(
        sp_api, "ID400", "DOC-4", feedback_file([("11/15/26", 2, "Late.", "", "112-0000009-0000009")]), compressed=False
    )

    [first] = reports_sync(
        connection=connection, report_type="GET_SELLER_FEEDBACK_DATA", now=NOW, api=sp_api.api(connection), polls=2
    )
    connection.refresh_from_db()
    assert first.outcome == "pending"
    assert connection.report_requests[f"GET_SELLER_FEEDBACK_DATA:{US}"]["report_id"] == "ID400"

    [second] = reports_sync(
        connection=connection,
        report_type="GET_SELLER_FEEDBACK_DATA",
        now=NOW + timedelta(hours=1),
        api=sp_api.api(connection),
    )
    assert (second.report_id, second.outcome) == ("ID400", "imported")
    assert create.call_count == 1
    assert Feedback.objects.filter(account=account, amazon_order_id="112-0000009-0000009").exists()


@pytest.mark.django_db
def test_a_report_is_requested_once_a_day(sp_api, account):
    connection = AmazonConnectionFactory(account=account, marketplaces=["US"])
    create = sp_api.router.post(CREATE_REPORT_URL).respond(202, json={"reportId": "ID500"})
    sp_api.router.get(f"{CREATE_REPORT_URL}/ID500").respond(
        200, json={"reportId": "ID500", "reportType": "GET_SELLER_FEEDBACK_DATA", "processingStatus": "CANCELLED"}
    )

    def run(now):
        [result] = reports_sync(
            connection=connection, report_type="GET_SELLER_FEEDBACK_DATA", now=now, api=sp_api.api(connection)
        )
        return result.outcome

    # Amazon cancels a report by itself when there is nothing in it.
    assert run(NOW) == "no data"
    assert run(NOW + timedelta(hours=6)) == "skipped"
    assert run(NOW + timedelta(hours=24)) == "no data"
    assert create.call_count == 2
    # After the first import, 90 days: the time a buyer has to leave feedback.
    later_start = NOW + timedelta(hours=24) - timedelta(days=90)
    assert json_body(create.calls.last.request)["dataStartTime"] == later_start.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.django_db
def test_account_health_report_json_is_imported(sp_api, account):
    connection = AmazonConnectionFactory(account=account, marketplaces=["US"])
    create = sp_api.router.post(CREATE_REPORT_URL).respond(202, json={"reportId": "ID600"})
    sp_api.router.get(f"{CREATE_REPORT_URL}/ID600").mock(
        side_effect=[report("ID600", "DONE", report_type="GET_V2_SELLER_PERFORMANCE_REPORT", document_id="DOC-6")]
    )
    _document_routes(sp_api, "ID600", "DOC-6", health_report(marketplace_id=US))

    [result] = reports_sync(
        connection=connection, report_type="GET_V2_SELLER_PERFORMANCE_REPORT", now=NOW, api=sp_api.api(connection)
    )

    assert result.outcome == "imported", result.message
    assert json_body(create.calls.last.request) == {
        "reportType": "GET_V2_SELLER_PERFORMANCE_REPORT",
        "marketplaceIds": [US],
    }
    assert set(AccountHealthSnapshot.objects.filter(account=account).values_list("fulfillment", flat=True)) == {
        "afn",
        "mfn",
    }


@pytest.mark.django_db
def test_a_fatal_report_is_noted_without_stopping_the_orders_sync(sp_api, account):
    connection = AmazonConnectionFactory(account=account, marketplaces=["US"])
    sp_api.router.post(CREATE_REPORT_URL).respond(202, json={"reportId": "ID700"})
    sp_api.router.get(f"{CREATE_REPORT_URL}/ID700").mock(side_effect=[report("ID700", "FATAL")])

    [result] = reports_sync(
        connection=connection, report_type="GET_SELLER_FEEDBACK_DATA", now=NOW, api=sp_api.api(connection)
    )

    assert result.outcome == "fatal"
    connection.refresh_from_db()
    assert "ID700" in connection.last_error and connection.status == ConnectionStatus.OK
    assert list(amazon_connections_due(now=NOW)) == [connection]


@pytest.mark.django_db
def test_the_tasks_run_the_syncs_for_one_connection(sp_api, connection):
    sp_api.router.get(SEARCH_ORDERS_URL).mock(side_effect=[orders_page([order("112-0000001-0000001")])])
    create = sp_api.router.post(CREATE_REPORT_URL).respond(202, json={"reportId": "ID800"})
    sp_api.router.get(f"{CREATE_REPORT_URL}/ID800").respond(
        200, json={"reportId": "ID800", "reportType": "GET_SELLER_FEEDBACK_DATA", "processingStatus": "CANCELLED"}
    )

    tasks.orders_sync_for(connection_id=connection.pk)
    tasks.reports_sync_for(connection_id=connection.pk)

    assert Order.objects.filter(account=connection.account).count() == 1
    # Both report types, for each of the connection's two marketplaces.
    sent = sorted(
        (json_body(call.request)["reportType"], *json_body(call.request)["marketplaceIds"]) for call in create.calls
    )
    assert sent == sorted(
        (report_type, marketplace_id)
        for report_type in ("GET_SELLER_FEEDBACK_DATA", "GET_V2_SELLER_PERFORMANCE_REPORT")
        for marketplace_id in (US, CA)
    )
