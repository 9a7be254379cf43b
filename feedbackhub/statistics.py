"""Planner statistics refreshed by the writer that grew a table.

Autovacuum analyses a table only after the rows commit, and then only on its
next round (up to a minute later). What runs in the meantime is planned as if
the table were still its old size: a seller's first big upload or first plan
looks like a handful of rows, and the planner picks a scan and sort of the
whole account where an index would read a few rows (orders.imports.upsert,
messaging.planning). The writer that knows how many rows it added analyses
the table when they are many for it."""

# A write adding at least this many rows, and more than a tenth of what the
# statistics think the account holds (autovacuum's own scale factor), analyses.
ANALYZE_MIN_ROWS = 1_000
ANALYZE_GROWTH = 0.1


def analyze_when_grown(cursor, *, added: int, believed_sql: str, params, tables: tuple[str, ...]) -> bool:
    """ANALYZE `tables` when `added` rows are many against the rows the
    planner believes `believed_sql` returns (the account's rows: a SELECT
    over the table the statistics describe). ANALYZE counts this
    transaction's own new rows; the statistics it writes become everyone's at
    commit (and go with a rolled-back write). It holds the tables' SHARE
    UPDATE EXCLUSIVE lock until then: a second writer that analyses waits
    for the first to commit (reads and writes do not). True: analysed."""
    if added < ANALYZE_MIN_ROWS:
        return False
    cursor.execute(f"EXPLAIN (FORMAT JSON) {believed_sql}", params)
    believed = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]
    if added <= ANALYZE_GROWTH * believed:
        return False
    cursor.execute(f"ANALYZE {', '.join(tables)}")
    return True
