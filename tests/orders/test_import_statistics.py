"""A big import refreshes the planner's statistics of orders and items inside
its own transaction (orders.imports.upsert._statistics_refresh), so that what
runs after the upsert in that transaction (the rollup refresh, the re-plan) is
planned for the rows it wrote; a small one leaves them to autovacuum. A
feedback upload does the same for the feedback (feedbackhub.statistics)."""

from datetime import date, timedelta

import pytest
from django.db import connection

from feedback.models import Feedback
from feedbackhub.statistics import ANALYZE_MIN_ROWS
from orders.models import ImportStatus, Order, OrderItem

from .reports import all_orders_file, all_orders_row, feedback_file

pytestmark = pytest.mark.usefixtures("media_in_tmp")


def reltuples(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        return cursor.fetchone()[0]


def orders_file(count):
    return all_orders_file([all_orders_row(order_id=f"112-{n:07d}-{n:07d}") for n in range(1, count + 1)])


@pytest.mark.django_db
def test_a_big_import_analyses_the_rows_it_wrote_before_it_commits(importer):
    before = reltuples("orders_order")
    job = importer(orders_file(ANALYZE_MIN_ROWS))
    assert job.status == ImportStatus.SUCCEEDED, job.error
    # Nothing has committed (the test's transaction): only the import's own ANALYZE can count them.
    assert Order.objects.count() >= ANALYZE_MIN_ROWS
    assert reltuples("orders_order") == Order.objects.count() != before
    assert reltuples("orders_orderitem") == OrderItem.objects.count()


@pytest.mark.django_db
def test_a_small_import_leaves_the_statistics_to_autovacuum(importer):
    importer(orders_file(ANALYZE_MIN_ROWS))  # the statistics now know the account's orders
    known = reltuples("orders_order")
    # Fewer new orders than the minimum.
    job = importer(all_orders_file([all_orders_row(order_id=f"113-{n:07d}-{n:07d}") for n in range(1, 21)]))
    assert job.created == 20
    assert reltuples("orders_order") == known


@pytest.mark.django_db
def test_an_import_small_beside_what_the_account_holds_leaves_the_statistics(importer):
    importer(orders_file(12 * ANALYZE_MIN_ROWS))
    known = reltuples("orders_order")
    # The minimum, but under a tenth of the 12,000 orders the statistics know the account holds.
    job = importer(
        all_orders_file([all_orders_row(order_id=f"113-{n:07d}-{n:07d}") for n in range(1, ANALYZE_MIN_ROWS + 1)])
    )
    assert job.created == ANALYZE_MIN_ROWS
    assert reltuples("orders_order") == known


def feedback_upload(count, *, first=1):
    today = date.today()
    return feedback_file(
        [
            ((today - timedelta(days=1 + n % 50)).strftime("%m/%d/%y"), 1 + n % 5, "Fine", "", f"114-{n:07d}-0000001")
            for n in range(first, first + count)
        ]
    )


@pytest.mark.django_db
def test_a_big_feedback_upload_analyses_the_feedback_before_it_commits(importer):
    """The cases and rollups it refreshes next are planned for it (feedback.importers.run_feedback)."""
    before = reltuples("feedback_feedback")
    job = importer(feedback_upload(ANALYZE_MIN_ROWS), marketplace_code="US")
    assert job.status == ImportStatus.SUCCEEDED, job.error
    assert job.created == ANALYZE_MIN_ROWS
    assert reltuples("feedback_feedback") == Feedback.objects.count() != before


@pytest.mark.django_db
def test_a_small_feedback_upload_leaves_the_statistics_to_autovacuum(importer):
    importer(feedback_upload(ANALYZE_MIN_ROWS), marketplace_code="US")
    known = reltuples("feedback_feedback")
    job = importer(feedback_upload(20, first=ANALYZE_MIN_ROWS + 1), marketplace_code="US")
    assert job.created == 20
    assert reltuples("feedback_feedback") == known
