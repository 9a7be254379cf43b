"""The row loop of report types parsed line by line in Python (the claims
file here, feedback's seller feedback report): each line is parsed or
rejected with its line number, a row repeating an earlier one is rejected
too, the rest are upserted in batches of BATCH_ROWS, and progress is
reported after each batch. Runs in the import's transaction."""

from django.db import connection

from ..models import ImportRejection
from .reading import RowProblem
from .upsert import UpsertCounts

BATCH_ROWS = 2000


def parsed_rows_upsert(*, job, lines, progress, parse, key, duplicate, upsert):
    """Import the data lines (line_no, text) that follow a file's header.

    parse(line) -> a row, or raises RowProblem; key(row) -> what two rows
    share when the second repeats the first; duplicate(row, first_line_no) ->
    the RowProblem a repeat is rejected with; upsert(cursor, rows) ->
    (created, updated) for one batch.
    """
    counts = UpsertCounts()
    seen = {}
    batch, rejections = [], []

    def reject(line_no, problem):
        rejections.append(
            ImportRejection(
                job=job, line_no=line_no, column=problem.column, value=problem.value[:200], reason=problem.reason
            )
        )

    def flush(cursor):
        if not batch:
            return
        created, updated = upsert(cursor, batch)
        counts.created += created
        counts.updated += updated
        counts.unchanged += len(batch) - created - updated

    with connection.cursor() as cursor:
        for line_no, line in lines:
            if not line.strip():
                continue
            counts.rows += 1
            try:
                row = parse(line)
            except RowProblem as problem:
                reject(line_no, problem)
                continue
            row_key = key(row)
            if row_key in seen:
                reject(line_no, duplicate(row, seen[row_key]))
                continue
            seen[row_key] = line_no
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                flush(cursor)
                batch.clear()
                progress(counts.rows)
        flush(cursor)
    ImportRejection.objects.bulk_create(rejections, batch_size=1000)
    counts.rejected = len(rejections)
    return counts
