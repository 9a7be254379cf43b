"""Every write of the import framework: create a job, run it, bring in a document."""

import itertools
import logging
import os
import tempfile
import traceback
from typing import IO

from django.contrib.auth.models import User
from django.core.files import File
from django.db import DatabaseError, OperationalError, transaction
from django.utils import timezone

from feedbackhub.tenancy.models import Marketplace, SellerAccount
from feedbackhub.tenancy.selectors import account_only_marketplace

from ..models import ImportJob, ImportRejection, ImportStatus
from ..signals import imported_rows_announce
from . import all_orders, claims, fba_shipments, fbm_orders  # noqa: F401 - register the report types
from .progress import import_progress_set
from .reading import FileRejected, count_lines, report_open, text_lines
from .registry import DOCUMENT_START_CHARS, SAMPLE_LINES, document_type_detect, report_type_detect, report_type_get

logger = logging.getLogger(__name__)


def import_job_create(
    *,
    account: SellerAccount,
    user: User,
    uploaded_file: File,
    requested_type: str = "",
    marketplace: Marketplace | None = None,
    source: str = "upload",
) -> ImportJob:
    """Store the file and queue its import (after this transaction commits)."""
    job = ImportJob(
        account=account,
        uploaded_by=user,
        source=source,
        original_name=os.path.basename(uploaded_file.name)[:255],
        size_bytes=uploaded_file.size or 0,
        requested_type=requested_type or "",
        marketplace=marketplace,
    )
    job.file.save(job.original_name, uploaded_file, save=False)
    job.save()
    import_progress_set(job.pk, rows_done=0, phase="queued")
    from ..tasks import import_run

    transaction.on_commit(lambda: import_run.delay(job.pk))
    return job


def _fail(job, message):
    job.status = ImportStatus.FAILED
    job.error = message
    job.created = job.updated = job.unchanged = job.rejected = 0
    job.finished_at = timezone.now()
    # The type and encoding found before the failure stay: the history says what the file was.
    job.save(
        update_fields=[
            "status",
            "error",
            "report_type",
            "encoding",
            "created",
            "updated",
            "unchanged",
            "rejected",
            "finished_at",
        ]
    )
    ImportRejection.objects.filter(job=job).delete()
    import_progress_set(job.pk, rows_done=0, rows_total=job.rows_total, phase="failed")
    return job


def _detect(job, sample):
    detected = report_type_detect(sample[0], sample)
    requested = report_type_get(job.requested_type) if job.requested_type else None
    if detected is None:
        expected = requested.label if requested else "a known report"
        raise FileRejected(f"Line 1 is not the header of {expected}: unknown report type.")
    if requested and detected.key != requested.key:
        raise FileRejected(f"This file is {detected.label}, not {requested.label} as chosen on upload.")
    if detected.needs_marketplace and job.marketplace is None:
        job.marketplace = account_only_marketplace(account=job.account)
        if job.marketplace is None:
            raise FileRejected(
                f"{detected.label} does not say which marketplace it covers: choose the marketplace when uploading."
            )
    return detected


