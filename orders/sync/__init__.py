"""Pulling a seller's data from SP-API: orders (searchOrders) and reports.

Orders (orders.py): one window of "last updated" time per sync, [cursor,
now − 2 min] (Amazon wants lastUpdatedBefore at least two minutes in the
past), paged with Amazon's pagination token. Each page is converted to
OrderRow values and upserted in its own transaction, together with the
resume point (the next token); the cursor moves to the window's end only
when the last page has committed. A run stops after a page budget or when
the usage plan would make it wait too long, and the next run resumes from
the stored token.

Reports (reports.py): for each marketplace, createReport → getReport until
DONE / CANCELLED / FATAL (a bounded number of polls per run; the reportId is
kept on the connection, so the next run resumes) → getReportDocument →
download → the same import path as an uploaded file.
"""

from .orders import OrdersSyncResult, order_rows_from_order, orders_sync
from .reports import REPORT_TYPES, ReportSyncResult, reports_sync

__all__ = [
    "REPORT_TYPES",
    "OrdersSyncResult",
    "ReportSyncResult",
    "order_rows_from_order",
    "orders_sync",
    "reports_sync",
]
