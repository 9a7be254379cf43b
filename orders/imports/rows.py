"""The canonical order-item row every order source produces.

Seller Central's order reports (All Orders, FBA shipments, the FBM order
reports: COPY straight into the staging table, whose columns these are) and
an SP-API orders sync (OrderRow values) give the same rows (all text, as
read: validation happens in SQL on the staging table) to
orders.imports.upsert, which merges them (its docstring has the rule).

Text conventions: timestamps ISO 8601 with offset ("2026-11-01T12:34:56+00:00");
money and quantities as decimal strings; booleans "true"/"false"; "" = unknown.
order_status accepts Amazon's report and API spellings (Shipped, Pending,
Unshipped, PartiallyShipped, Canceled/Cancelled, ...); fulfillment_channel
accepts AFN/MFN or Amazon/Merchant; sales_channel is the marketplace's
domain as Amazon writes it ("Amazon.com", "Amazon.co.uk").
"""

from typing import NamedTuple


class OrderRow(NamedTuple):
    line_no: int
    amazon_order_id: str
    merchant_order_id: str = ""
    purchase_date: str = ""
    last_updated: str = ""
    order_status: str = ""
    fulfillment_channel: str = ""
    sales_channel: str = ""
    ship_service_level: str = ""
    sku: str = ""
    asin: str = ""
    title: str = ""
    item_status: str = ""
    quantity: str = ""
    currency: str = ""
    item_price: str = ""
    ship_city: str = ""
    ship_state: str = ""
    ship_postal_code: str = ""
    ship_country: str = ""
    is_business_order: str = ""
    is_prime: str = ""
    is_replacement_order: str = ""
    earliest_ship_date: str = ""
    latest_ship_date: str = ""
    earliest_delivery_date: str = ""
    latest_delivery_date: str = ""
    # When the order actually shipped / was delivered (ISO 8601, "" unknown).
    shipped_at: str = ""
    delivered_at: str = ""
    # The buyer's anonymised relay address and name, where Amazon gives them
    # (personal data: encrypted, kept on the 30-day rule like the ship-to).
    buyer_email: str = ""
    buyer_name: str = ""
    # Set by a reader for a structural problem found before SQL (e.g. wrong
    # number of columns); the row is then rejected with this reason.
    problem: str = ""


STAGING_COLUMNS = OrderRow._fields
