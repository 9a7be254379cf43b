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


# GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL, as orders.imports.fba_shipments cites it.
FBA_SHIPMENTS_COLUMNS = (
    "amazon-order-id merchant-order-id shipment-id shipment-item-id amazon-order-item-id merchant-order-item-id "
    "purchase-date payments-date shipment-date reporting-date buyer-email buyer-name buyer-phone-number sku "
    "product-name quantity-shipped currency item-price item-tax shipping-price shipping-tax gift-wrap-price "
    "gift-wrap-tax ship-service-level recipient-name ship-address-1 ship-address-2 ship-address-3 ship-city "
    "ship-state ship-postal-code ship-country ship-phone-number bill-address-1 bill-address-2 bill-address-3 "
    "bill-city bill-state bill-postal-code bill-country item-promotion-discount ship-promotion-discount carrier "
    "tracking-number estimated-arrival-date fulfillment-center-id fulfillment-channel sales-channel"
).split()


def fba_shipment_row(
    order_id="112-0000001-0000001",
    purchased="2026-11-01T10:00:00+00:00",
    shipped="2026-11-02T08:00:00+00:00",
    arrival="2026-11-05T20:00:00+00:00",
    email="",
    name="",
    sku="BOTTLE-750",
    quantity="1",
    **extra,
):
    values = {
        "amazon-order-id": order_id,
        "shipment-id": "DmlbKXMtN",
        "shipment-item-id": "Dprp1L4JR",
        "amazon-order-item-id": "07664457044546",
        "purchase-date": purchased,
        "payments-date": purchased,
        "shipment-date": shipped,
        "reporting-date": shipped,
        "buyer-email": email,
        "buyer-name": name,
        "sku": sku,
        "product-name": "Trail bottle 750 ml",
        "quantity-shipped": quantity,
        "currency": "USD",
        "item-price": "24.99",
        "item-tax": "0.00",
        "shipping-price": "0.00",
        "shipping-tax": "0.00",
        "ship-service-level": "Standard",
        "recipient-name": name,
        "ship-address-1": "742 Evergreen Terrace",
        "ship-city": "Springfield",
        "ship-state": "IL",
        "ship-postal-code": "62704",
        "ship-country": "US",
        "item-promotion-discount": "0.00",
        "ship-promotion-discount": "0.00",
        "carrier": "AMZN_US",
        "tracking-number": "TBA000000000001",
        "estimated-arrival-date": arrival,
        "fulfillment-center-id": "LEX1",
        "fulfillment-channel": "AFN",
        "sales-channel": "Amazon.com",
    }
    values.update({key.replace("_", "-"): value for key, value in extra.items()})
    return values


# GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING, as orders.imports.fbm_orders cites it.
FBM_ORDER_REPORT_COLUMNS = (
    "order-id order-item-id purchase-date payments-date buyer-email buyer-name buyer-phone-number sku product-name "
    "quantity-purchased currency item-price item-tax shipping-price shipping-tax ship-service-level recipient-name "
    "ship-address-1 ship-address-2 ship-address-3 ship-city ship-state ship-postal-code ship-country "
    "ship-phone-number item-promotion-discount item-promotion-id ship-promotion-discount ship-promotion-id "
    "delivery-start-date delivery-end-date delivery-time-zone delivery-Instructions sales-channel "
    "earliest-ship-date latest-ship-date earliest-delivery-date latest-delivery-date is-business-order "
    "purchase-order-number price-designation is-prime"
).split()

# GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING (SP-API order reports attributes).
FBM_UNSHIPPED_COLUMNS = (
    "order-id order-item-id purchase-date payments-date reporting-date promise-date days-past-promise buyer-email "
    "buyer-phone-number sku product-name quantity-purchased quantity-shipped quantity-to-ship ship-service-level "
    "recipient-name ship-address-1 ship-address-2 ship-address-3 ship-city ship-state ship-postal-code "
    "ship-country is-business-order purchase-order-number price-designation is-prime"
).split()


def fbm_order_row(
    order_id="113-0000002-0000002",
    purchased="2026-11-01T10:00:00+00:00",
    email="3xmpl3buy3r@marketplace.amazon.com",
    name="Jane Doe",
    sku="TARP-3X3",
    quantity="1",
    earliest_delivery="2026-11-04T07:00:00+00:00",
    latest_delivery="2026-11-08T07:00:00+00:00",
    **extra,
):
    values = {
        "order-id": order_id,
        "order-item-id": "12345678901234",
        "purchase-date": purchased,
        "payments-date": purchased,
        "reporting-date": purchased,
        "promise-date": "2026-11-03T07:00:00+00:00",
        "days-past-promise": "0",
        "buyer-email": email,
        "buyer-name": name,
        "sku": sku,
        "product-name": "Tarp 3 x 3 m",
        "quantity-purchased": quantity,
        "quantity-shipped": "0",
        "quantity-to-ship": quantity,
        "currency": "USD",
        "item-price": "59.00",
        "item-tax": "0.00",
        "shipping-price": "4.99",
        "shipping-tax": "0.00",
        "ship-service-level": "Standard",
        "recipient-name": name,
        "ship-address-1": "742 Evergreen Terrace",
        "ship-city": "Springfield",
        "ship-state": "IL",
        "ship-postal-code": "62704",
        "ship-country": "US",
        "sales-channel": "Amazon.com",
        "earliest-ship-date": "2026-11-02T07:00:00+00:00",
        "latest-ship-date": "2026-11-03T07:00:00+00:00",
        "earliest-delivery-date": earliest_delivery,
        "latest-delivery-date": latest_delivery,
        "is-business-order": "false",
        "is-prime": "false",
    }
    values.update({key.replace("_", "-"): value for key, value in extra.items()})
    return values


def report_file(columns, rows, newline="\n"):
    """A tab-separated report: the header, then each row's value per column ('' when it has none)."""
    return all_orders_file(rows, columns=columns, newline=newline)
