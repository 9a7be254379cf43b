"""Order rows in: COPY into a staging table, check in SQL, upsert set-based.

The fast path of every order source (files and SP-API sync):
1. the rows stream into a staging table with COPY (constant memory; an
   UNLOGGED table of the connection's own, which the check scans in
   parallel: sql.staging_sql);
2. one SELECT checks them (order id, dates, status, quantity, price,
   marketplace, duplicates), keeps, per row, the first problem found and
   types the values once (dates, quantity, price) for the steps after;
3. rejected rows go to ImportRejection with line, column and reason;
4. item rows fold into orders and INSERT … ON CONFLICT upserts orders,
   matched by amazon-order-id within the account (the merge rule below);
   the items of the orders it inserted go in with a plain INSERT, those of
   stored orders with INSERT … ON CONFLICT;
5. buyer data (ship-to, email, name) of orders still inside the 30-day
   retention is encrypted, with the email's keyed digest (buyer_key); older
   ones are never stored.
All of it runs in the caller's transaction: a failure leaves nothing behind.

The merge rule. Newest data wins, and a known value is never downgraded to
unknown:
- A dated source (All Orders, SP-API: rows with last-updated) replaces what
  every source says about an order (status, channel, marketplace, totals,
  flags: sql.ORDER_FIELDS) and its items when its last-updated is newer;
  an older row leaves the order alone.
- The dates a source may not know (ship and delivery windows, shipped and
  delivered times: sql.FILL_IN_FIELDS) and the buyer data take the
  incoming value only when it is known (COALESCE): an All Orders upload,
  which has neither, never erases what a shipments report brought.
- A supplementary report (fills_in=True: FBA shipments, FBM order
  reports) has no last-updated. It creates the orders it is first to see
  (last-updated = purchase date, so any dated source later wins), and on an
  order already stored it fills in only the fields it carries (dates, buyer
  data) whatever the order's last-updated; status, totals and items stay.

The modules: copy (the COPY stream), sql (the statements), shipto (the
ship-to encryption); the steps run in order_copy_upsert below.
"""

from dataclasses import dataclass, field

from django.db import DataError, connection, transaction
from django.utils import timezone

from feedbackhub.statistics import analyze_when_grown

from ..reading import FileRejected
from ..rows import STAGING_COLUMNS
from .copy import ChunkStream, copy_error_line, copy_from, order_row_line
from .shipto import ship_to_encrypt
from .sql import (
    COUNTS_SQL,
    DUPLICATES_SQL,
    FOLD_SQL,
    INSERT_NEW_ITEMS_SQL,
    LINE_SHIFT_SQL,
    LINK_CLAIMS_SQL,
    MARKETPLACES_SQL,
    NO_ITEM_CHANGES_SQL,
    REJECTION_REASON_SQL,
    REJECTIONS_SQL,
    SESSION_SQL,
    TEMP_BUFFERS_SQL,
    UPSERT_ITEMS_SQL,
    UPSERT_ORDERS_SQL,
    VALUE_SEP,
    check_sql,
    order_total_check_sql,
    staging_copy_sql,
    staging_sql,
    staging_table,
)

REJECTIONS_RETURNED = 100


@dataclass
class UpsertCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rows: int = 0
    # The first rejections, for callers without an ImportJob (e.g. sync):
    # (line, column, reason, the value refused).
    rejections: list = field(default_factory=list)


