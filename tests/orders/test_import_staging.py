"""The staging table an import COPYs into (orders.imports.upsert.sql.staging_sql):
an UNLOGGED table of the connection's own, so that PostgreSQL may scan it in
parallel for the row check, and gone once the import returns or fails."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

import orders.imports.upsert as upsert
from orders.models import ImportStatus, Order

from .reports import all_orders_file, all_orders_row

pytestmark = pytest.mark.usefixtures("media_in_tmp")


def staging_tables():
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, relpersistence FROM pg_class WHERE relname LIKE 'import_order_rows%%'")
        return cursor.fetchall()


def a_file(count=3):
    return all_orders_file([all_orders_row(order_id=f"112-{n:07d}-{n:07d}") for n in range(1, count + 1)])


@pytest.mark.django_db
def test_the_row_check_may_run_in_parallel_over_the_staged_rows(importer, monkeypatch):
    """With parallel plans made free, PostgreSQL scans the staged rows in
    parallel workers wherever it may: never a TEMP table, nor under an
    expression with a function that is not parallel safe."""
    plans, seen = [], []
    check_sql = upsert.check_sql

    def check_sql_explained(**kwargs):
        sql = check_sql(**kwargs)
        select = sql.split(" AS\n", 1)[1]
        params = {"default_marketplace": None, "now": timezone.now(), "account_id": 0, "job_id": None}
        with connection.cursor() as cursor:
            seen.extend(staging_tables())
            free = ("parallel_setup_cost", "parallel_tuple_cost", "min_parallel_table_scan_size")
            cursor.execute("; ".join(f"SET LOCAL {name} = 0" for name in free))
            cursor.execute(f"EXPLAIN {select}", params)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
            cursor.execute("; ".join(f"SET LOCAL {name} TO DEFAULT" for name in free))
        return sql

    monkeypatch.setattr(upsert, "check_sql", check_sql_explained)
    job = importer(a_file())
    assert job.status == ImportStatus.SUCCEEDED, job.error
    assert Order.objects.count() == 3
    [(name, persistence)] = seen
    assert persistence == "u"  # unlogged, not temporary ("t")
    [plan] = plans
    assert f"Parallel Seq Scan on {name}" in plan, plan


@pytest.mark.django_db
def test_no_staging_table_outlives_the_import(importer):
    job = importer(a_file())
    assert job.status == ImportStatus.SUCCEEDED, job.error
    assert staging_tables() == []


@pytest.mark.django_db
def test_no_staging_table_outlives_a_file_that_fails_to_load(importer):
    # A byte that is not UTF-8, past the sample the encoding is detected from:
    # COPY itself refuses it, once the staging table holds thousands of rows.
    rows = [all_orders_row(order_id=f"112-0000000-{n:07d}") for n in range(1, 5000)]
    content = all_orders_file([*rows, all_orders_row(order_id="112-0000002-0000002", title="TITLE")])
    job = importer(content.encode().replace(b"TITLE", b"caf\xe9"))
    assert job.status == ImportStatus.FAILED
    assert job.error.startswith("Line 5001 cannot be read as utf-8"), job.error
    assert staging_tables() == []
    assert Order.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_each_stage_their_own_rows(account, other_account, member_of, monkeypatch):
    """The first import holds its staging table, uncommitted, while the second
    runs from start to end on its own connection: with one shared name the
    second would wait on the first's table until it committed."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from orders.imports.services import import_job_create, import_job_run

    staged, release = threading.Event(), threading.Event()
    check_sql = upsert.check_sql

    def check_sql_paused(**kwargs):
        if threading.current_thread().name == "first":
            staged.set()
            assert release.wait(60)
        return check_sql(**kwargs)

    monkeypatch.setattr(upsert, "check_sql", check_sql_paused)
    jobs = {}
    for name, owner, prefix in (("first", account, 112), ("second", other_account, 113)):
        rows = [all_orders_row(order_id=f"{prefix}-{n:07d}-{n:07d}") for n in range(1, 4)]
        upload = SimpleUploadedFile("report.txt", all_orders_file(rows).encode())
        jobs[name] = import_job_create(account=owner, user=member_of(owner), uploaded_file=upload, requested_type="")
    results = {}

    def run(name):
        try:
            results[name] = import_job_run(job_id=jobs[name].pk)
        finally:
            connection.close()

    first = threading.Thread(target=run, args=("first",), name="first")
    first.start()
    try:
        assert staged.wait(60)
        second = threading.Thread(target=run, args=("second",), name="second")
        second.start()
        second.join(30)
        assert not second.is_alive(), "the second import waited on the first"
    finally:
        release.set()
        first.join(60)
    assert {name: job.status for name, job in results.items()} == {
        "first": ImportStatus.SUCCEEDED,
        "second": ImportStatus.SUCCEEDED,
    }
    assert Order.objects.filter(account=account).count() == Order.objects.filter(account=other_account).count() == 3
