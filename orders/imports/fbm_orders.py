"""Seller-fulfilled (FBM) order reports, tab-separated, one row per order item:

- the Order Report (GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING), columns as in
  Seller Central help "Order Report" (https://sellercentral.amazon.co.jp/gp/help/external/help.html?itemID=201648780,
  sellercentral-europe.amazon.com/gp/help/external/help.html?itemID=201648780)
  and real files: order-id order-item-id purchase-date payments-date
  buyer-email buyer-name buyer-phone-number sku product-name
  quantity-purchased currency item-price item-tax shipping-price shipping-tax
  ship-service-level recipient-name ship-address-1 ship-address-2
  ship-address-3 ship-city ship-state ship-postal-code ship-country
  ship-phone-number item-promotion-discount item-promotion-id
  ship-promotion-discount ship-promotion-id delivery-start-date
  delivery-end-date delivery-time-zone delivery-Instructions sales-channel
  earliest-ship-date latest-ship-date earliest-delivery-date
  latest-delivery-date is-business-order purchase-order-number
  price-designation is-prime (sales-channel only when "Include Sales Channel"
  was ticked; EU files may say item-name for product-name);
- the Unshipped Orders report (GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING),
  columns from https://developer-docs.amazon.com/sp-api/docs/order-reports-attributes:
  order-id order-item-id purchase-date payments-date reporting-date
  promise-date days-past-promise buyer-email buyer-phone-number sku
  product-name quantity-purchased quantity-shipped quantity-to-ship
  ship-service-level recipient-name ship-address-1 ship-address-2
  ship-address-3 ship-city ship-state ship-postal-code ship-country
  is-business-order purchase-order-number price-designation is-prime.
  promise-date is the ship-by date (days-past-promise counts from it): it
  becomes Order.latest_ship_date.

What they bring: the buyer's relay address (…@marketplace.amazon.com) and
name, the ship-to, and (Order Report) the ship and delivery windows. They
have no last-updated-date and no order status: supplementary reports (the
merge rule in orders.imports.upsert); an order one of them is first to see
is created as an unshipped MFN order, until the All Orders report or the
SP-API sync says it shipped. Without a sales-channel column the rows belong
to the marketplace chosen on upload (or the account's only one).
"""

from .flat_orders import FlatOrderReport
from .registry import ReportType, header_columns, report_type_register

ORDER_REPORT_KEY = "fbm_order_report"
UNSHIPPED_KEY = "fbm_unshipped_orders"

COLUMN_MAP = {
    "order-id": "amazon_order_id",
    "purchase-date": "purchase_date",
    "buyer-email": "buyer_email",
    "buyer-name": "buyer_name",
    "sku": "sku",
    "product-name": "title",
    "item-name": "title",
    "quantity-purchased": "quantity",
    "currency": "currency",
    "item-price": "item_price",
    "ship-service-level": "ship_service_level",
    "ship-city": "ship_city",
    "ship-state": "ship_state",
    "ship-postal-code": "ship_postal_code",
    "ship-country": "ship_country",
    "sales-channel": "sales_channel",
    "earliest-ship-date": "earliest_ship_date",
    "latest-ship-date": "latest_ship_date",
    "earliest-delivery-date": "earliest_delivery_date",
    "latest-delivery-date": "latest_delivery_date",
    "is-business-order": "is_business_order",
    "is-prime": "is_prime",
}
UNSHIPPED_COLUMN_MAP = {**COLUMN_MAP, "promise-date": "latest_ship_date"}
REQUIRED = ("order-id", "purchase-date", "sku", "quantity-purchased")
# Columns only the Unshipped Orders report has.
UNSHIPPED_COLUMNS = {"quantity-to-ship", "days-past-promise", "promise-date"}
DEFAULTS = {"fulfillment_channel": "MFN", "order_status": "Unshipped"}

ORDER_REPORT = FlatOrderReport(
    label="FBM Order Report", column_map=COLUMN_MAP, required=REQUIRED, fills_in=True, defaults=DEFAULTS
)
UNSHIPPED_REPORT = FlatOrderReport(
    label="FBM Unshipped Orders report",
    column_map=UNSHIPPED_COLUMN_MAP,
    required=REQUIRED,
    fills_in=True,
    defaults=DEFAULTS,
)


def _is_fbm_order_file(columns):
    return {"order-id", "order-item-id", "purchase-date"} <= columns


def recognise_order_report(first_line):
    columns = set(header_columns(first_line))
    return _is_fbm_order_file(columns) and not columns & UNSHIPPED_COLUMNS


def recognise_unshipped(first_line):
    columns = set(header_columns(first_line))
    return _is_fbm_order_file(columns) and bool(columns & UNSHIPPED_COLUMNS)


BRINGS = ("orders", "buyer relay email and name", "buyer addresses")

FBM_ORDER_REPORT = report_type_register(
    ReportType(
        key=ORDER_REPORT_KEY,
        label="FBM Order Report",
        recognise=recognise_order_report,
        run=ORDER_REPORT.run,
        description=(
            'Seller Central → Orders → Order Reports → Request Report (tick "Include Sales Channel"), '
            "tab-separated .txt."
        ),
        columns=tuple(COLUMN_MAP),
        brings=(*BRINGS, "ship and delivery windows"),
        enables="Email campaigns to seller-fulfilled buyers through their relay address.",
    )
)
FBM_UNSHIPPED = report_type_register(
    ReportType(
        key=UNSHIPPED_KEY,
        label="FBM Unshipped Orders report",
        recognise=recognise_unshipped,
        run=UNSHIPPED_REPORT.run,
        description="Seller Central → Orders → Order Reports → Unshipped Orders → Request Report (tab-separated .txt).",
        columns=tuple(UNSHIPPED_COLUMN_MAP),
        brings=(*BRINGS, "ship-by dates"),
        enables="Email campaigns to seller-fulfilled buyers through their relay address.",
    )
)
