"""Seller Central's All Orders report
(GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL): tab-separated, one row
per order item. Unknown extra columns are ignored.

Columns: https://developer-docs.amazon.com/sp-api/docs/order-tracking-reports-attributes
The report has no delivery dates and no buyer address (orders.imports.fba_shipments
and orders.imports.fbm_orders bring them); it is the dated source of an order's
status (last-updated-date), so its newer rows replace what it says.
"""

from .flat_orders import FlatOrderReport
from .registry import ReportType, header_columns, report_type_register

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
# Columns only the FBA shipments report has (it shares amazon-order-id and purchase-date).
SHIPMENT_COLUMNS = {"shipment-id", "shipment-item-id", "shipment-date"}

REPORT = FlatOrderReport(label="All Orders report", column_map=COLUMN_MAP, required=REQUIRED)


def recognise(first_line):
    columns = set(header_columns(first_line))
    return "amazon-order-id" in columns and "purchase-date" in columns and not columns & SHIPMENT_COLUMNS


ALL_ORDERS = report_type_register(
    ReportType(
        key=KEY,
        label="All Orders report",
        recognise=recognise,
        run=REPORT.run,
        description="Seller Central → Reports → Fulfillment → All Orders (tab-separated, .txt or .txt.gz).",
        columns=tuple(COLUMN_MAP),
        brings=("orders", "order status", "items"),
        enables=(
            "Request a Review: planned from the ship or order date and sent once Amazon offers it (the FBA "
            "shipments or FBM order report adds delivery dates; the FBM order report adds buyer addresses for email)."
        ),
    )
)
