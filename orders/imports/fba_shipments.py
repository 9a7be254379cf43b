"""The Amazon Fulfilled Shipments report (GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL):
tab-separated, one row per shipped item of an FBA order.

Columns, as Amazon documents them in Seller Central help "Amazon Fulfilled
Shipments report" (https://sellercentral.amazon.in/gp/help/external/help.html?itemID=200453120,
also sellercentral-europe.amazon.com/gp/help/external/200453120) and as real
files carry them:
amazon-order-id merchant-order-id shipment-id shipment-item-id
amazon-order-item-id merchant-order-item-id purchase-date payments-date
shipment-date reporting-date buyer-email buyer-name buyer-phone-number sku
product-name quantity-shipped currency item-price item-tax shipping-price
shipping-tax gift-wrap-price gift-wrap-tax ship-service-level recipient-name
ship-address-1 ship-address-2 ship-address-3 ship-city ship-state
ship-postal-code ship-country ship-phone-number bill-address-1 bill-address-2
bill-address-3 bill-city bill-state bill-postal-code bill-country
item-promotion-discount ship-promotion-discount carrier tracking-number
estimated-arrival-date fulfillment-center-id fulfillment-channel sales-channel
(JP files add points-granted; unknown columns are ignored).

What it brings: the shipment date (Order.shipped_at) and Amazon's estimated
arrival (Order.latest_delivery_date: the delivery estimate Request a Review's
window is counted from), the ship-to and, where Amazon still provides them,
the buyer's relay email and name. It has no last-updated-date and no order
status: a supplementary report (the merge rule in orders.imports.upsert);
an order it is first to see is created as a shipped AFN order.
"""

from .flat_orders import FlatOrderReport
from .registry import ReportType, header_columns, report_type_register

KEY = "fba_shipments"
COLUMN_MAP = {
    "amazon-order-id": "amazon_order_id",
    "merchant-order-id": "merchant_order_id",
    "purchase-date": "purchase_date",
    "shipment-date": "shipped_at",
    "estimated-arrival-date": "latest_delivery_date",
    "buyer-email": "buyer_email",
    "buyer-name": "buyer_name",
    "sku": "sku",
    "product-name": "title",
    "quantity-shipped": "quantity",
    "currency": "currency",
    "item-price": "item_price",
    "ship-service-level": "ship_service_level",
    "ship-city": "ship_city",
    "ship-state": "ship_state",
    "ship-postal-code": "ship_postal_code",
    "ship-country": "ship_country",
    "fulfillment-channel": "fulfillment_channel",
    "sales-channel": "sales_channel",
}
REQUIRED = ("amazon-order-id", "purchase-date", "shipment-date", "sku", "quantity-shipped")

REPORT = FlatOrderReport(
    label="Amazon Fulfilled Shipments report",
    column_map=COLUMN_MAP,
    required=REQUIRED,
    fills_in=True,
    defaults={"fulfillment_channel": "AFN", "order_status": "Shipped"},
)


def recognise(first_line):
    columns = set(header_columns(first_line))
    return "amazon-order-id" in columns and bool(columns & {"shipment-id", "shipment-item-id", "shipment-date"})


FBA_SHIPMENTS = report_type_register(
    ReportType(
        key=KEY,
        label="Amazon Fulfilled Shipments report (FBA)",
        recognise=recognise,
        run=REPORT.run,
        description=(
            "Seller Central → Reports → Fulfillment → Sales → Amazon Fulfilled Shipments → Download "
            "(tab-separated .txt; up to 31 days per file)."
        ),
        columns=tuple(COLUMN_MAP),
        brings=("orders", "shipment dates", "delivery estimates", "buyer email and name where Amazon gives them"),
        enables="Request a Review on FBA orders: its delivery estimate opens the 5-to-30-day window.",
    )
)
