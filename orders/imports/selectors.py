import io
import itertools

from django.db.models import QuerySet

from feedbackhub.tenancy.models import SellerAccount

from ..models import ImportJob, ImportRejection
from .progress import import_progress_get
from .reading import SAMPLE_BYTES, FileRejected, report_open, text_lines
from .registry import SAMPLE_LINES, ReportType, report_type_detect


def import_job_list(*, account: SellerAccount) -> QuerySet[ImportJob]:
    return ImportJob.objects.for_account(account).select_related("uploaded_by", "marketplace")


def import_job_get(*, account: SellerAccount, job_id: int) -> ImportJob | None:
    return import_job_list(account=account).filter(pk=job_id).first()


def import_rejections(*, job: ImportJob) -> QuerySet[ImportRejection]:
    return ImportRejection.objects.filter(job=job).order_by("line_no", "id")


# Reading the rows is the first 40 % of the bar; the set-based SQL after it
# (checking, then saving) takes about as long again, so it fills the rest.
PHASE_PERCENT = {"checking": 45, "saving": 70}
READING_SHARE = 40


def import_job_progress(*, job: ImportJob) -> dict[str, int | str]:
    """Rows done of total and the phase, live from Redis while running."""
    live = import_progress_get(job.pk) or {}
    phase = live.get("phase", "")
    rows_total = job.rows_total or live.get("rows_total") or 0
    rows_done = rows_total if job.is_finished else min(live.get("rows_done", 0), rows_total or 0)
    if job.is_finished:
        percent = 100
    elif phase in PHASE_PERCENT:
        percent = PHASE_PERCENT[phase]
    else:
        percent = int(READING_SHARE * rows_done / rows_total) if rows_total else 0
    return {"rows_done": rows_done, "rows_total": rows_total, "percent": percent, "phase": phase}


def upload_report_type(*, uploaded_file) -> ReportType | None:
    """The report type of a file not yet imported, from its first lines
    (None when it is unreadable or unknown: the import itself says why)."""
    uploaded_file.seek(0)
    head = io.BytesIO(uploaded_file.read(SAMPLE_BYTES))  # a copy: the upload itself stays open and unread
    uploaded_file.seek(0)
    try:
        sample = [line for _, line in itertools.islice(text_lines(report_open(head)), SAMPLE_LINES)]
    except FileRejected:
        return None
    return report_type_detect(sample[0], sample) if sample else None
