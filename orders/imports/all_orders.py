"""Seller Central's All Orders report
(GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL): tab-separated, one row
per order item. Unknown extra columns are ignored."""

from .reading import FileRejected
from .registry import ReportType, header_columns, report_type_register
from .tsv import copy_chunks
from .upsert import order_copy_upsert

KEY = "all_orders"
# Report column → staging column.
COLUMN_MAP = {
    "amazon-order-id": "amazon_order_id",
    "merchant-order-id": "merchant_order_id",
    "purchase-date": "purchase_date",
    "last-updated-date": "last_updated",
    "order-status": "order_status",
    "fulfillment-channel": "fulfillment_channel",
    "sales-channel": "sales_channel",
    "ship-service-level": "ship_service_level",
    "product-name": "title",
    "sku": "sku",
    "asin": "asin",
    "item-status": "item_status",
    "quantity": "quantity",
    "currency": "currency",
    "item-price": "item_price",
    "ship-city": "ship_city",
    "ship-state": "ship_state",
    "ship-postal-code": "ship_postal_code",
    "ship-country": "ship_country",
    "is-business-order": "is_business_order",
    "is-prime": "is_prime",
    "is-replacement-order": "is_replacement_order",
}
REQUIRED = (
    "amazon-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "sku",
    "quantity",
)


def recognise(first_line):
    columns = set(header_columns(first_line))
    return "amazon-order-id" in columns and "purchase-date" in columns


def copy_columns_for(header):
    """The staging column for each header position; unknown columns are kept
    as ignored_N so every line still loads, whatever Amazon added."""
    columns = header_columns(header)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise FileRejected(f"The All Orders report is missing required column(s): {', '.join(missing)} (line 1).")
    copy_columns, extra, used = [], [], set()
    for index, name in enumerate(columns):
        target = COLUMN_MAP.get(name)
        if target is None or target in used:
            target = f"ignored_{index}"
            extra.append(target)
        used.add(target)
        copy_columns.append(target)
    return copy_columns, extra


def run(*, job, report, lines, progress):
    header_no, header = next(lines)
    copy_columns, extra = copy_columns_for(header)
    chunks = copy_chunks(
        report.binary,
        columns=len(copy_columns),
        first_line_no=header_no + 1,
        encoding="utf-8" if report.encoding == "utf-8-sig" else report.encoding,
        on_lines=lambda done: progress(done),
    )
    return order_copy_upsert(
        account=job.account,
        copy_columns=[*copy_columns, "problem"],
        chunks=chunks,
        encoding=report.encoding,
        first_line_no=header_no + 1,
        extra_columns=extra,
        job=job,
        default_marketplace=job.marketplace,
        progress=progress,
    )


ALL_ORDERS = report_type_register(
    ReportType(
        key=KEY,
        label="All Orders report",
        recognise=recognise,
        run=run,
        description="Seller Central → Reports → Fulfillment → All Orders (tab-separated, .txt or .txt.gz).",
        columns=tuple(COLUMN_MAP),
    )
)
