"""The reports sync: createReport → getReport → getReportDocument → import."""

import logging
import tempfile
from dataclasses import dataclass
from datetime import timedelta

from feedbackhub.tenancy.amazon import (
    AmazonApi,
    AmazonError,
    QuotaWait,
    SyncBusy,
    iso_utc,
    parse_amazon_datetime,
    sync_lock,
)
from feedbackhub.tenancy.services import amazon_connection_error_note, amazon_connection_report_state_set

from ..imports.services import import_document
from ..models import ImportStatus

logger = logging.getLogger(__name__)

SYNC_LOCK_SECONDS = 60 * 60

FEEDBACK_REPORT = "GET_SELLER_FEEDBACK_DATA"
PERFORMANCE_REPORT = "GET_V2_SELLER_PERFORMANCE_REPORT"
REPORT_TYPES = (FEEDBACK_REPORT, PERFORMANCE_REPORT)
# Requested once a day (a little less, so an hourly beat never slips a day).
REPORT_INTERVAL = timedelta(hours=23)
# A report still not done after this is dropped and requested again.
REPORT_GIVE_UP_AFTER = timedelta(hours=12)
REPORT_POLLS_PER_RUN = 7  # three minutes of waiting at most; then the next run resumes
REPORT_POLL_SECONDS = 30.0
# Feedback can be left up to 90 days after the order; the first import reaches
# back a year for the 365-day figures.
FEEDBACK_DAYS = 90
FEEDBACK_FIRST_DAYS = 365
FINAL_STATUSES = ("DONE", "CANCELLED", "FATAL")
DOCUMENT_SUFFIX = {FEEDBACK_REPORT: "txt", PERFORMANCE_REPORT: "json"}
# The importer's report type keys (registered by the feedback app): a document
# that is not what was asked for is refused instead of guessed.
IMPORT_TYPE = {FEEDBACK_REPORT: "seller_feedback", PERFORMANCE_REPORT: "account_health"}
SPOOL_MEMORY_BYTES = 8 * 1024 * 1024


@dataclass
class ReportSyncResult:
    marketplace_code: str
    outcome: str  # "skipped", "pending", "imported", "import failed", "no data", "fatal", "error"
    report_id: str = ""
    import_job_id: int | None = None
    message: str = ""


def report_key(report_type, marketplace):
    return f"{report_type}:{marketplace.pk}"


def reports_sync(
    *, connection, report_type, now, api=None, polls=REPORT_POLLS_PER_RUN, poll_seconds=REPORT_POLL_SECONDS
):
    """Request, wait for and import one report type for each marketplace of
    the connection (see the orders.sync package doc). Every marketplace's
    report is requested before any is polled, so Amazon prepares them side by
    side. Returns one ReportSyncResult per marketplace."""
    if report_type not in REPORT_TYPES:
        raise ValueError(f"unsupported report type {report_type!r}")
    if polls < 1:
        raise ValueError("polls must be at least 1")
    results = []
    try:
        with sync_lock(f"reports:{connection.pk}:{report_type}", timeout=SYNC_LOCK_SECONDS):
            with api or AmazonApi(connection) as amazon:
                requested = [
                    _report_request(
                        connection=connection, amazon=amazon, report_type=report_type, marketplace=m, now=now
                    )
                    for m in connection.marketplaces.order_by("code")
                ]
                for marketplace, state, result in requested:
                    if result.outcome == "pending" and result.report_id:
                        _report_finish(
                            connection=connection,
                            amazon=amazon,
                            report_type=report_type,
                            marketplace=marketplace,
                            state=state,
                            result=result,
                            now=now,
                            polls=polls,
                            poll_seconds=poll_seconds,
                        )
                    results.append(result)
    except SyncBusy:
        logger.info("reports sync of connection %s (%s) already running", connection.pk, report_type)
    except AmazonError as error:
        amazon_connection_error_note(connection=connection, now=now, error=f"{report_type}: {error}")
        results.append(ReportSyncResult(marketplace_code="", outcome="error", message=str(error)))
    return results


