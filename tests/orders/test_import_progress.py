"""An import's live progress: what the page polls while the import runs."""

import pytest

from orders.imports import services
from orders.imports.batches import BATCH_ROWS
from orders.imports.progress import import_progress_set
from orders.imports.selectors import import_job_progress
from orders.models import ImportStatus
from tests.factories import ImportJobFactory

from .reports import CLAIMS_HEADER, feedback_file

pytestmark = pytest.mark.usefixtures("media_in_tmp")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "live", "percent"),
    [
        ("running", {"rows_done": 500, "phase": "reading"}, 20),
        ("running", {"rows_done": 1000, "phase": "checking"}, 45),
        ("running", {"rows_done": 1000, "phase": "saving"}, 70),
        ("succeeded", {"rows_done": 1000, "phase": "done"}, 100),
    ],
)
def test_progress_bar_leaves_room_for_the_sql_phases(account, status, live, percent):
    job = ImportJobFactory(account=account, status=status, rows_total=1000)
    import_progress_set(job.pk, rows_total=1000, **live)
    progress = import_job_progress(job=job)
    assert progress["percent"] == percent
    assert progress["rows_done"] == (1000 if status == "succeeded" else live["rows_done"])


def many_claims(count):
    rows = [f"112-{n:07d}-0000001,a-to-z,open,2026-11-03,,24.99,USD,Item not received" for n in range(count)]
    return "\n".join([CLAIMS_HEADER, *rows]) + "\n"


def many_feedback(count):
    return feedback_file([("11/02/26", 5, "Great", "", f"112-{n:07d}-0000001") for n in range(count)])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "marketplace_code"),
    [(many_claims, "claims.csv", None), (many_feedback, "feedback.txt", "US")],
    ids=["claims", "seller_feedback"],
)
def test_row_by_row_imports_report_rows_done_after_each_batch(importer, monkeypatch, content, name, marketplace_code):
    """Claims and seller feedback alike: the rows read so far after each full
    batch (the page polls them), nothing for the last, partial one."""
    reported = []

    def recording_progress_set(job_id, **progress):
        reported.append(progress)
        import_progress_set(job_id, **progress)

    monkeypatch.setattr(services, "import_progress_set", recording_progress_set)
    job = importer(content(2 * BATCH_ROWS + 1), name=name, marketplace_code=marketplace_code)

    assert job.status == ImportStatus.SUCCEEDED and job.created == 2 * BATCH_ROWS + 1
    reading = [(p["rows_done"], p["rows_total"]) for p in reported if p.get("phase", "reading") == "reading"]
    assert reading == [(0, job.rows_total), (BATCH_ROWS, job.rows_total), (2 * BATCH_ROWS, job.rows_total)]