def import_job_run(*, job_id: int) -> ImportJob:
    """Run a queued import. The whole file is one transaction: a rejected
    file or a crash writes nothing; a re-run of the same file changes nothing."""
    job = ImportJob.objects.select_related("account", "marketplace").get(pk=job_id)
    if job.is_finished:
        return job
    job.status = ImportStatus.RUNNING
    job.started_at = timezone.now()
    job.error = ""
    job.save(update_fields=["status", "started_at", "error"])

    def progress(rows_done, phase="reading"):
        done = job.rows_total if rows_done is None else rows_done
        import_progress_set(job.pk, rows_done=done, rows_total=job.rows_total, phase=phase)

    try:
        with job.file.open("rb") as raw:
            job.rows_total = max(count_lines(raw) - 1, 0)
        job.save(update_fields=["rows_total"])
        import_progress_set(job.pk, rows_done=0, rows_total=job.rows_total)
        with job.file.open("rb") as raw, transaction.atomic():
            ImportRejection.objects.filter(job=job).delete()
            report = report_open(raw, job.marketplace.code if job.marketplace else None)
            job.encoding = report.encoding
            lines = text_lines(report)
            start = report.binary.peek(DOCUMENT_START_CHARS)[:DOCUMENT_START_CHARS].decode(report.encoding, "ignore")
            if document_type_detect(start) is not None:
                # A document type reads report.binary itself, not line by line.
                head, lines = [(1, start)], iter(())
            else:
                head = list(itertools.islice(lines, 1))
            if not head or not head[0][1].strip():
                raise FileRejected("The file is empty.")
            if report_type_detect(head[0][1]) is None:
                # A header no type knows (localised column names): judge the first rows too. Types read
                # that way take their lines from `lines`; a known header leaves the stream untouched
                # for the fast paths that read the file themselves.
                head += itertools.islice(lines, SAMPLE_LINES - 1)
            report_type = _detect(job, [line for _, line in head])
            job.report_type = report_type.key
            counts = report_type.run(job=job, report=report, lines=itertools.chain(head, lines), progress=progress)
            if counts.rows == 0 and counts.rejected == 0:
                raise FileRejected("The file has a header but no rows.")
            job.created, job.updated, job.unchanged, job.rejected = (
                counts.created,
                counts.updated,
                counts.unchanged,
                counts.rejected,
            )
            imported_rows_announce(account=job.account, job=job)
    except FileRejected as error:
        return _fail(job, str(error))
    except OperationalError as error:
        logger.warning("import %s lost the database connection: %s", job.pk, type(error).__name__)
        _fail_after_disconnect(job)
        raise
    except DatabaseError as error:
        logger.exception("import %s failed in the database", job.pk)
        return _fail(job, f"The database refused the data ({type(error).__name__}); nothing was written.")
    except Exception as error:  # noqa: BLE001 - any other error must still end the job
        return _fail_unexpected(job, error)
    job.status = ImportStatus.SUCCEEDED
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "status",
            "report_type",
            "encoding",
            "marketplace",
            "created",
            "updated",
            "unchanged",
            "rejected",
            "finished_at",
        ]
    )
    import_progress_set(job.pk, rows_done=job.rows_total or 0, rows_total=job.rows_total, phase="done")
    return job


def _fail_unexpected(job, error):
    """An error no importer anticipated: the job ends failed (its transaction
    has rolled back) instead of staying "running". The log names the error's
    type and the code line it came from, never its message, which may quote
    the file (buyer data)."""
    frame = traceback.extract_tb(error.__traceback__)[-1]
    where = f"{os.path.relpath(frame.filename)}:{frame.lineno} in {frame.name}"
    logger.error("import %s failed on an unexpected %s at %s", job.pk, type(error).__name__, where)
    kind = job.report_type and report_type_get(job.report_type)
    what = kind.label if kind else "the file"
    return _fail(
        job,
        f"The import stopped on an unexpected error ({type(error).__name__}) while reading {what}; "
        "nothing was written. The file does not have the shape this report type should have.",
    )


def _fail_after_disconnect(job):
    """Record the failure on a fresh connection if the database is back."""
    from django.db import connection

    connection.close()
    try:
        _fail(job, "The database connection was lost during the import; nothing was written. Upload again to retry.")
    except DatabaseError:
        logger.warning("import %s: database still unavailable; the job stays as running", job.pk)


def import_document(
    *,
    account: SellerAccount,
    stream: IO[bytes],
    filename: str,
    source: str,
    report_type: str = "",
    marketplace: Marketplace | None = None,
    user: User | None = None,
) -> ImportJob:
    """Import a downloaded report document (SP-API) through the upload path, now."""
    with tempfile.TemporaryFile() as spool:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            spool.write(chunk)
        spool.seek(0)
        upload = File(spool, name=filename)
        upload.size = spool.seek(0, os.SEEK_END)
        spool.seek(0)
        job = ImportJob(
            account=account,
            uploaded_by=user,
            source=source,
            original_name=filename[:255],
            size_bytes=upload.size,
            requested_type=report_type or "",
            marketplace=marketplace,
        )
        job.file.save(job.original_name, upload, save=False)
        job.save()
    return import_job_run(job_id=job.pk)