def order_copy_upsert(
    *,
    account,
    copy_columns,
    chunks,
    encoding="utf-8",
    first_line_no=2,
    extra_columns=(),
    job=None,
    default_marketplace=None,
    progress=None,
    now=None,
    fills_in=False,
    defaults=None,
    labels=None,
    line_shifts=(),
):
    """Upsert COPY-text chunks whose columns are `copy_columns` (staging
    column names; extra_columns are a file's unknown ones, ignored).

    fills_in: the rows come from a supplementary report (the merge rule
    above). defaults: staging column → value for the columns the file lacks.
    labels: staging column → the file's name for it, for rejections.
    line_shifts: (staged row number, blank lines before it) where the chunks
    left blank lines out (orders.imports.tsv), filled in while they are read."""
    now = now or timezone.now()
    params = {
        "account_id": account.pk,
        "job_id": job.pk if job else None,
        "default_marketplace": default_marketplace.pk if default_marketplace else None,
        "now": now,
        "fills_in": fills_in,
    }
    with connection.cursor() as cursor:
        cursor.execute(SESSION_SQL)
        _temp_buffers_raise(cursor)
        cursor.execute("SELECT pg_backend_pid()")
        rows_table = staging_table(cursor.fetchone()[0])
        cursor.execute(staging_sql(rows_table, first_line_no, extra_columns, defaults))
        try:
            copy_from(cursor, staging_copy_sql(rows_table, copy_columns, encoding), ChunkStream(chunks))
        except DataError as error:
            copy_line = copy_error_line(error)
            where = f"Line {first_line_no - 1 + copy_line}" if copy_line else "The file"
            raise FileRejected(f"{where} cannot be read as {encoding}: {str(error).splitlines()[0]}") from error
        if line_shifts:
            _line_numbers_restore(cursor, rows_table, line_shifts)
        if progress:
            progress(None, phase="checking")
        # The new table's row count: without it the planner takes 1,000,000
        # staged rows for a sixth as many and plans the check on one core. One
        # column with a small target samples 3,000 rows (1,000,000 rows: every
        # column analysed took 0.8 s, this under 0.05 s).
        cursor.execute(f"ALTER TABLE {rows_table} ALTER line_no SET STATISTICS 10; ANALYZE {rows_table} (line_no)")
        cursor.execute(DUPLICATES_SQL.format(table=rows_table))
        cursor.execute(check_sql(table=rows_table, duplicates=cursor.fetchone()[0], labels=labels), params)
        cursor.execute(f"DROP TABLE {rows_table}")
        # Temp tables have no statistics until analysed; without them the
        # planner picks nested loops that take minutes on big files.
        cursor.execute("ANALYZE import_order_checked (amazon_order_id, sku, reject)")
        cursor.execute(FOLD_SQL, params)
        cursor.execute("ANALYZE import_orders (amazon_order_id)")
        cursor.execute(order_total_check_sql(labels), params)
        if job is not None:
            cursor.execute(REJECTIONS_SQL, params)
        if progress:
            progress(None, phase="saving")
        cursor.execute(MARKETPLACES_SQL, params)
        cursor.execute(UPSERT_ORDERS_SQL, params)
        cursor.execute("ANALYZE import_touched")
        cursor.execute(INSERT_NEW_ITEMS_SQL)
        cursor.execute(
            "SELECT (SELECT count(*) FROM import_orders), (SELECT count(*) FROM import_touched WHERE inserted)"
        )
        orders_in_file, inserted = cursor.fetchone()
        # Every order new (a first upload): no stored item to upsert.
        cursor.execute(UPSERT_ITEMS_SQL if orders_in_file > inserted else NO_ITEM_CHANGES_SQL, params)
        cursor.execute("ANALYZE import_item_changes")
        _statistics_refresh(cursor, account.pk, inserted)
        ship_to_encrypt(cursor, now, account.pk)
        cursor.execute(LINK_CLAIMS_SQL, params)
        cursor.execute(COUNTS_SQL)
        created, updated, orders_in_file, rejected, rows = cursor.fetchone()
        counts = UpsertCounts(
            created=created, updated=updated, unchanged=orders_in_file - created - updated, rejected=rejected, rows=rows
        )
        if job is None and rejected:
            cursor.execute(
                f"SELECT line_no, split_part(reject, '|', 1), {REJECTION_REASON_SQL}, "
                f"split_part(reject, {VALUE_SEP}, 2) "
                "FROM import_order_checked WHERE reject IS NOT NULL ORDER BY line_no LIMIT %s",
                [REJECTIONS_RETURNED],
            )
            counts.rejections = cursor.fetchall()
        cursor.execute(
            "DROP TABLE import_order_checked, import_orders, import_touched, import_item_changes, "
            "import_pii; "
            "DROP SEQUENCE import_line_seq"
        )
    return counts


def _statistics_refresh(cursor, account_id, created):
    """ANALYZE orders and order items when this import added many orders for
    the account (feedbackhub.statistics). What runs after the upsert in the
    same transaction (the dashboard's rollup refresh, the re-plan) is planned
    from the statistics: a seller's first big upload, which they put at one
    row, got one scan of the account's orders per (marketplace, day) key in
    the rollup refresh: 38 s of a 45 s import of 200,000 rows, 325 s at
    1,000,000 (bench/import_orders.py)."""
    analyze_when_grown(
        cursor,
        added=created,
        believed_sql="SELECT 1 FROM orders_order WHERE account_id = %s",
        params=[account_id],
        tables=("orders_order", "orders_orderitem"),
    )


def _temp_buffers_raise(cursor):
    """Larger local buffers for the staging tables (sql.TEMP_BUFFERS_SQL):
    at 1M rows the import takes about a fifth less time. Refused once the
    session has used a temporary table with another size (a savepoint keeps
    the transaction usable): the import then runs with the session's size."""
    try:
        with transaction.atomic():
            cursor.execute(TEMP_BUFFERS_SQL)
    except DataError:
        pass


def _line_numbers_restore(cursor, rows_table, line_shifts):
    """Give staged rows their file line numbers back where blank lines were left out."""
    cursor.execute(
        "DROP TABLE IF EXISTS import_line_shift; "
        "CREATE TEMP TABLE import_line_shift (staged_from bigint PRIMARY KEY, shift bigint) ON COMMIT DROP"
    )
    copy_from(
        cursor,
        "COPY import_line_shift FROM STDIN",
        ChunkStream(f"{staged}\t{shift}\n".encode() for staged, shift in line_shifts),
    )
    cursor.execute(LINE_SHIFT_SQL.format(table=rows_table))
    cursor.execute("DROP TABLE import_line_shift")


def order_rows_upsert(*, account, rows, job=None, default_marketplace=None, progress=None, now=None):
    """Upsert OrderRow values (any source, e.g. SP-API: a dated one) in the caller's transaction."""
    return order_copy_upsert(
        account=account,
        copy_columns=STAGING_COLUMNS,
        chunks=(order_row_line(row) for row in rows),
        job=job,
        default_marketplace=default_marketplace,
        progress=progress,
        now=now,
    )
