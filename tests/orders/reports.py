"""Report files shaped like Seller Central's, for import tests and the benchmark."""

import json

ALL_ORDERS_COLUMNS = (
    "amazon-order-id merchant-order-id purchase-date last-updated-date order-status fulfillment-channel "
    "sales-channel order-channel ship-service-level product-name sku asin item-status quantity currency item-price "
    "item-tax shipping-price shipping-tax gift-wrap-price gift-wrap-tax item-promotion-discount "
    "ship-promotion-discount ship-city ship-state ship-postal-code ship-country promotion-ids is-business-order "
    "purchase-order-number price-designation"
).split()


def all_orders_row(
    order_id="112-0000001-0000001",
    purchased="2026-11-01T10:00:00+00:00",
    updated="2026-11-02T10:00:00+00:00",
    status="Shipped",
    channel="Amazon",
    sales_channel="Amazon.com",
    title="Trail bottle 750 ml",
    sku="BOTTLE-750",
    asin="B0TEST0001",
    quantity="1",
    currency="USD",
    price="24.99",
    city="Springfield",
    state="IL",
    postal="62704",
    country="US",
    **extra,
):
    values = {
        "amazon-order-id": order_id,
        "merchant-order-id": "",
        "purchase-date": purchased,
        "last-updated-date": updated,
        "order-status": status,
        "fulfillment-channel": channel,
        "sales-channel": sales_channel,
        "order-channel": "",
        "ship-service-level": "Standard",
        "product-name": title,
        "sku": sku,
        "asin": asin,
        "item-status": "Shipped",
        "quantity": quantity,
        "currency": currency,
        "item-price": price,
        "item-tax": "0.00",
        "shipping-price": "0.00",
        "shipping-tax": "0.00",
        "gift-wrap-price": "",
        "gift-wrap-tax": "",
        "item-promotion-discount": "",
        "ship-promotion-discount": "",
        "ship-city": city,
        "ship-state": state,
        "ship-postal-code": postal,
        "ship-country": country,
        "promotion-ids": "",
        "is-business-order": "false",
        "purchase-order-number": "",
        "price-designation": "",
    }
    values.update({key.replace("_", "-"): value for key, value in extra.items()})
    return values


def all_orders_file(rows, columns=ALL_ORDERS_COLUMNS, newline="\n"):
    lines = ["\t".join(columns)] + ["\t".join(row.get(column, "") for column in columns) for row in rows]
    return newline.join(lines) + newline


def feedback_file(rows, newline="\n"):
    """rows: (date, rating, comment, response, order id) tuples."""
    header = "Date\tRating\tComments\tResponse\tOrder ID\tRater Email"
    lines = [header] + ["\t".join([*map(str, row), "buyer@marketplace.amazon.example"]) for row in rows]
    return newline.join(lines) + newline


CLAIMS_HEADER = "amazon-order-id,claim-type,claim-status,opened-date,closed-date,amount,currency,reason"


def odr_side(fulfillment, rate, orders, defects):
    """One side of orderDefectRate, shaped like the OrderDefectRate example of
    Amazon's accountHealthReport-2020-11-18.json schema."""
    return {
        "reportingDateRange": {"reportingDateFrom": "2026-09-02T00:00Z", "reportingDateTo": "2026-10-31T23:59Z"},
        "orderCount": orders,
        "orderWithDefects": {"count": defects, "status": "GOOD" if rate < 0.01 else "BAD"},
        "claims": {"count": 1, "status": "NONE"},
        "chargebacks": {"count": 0, "status": "NONE"},
        "negativeFeedback": {"count": max(defects - 1, 0), "status": "NONE"},
        "fulfillmentType": fulfillment,
        "status": "GOOD" if rate < 0.01 else "BAD",
        "rate": rate,
        "targetValue": 0.01,
        "targetCondition": "LESS_THAN",
    }


def health_document(marketplace_id="ATVPDKIKX0DER", afn_rate=0.004, mfn_rate=0.012):
    """GET_V2_SELLER_PERFORMANCE_REPORT as Amazon documents it, trimmed to the ODR
    part and one other metric, as a dict for tests to spoil."""
    return {
        "accountStatuses": [{"marketplaceId": marketplace_id, "status": "NORMAL"}],
        "performanceMetrics": [
            {
                "marketplaceId": marketplace_id,
                "lateShipmentRate": {
                    "reportingDateRange": {
                        "reportingDateFrom": "2026-10-02T00:00Z",
                        "reportingDateTo": "2026-10-31T23:59Z",
                    },
                    "orderCount": 500,
                    "lateShipmentCount": 3,
                    "status": "GOOD",
                    "rate": 0.006,
                    "targetValue": 0.04,
                    "targetCondition": "LESS_THAN",
                },
                "orderDefectRate": {
                    "afn": odr_side("afn", afn_rate, 1000, 4),
                    "mfn": odr_side("mfn", mfn_rate, 500, 6),
                },
            }
        ],
    }


def health_report(marketplace_id="ATVPDKIKX0DER", afn_rate=0.004, mfn_rate=0.012):
    """health_document as the JSON file Amazon delivers."""
    return json.dumps(health_document(marketplace_id, afn_rate, mfn_rate), indent=2)
