from django.db.models import QuerySet

from feedbackhub.tenancy.models import SellerAccount

from ..models import ImportJob, ImportRejection
from .progress import import_progress_get


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
