"""Seller Central's All Orders report
(GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL): tab-separated, one row
per order item. Unknown extra columns are ignored."""

from .reading import FileRejected
from .registry import ReportType, header_columns, report_type_register
from .rows import STAGING_COLUMNS
from .upsert import order_lines_upsert

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


def _line_builder(header):
    """A function turning one report line into one COPY line of the staging table."""
    columns = header_columns(header)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise FileRejected(f"The All Orders report is missing required column(s): {', '.join(missing)} (line 1).")
    position = {name: index for index, name in enumerate(columns)}
    picks = []
    for staging in STAGING_COLUMNS[1:-1]:
        report_name = next((name for name, target in COLUMN_MAP.items() if target == staging), None)
        picks.append(position.get(report_name) if report_name else None)
    width = len(columns)
    constant_empty = [index is None for index in picks]

    def build(line_no, line):
        if "\\" in line:
            line = line.replace("\\", "\\\\")
        fields = line.split("\t")
        if len(fields) != width:
            empties = "\t" * (len(picks) - 1)
            problem = f"(row)|expected {width} tab-separated columns, found {len(fields)}"
            return f"{line_no}\t{empties}\t{problem}\n"
        values = ["" if empty else fields[index] for index, empty in zip(picks, constant_empty, strict=True)]
        return f"{line_no}\t" + "\t".join(values) + "\t\\N\n"

    return build


def run(*, job, report, lines, progress):
    header_no, header = next(lines)
    build = _line_builder(header)
    copy_lines = (build(line_no, line) for line_no, line in lines if line.strip())
    return order_lines_upsert(
        account=job.account, lines=copy_lines, job=job, default_marketplace=job.marketplace, progress=progress
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