def _report_request(*, connection, amazon, report_type, marketplace, now):
    """The marketplace's report to wait for: the pending one, or a new one
    if a day has passed since the last. Returns (marketplace, state, result)."""
    key = report_key(report_type, marketplace)
    state = dict(connection.report_requests.get(key) or {})
    result = ReportSyncResult(
        marketplace_code=marketplace.code, outcome="pending", report_id=state.get("report_id") or ""
    )
    requested_at = parse_amazon_datetime(state.get("requested_at"))
    if result.report_id and requested_at and now - requested_at > REPORT_GIVE_UP_AFTER:
        logger.warning("report %s (%s) never finished; requesting a new one", result.report_id, key)
        result.report_id = ""
    if result.report_id:
        return marketplace, state, result
    if requested_at and now - requested_at < REPORT_INTERVAL:
        result.outcome = "skipped"
        return marketplace, state, result
    try:
        result.report_id = _report_create(amazon, report_type, marketplace, state, now)
    except QuotaWait as wait:
        result.message = str(wait)
        return marketplace, state, result
    state.update(report_id=result.report_id, requested_at=iso_utc(now), status="IN_QUEUE")
    # Saved before polling: a run that stops here resumes with this report.
    amazon_connection_report_state_set(connection=connection, key=key, state=state)
    return marketplace, state, result


def _report_finish(*, connection, amazon, report_type, marketplace, state, result, now, polls, poll_seconds):
    """Poll the report (a bounded number of times) and import it once done."""
    try:
        report = _report_poll(amazon, result.report_id, polls, poll_seconds)
    except QuotaWait as wait:
        result.message = str(wait)
        return
    status = report.get("processingStatus", "")
    state["status"] = status
    key = report_key(report_type, marketplace)
    if status not in FINAL_STATUSES:
        amazon_connection_report_state_set(connection=connection, key=key, state=state)
        return
    if status == "DONE":
        try:
            job = _report_import(amazon, connection, report, report_type, marketplace)
        except QuotaWait as wait:
            # Done at Amazon but not fetched yet: the next run takes it from here.
            result.message = str(wait)
            amazon_connection_report_state_set(connection=connection, key=key, state=state)
            return
        result.import_job_id = state["import_job_id"] = job.pk
        if job.status == ImportStatus.SUCCEEDED:
            result.outcome = "imported"
            state["imported_at"] = iso_utc(now)
        else:
            result.outcome = "import failed"
            result.message = job.error
            amazon_connection_error_note(
                connection=connection, now=now, error=f"{report_type} for {marketplace.code}: {job.error}"
            )
    elif status == "CANCELLED":
        # Amazon cancels a report by itself when there is no data for it.
        result.outcome = "no data"
        state["imported_at"] = iso_utc(now)
    else:
        result.outcome = "fatal"
        result.message = f"Amazon could not produce report {result.report_id} ({report_type}, {marketplace.code})."
        amazon_connection_error_note(connection=connection, now=now, error=result.message)
    state["report_id"] = ""
    amazon_connection_report_state_set(connection=connection, key=key, state=state)


def _report_create(amazon, report_type, marketplace, state, now):
    if report_type == FEEDBACK_REPORT:
        days = FEEDBACK_DAYS if state.get("imported_at") else FEEDBACK_FIRST_DAYS
        return amazon.create_report(
            report_type=report_type,
            marketplace_ids=[marketplace.pk],
            data_start_time=now - timedelta(days=days),
            data_end_time=now,
        )
    return amazon.create_report(report_type=report_type, marketplace_ids=[marketplace.pk])


def _report_poll(amazon, report_id, polls, poll_seconds):
    report = amazon.get_report(report_id)
    for _ in range(polls - 1):
        if report.get("processingStatus") in FINAL_STATUSES:
            break
        amazon.sleep(poll_seconds)
        report = amazon.get_report(report_id)
    return report


def _report_import(amazon, connection, report, report_type, marketplace):
    document = amazon.get_report_document(report["reportDocumentId"])
    suffix = DOCUMENT_SUFFIX[report_type]
    if document.get("compressionAlgorithm") == "GZIP":
        suffix += ".gz"
    filename = f"{report_type}-{marketplace.code}-{report['reportId']}.{suffix}"
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY_BYTES) as spool:
        amazon.download(document["url"], spool)
        # The importer recognises gzip by its magic bytes.
        return import_document(
            account=connection.account,
            stream=spool,
            filename=filename,
            source="sp-api",
            report_type=IMPORT_TYPE[report_type],
            marketplace=marketplace,
        )
