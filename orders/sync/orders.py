"""The orders sync: searchOrders pages into the import framework's upsert."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction

from feedbackhub.tenancy.amazon import (
    AmazonApi,
    AmazonApiError,
    AmazonError,
    QuotaWait,
    SyncBusy,
    iso_utc,
    parse_amazon_datetime,
    sync_lock,
)
from feedbackhub.tenancy.services import (
    amazon_connection_sync_failed,
    amazon_connection_sync_started,
    amazon_connection_sync_succeeded,
)

from ..imports.rows import OrderRow
from ..imports.upsert import order_rows_upsert
from ..signals import imported_rows_announce

logger = logging.getLogger(__name__)

FIRST_SYNC_DAYS = 30
WINDOW_LAG = timedelta(minutes=2)
PAGE_SIZE = 100
PAGES_PER_RUN = 20  # searchOrders' burst: a steady run never waits for the plan
# The datasets the order rows read (orders_2026-01-01.json, searchOrders'
# includedData). BUYER: only the anonymised relay address and the name are
# read, for seller-fulfilled orders (the model gives buyerEmail only for
# those and asks for no restricted data token: the Tokens API's dataElements
# cover v0 only); never logged. No RECIPIENT: the ship-to address and phone
# are not needed.
INCLUDED_DATA = ("BUYER", "CANCELLATION", "FULFILLMENT", "PACKAGES", "PROCEEDS")
SYNC_LOCK_SECONDS = 60 * 60

FULFILLMENT_STATUS = {
    "PENDING_AVAILABILITY": "PendingAvailability",
    "PENDING": "Pending",
    "UNSHIPPED": "Unshipped",
    "PARTIALLY_SHIPPED": "PartiallyShipped",
    "SHIPPED": "Shipped",
    "CANCELLED": "Canceled",
    "UNFULFILLABLE": "Unfulfillable",
}
FULFILLED_BY = {"AMAZON": "AFN", "MERCHANT": "MFN"}


@dataclass
class OrdersSyncResult:
    pages: int = 0
    orders: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    complete: bool = False  # the window was synced to its end; the cursor moved
    paused: str = ""  # why the run stopped before the end (resumes next run)
    error: str = ""


def _text(value):
    return "" if value is None else str(value)


def _line_price(product, quantity):
    unit = (product.get("price") or {}).get("unitPrice") or {}
    try:
        return str(Decimal(unit["amount"]) * quantity), unit.get("currencyCode", "")
    except (KeyError, TypeError, InvalidOperation):
        return "", unit.get("currencyCode", "")


def _item_status(item, quantity):
    fulfillment = item.get("fulfillment") or {}
    shipped = fulfillment.get("quantityFulfilled")
    # A cancellation request alone changes nothing; an executed one cancels
    # the units not shipped (Amazon's own example shows both blocks on an
    # item shipped in full).
    if (item.get("cancellation") or {}).get("cancellationExecution") and not shipped:
        return "Cancelled"
    if shipped is None:
        return ""
    if quantity and shipped >= quantity:
        return "Shipped"
    return "PartiallyShipped" if shipped else "Unshipped"


def _shipped_at(packages, status):
    """When the last package left, once the whole order has shipped (PACKAGES:
    seller-fulfilled orders only). Amazon's PackageStatus says DELIVERED but
    carries no time, so the delivery time stays unknown here."""
    if status != "SHIPPED":
        return ""
    times = [
        package["shipTime"]
        for package in packages
        if package.get("shipTime") and (package.get("packageStatus") or {}).get("status") != "CANCELLED"
    ]
    return max(times, key=parse_amazon_datetime) if times else ""


def order_rows_from_order(order, *, first_line_no, sales_channels):
    """OrderRow values (one per item) for one searchOrders order.

    sales_channels maps marketplace ids to the domain the importer matches
    ("Amazon.com"). Orders placed outside Amazon (multi-channel fulfilment)
    give no rows: no feedback can come from them.
    """
    channel = order.get("salesChannel") or {}
    if channel.get("channelName", "AMAZON") != "AMAZON":
        return []
    fulfillment = order.get("fulfillment") or {}
    status = _text(fulfillment.get("fulfillmentStatus"))
    fulfilled_by = _text(fulfillment.get("fulfilledBy"))
    ship_by = fulfillment.get("shipByWindow") or {}
    deliver_by = fulfillment.get("deliverByWindow") or {}
    programs = set(order.get("programs") or ())
    aliases = order.get("orderAliases") or ()
    associated = order.get("associatedOrders") or ()
    # Amazon's examples show a buyer block on FBA orders too; only a
    # seller-fulfilled order's relay address is Amazon's to give.
    buyer = (order.get("buyer") or {}) if fulfilled_by == "MERCHANT" else {}
    common = {
        "amazon_order_id": _text(order.get("orderId")),
        "merchant_order_id": next((a["aliasId"] for a in aliases if a.get("aliasType") == "SELLER_ORDER_ID"), ""),
        "purchase_date": _text(order.get("createdTime")),
        "last_updated": _text(order.get("lastUpdatedTime")),
        "order_status": FULFILLMENT_STATUS.get(status, status),
        "fulfillment_channel": FULFILLED_BY.get(fulfilled_by, fulfilled_by),
        "sales_channel": sales_channels.get(channel.get("marketplaceId"), _text(channel.get("marketplaceName"))),
        "ship_service_level": _text(fulfillment.get("fulfillmentServiceLevel")),
        "is_business_order": "true" if "AMAZON_BUSINESS" in programs else "false",
        "is_prime": "true" if "PRIME" in programs else "false",
        "is_replacement_order": (
            "true" if any(a.get("associationType") == "REPLACEMENT_ORIGINAL_ID" for a in associated) else "false"
        ),
        "earliest_ship_date": _text(ship_by.get("earliestDateTime")),
        "latest_ship_date": _text(ship_by.get("latestDateTime")),
        "earliest_delivery_date": _text(deliver_by.get("earliestDateTime")),
        "latest_delivery_date": _text(deliver_by.get("latestDateTime")),
        "shipped_at": _shipped_at(order.get("packages") or (), status),
        "buyer_email": _text(buyer.get("buyerEmail")),
        "buyer_name": _text(buyer.get("buyerName")),
    }
    rows = []
    for offset, item in enumerate(order.get("orderItems") or ()):
        product = item.get("product") or {}
        quantity = item.get("quantityOrdered") or 0
        price, currency = _line_price(product, quantity)
        rows.append(
            OrderRow(
                line_no=first_line_no + offset,
                sku=_text(product.get("sellerSku")),
                asin=_text(product.get("asin")),
                title=_text(product.get("title")),
                item_status=_item_status(item, quantity),
                quantity=_text(quantity),
                currency=currency,
                item_price=price,
                **common,
            )
        )
    return rows


def _sales_channels(marketplaces):
    # Marketplace.domain is "amazon.com"; Amazon writes "Amazon.com".
    return {marketplace.pk: marketplace.domain[:1].upper() + marketplace.domain[1:] for marketplace in marketplaces}


def orders_sync(*, connection, now, api=None, max_pages=PAGES_PER_RUN):
    """Bring the account's orders up to date from searchOrders (see the
    orders.sync package doc).

    Amazon errors are recorded on the connection (with back-off) and returned
    in the result; the cursor and the resume point stay where they were."""
    result = OrdersSyncResult()
    try:
        with sync_lock(f"orders:{connection.pk}", timeout=SYNC_LOCK_SECONDS):
            amazon_connection_sync_started(connection=connection, now=now)
            try:
                with api or AmazonApi(connection) as amazon:
                    _orders_pages(connection=connection, amazon=amazon, now=now, max_pages=max_pages, result=result)
            except AmazonError as error:
                result.error = str(error)
                if isinstance(error, AmazonApiError) and error.status_code == 400 and connection.orders_page_token:
                    # Most likely an expired pagination token: start the window again.
                    _window_reset(connection)
                amazon_connection_sync_failed(connection=connection, now=now, error=str(error))
                logger.warning("orders sync of connection %s failed: %s", connection.pk, type(error).__name__)
                return result
            except Exception as error:
                amazon_connection_sync_failed(
                    connection=connection, now=now, error=f"Internal error during the sync ({type(error).__name__})."
                )
                raise
            amazon_connection_sync_succeeded(connection=connection, now=now)
    except SyncBusy:
        result.paused = "another orders sync of this seller is running"
    logger.info(
        "orders sync of connection %s: %d pages, %d orders (%d new, %d changed, %d rejected)%s",
        connection.pk,
        result.pages,
        result.orders,
        result.created,
        result.updated,
        result.rejected,
        f"; paused: {result.paused}" if result.paused else "",
    )
    return result


def _window_reset(connection):
    connection.orders_window_start = connection.orders_window_end = None
    connection.orders_page_token = ""
    connection.save(update_fields=["orders_window_start", "orders_window_end", "orders_page_token"])


def _orders_pages(*, connection, amazon, now, max_pages, result):
    marketplaces = list(connection.marketplaces.all())
    if not marketplaces:
        raise AmazonError("Choose at least one marketplace to sync.")
    if not connection.orders_page_token or connection.orders_window_start is None:
        connection.orders_window_start = connection.orders_cursor or now - timedelta(days=FIRST_SYNC_DAYS)
        connection.orders_window_end = now - WINDOW_LAG
        connection.orders_page_token = ""
    sales_channels = _sales_channels(marketplaces)
    params = {
        "marketplaceIds": sorted(sales_channels),
        "lastUpdatedAfter": iso_utc(connection.orders_window_start),
        "lastUpdatedBefore": iso_utc(connection.orders_window_end),
        "maxResultsPerPage": PAGE_SIZE,
        "includedData": list(INCLUDED_DATA),
    }
    while True:
        if result.pages >= max_pages:
            result.paused = f"page budget of {max_pages} pages used"
            return
        page_params = dict(params)
        if connection.orders_page_token:
            page_params["paginationToken"] = connection.orders_page_token
        try:
            payload = amazon.search_orders(**page_params)
        except QuotaWait as wait:
            result.paused = str(wait)
            return
        _orders_page_save(connection=connection, payload=payload, sales_channels=sales_channels, now=now, result=result)
        if not connection.orders_page_token:
            result.complete = True
            return


def _orders_page_save(*, connection, payload, sales_channels, now, result):
    """Upsert one page and move the resume point, in one transaction."""
    orders = payload.get("orders") or []
    rows = []
    for order in orders:
        rows.extend(order_rows_from_order(order, first_line_no=len(rows) + 1, sales_channels=sales_channels))
    next_token = (payload.get("pagination") or {}).get("nextToken") or ""
    fields = ["orders_window_start", "orders_window_end", "orders_page_token"]
    with transaction.atomic():
        if rows:
            counts = order_rows_upsert(account=connection.account, rows=rows, now=now)
            result.created += counts.created
            result.updated += counts.updated
            result.unchanged += counts.unchanged
            result.rejected += counts.rejected
            if counts.rejected:
                line_no, column, reason, value = counts.rejections[0]
                order_id = rows[line_no - 1].amazon_order_id if 0 < line_no <= len(rows) else ""
                # The reason quotes the value refused, which may be buyer data: never logged.
                reason = reason.replace(value[:60], "…") if value else reason
                logger.warning(
                    "orders sync of connection %s: %d rows rejected and left out; first: order %s (row %s), %s: %s",
                    connection.pk,
                    counts.rejected,
                    order_id,
                    line_no,
                    column,
                    reason,
                )
            imported_rows_announce(account=connection.account)
        if next_token:
            connection.orders_page_token = next_token
        else:
            # Amazon says which bound it applied; never move past the one asked for.
            applied = parse_amazon_datetime(payload.get("lastUpdatedBefore"))
            end = connection.orders_window_end
            connection.orders_cursor = min(applied, end) if applied else end
            connection.orders_window_start = connection.orders_window_end = None
            connection.orders_page_token = ""
            fields.append("orders_cursor")
        connection.save(update_fields=fields)
    result.pages += 1
    result.orders += len(orders)
