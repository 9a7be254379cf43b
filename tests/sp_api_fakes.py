"""Amazon's side of SP-API for tests: respx routes, a fake clock, and payloads
shaped like the examples in Amazon's API models (selling-partner-api-models:
orders_2026-01-01.json, reports_2021-06-30.json, sellers.json)."""

import gzip
import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import httpx
import respx

NA_HOST = "https://sellingpartnerapi-na.amazon.com"
LWA_URL = "https://api.amazon.com/auth/o2/token"
ACCESS_TOKEN = "Atza|test-access-token"
SEARCH_ORDERS_URL = f"{NA_HOST}/orders/2026-01-01/orders"
CREATE_REPORT_URL = f"{NA_HOST}/reports/2021-06-30/reports"
PARTICIPATIONS_URL = f"{NA_HOST}/sellers/v1/marketplaceParticipations"
US, CA = "ATVPDKIKX0DER", "A2EUQ1WTGCTBG2"


@dataclass
class FakeClock:
    """time() and sleep() for the rate limiter: sleeping moves time, instantly."""

    now: float = 1_900_000_000.0
    sleeps: list = field(default_factory=list)

    def time(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass
class SpApiFake:
    router: respx.Router
    lwa: respx.Route
    clock: FakeClock

    def api(self, connection, **kwargs):
        from feedbackhub.tenancy.amazon import AmazonApi

        return AmazonApi(connection, clock=self.clock.time, sleep=self.clock.sleep, **kwargs)


def lwa_form(request):
    return {key: values[0] for key, values in parse_qs(request.content.decode()).items()}


def query(request):
    return dict(request.url.params)


def errors(code, message):
    return {"errors": [{"code": code, "message": message, "details": ""}]}


def throttled(retry_after=None):
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return httpx.Response(
        429, headers=headers, json=errors("QuotaExceeded", "You exceeded your quota for the requested resource.")
    )


def order_item(
    sku="ECHO-DOT-4-CHARCOAL", asin="B08N5WRWNW", quantity=2, unit_price="49.99", currency="USD", shipped=None
):
    """An orderItems entry like the searchOrders example."""
    shipped = quantity if shipped is None else shipped
    return {
        "orderItemId": f"{sum(map(ord, sku)):014d}",
        "quantityOrdered": quantity,
        "programs": [],
        "product": {
            "asin": asin,
            "title": "Echo Dot (4th Gen) | Smart speaker with Alexa | Charcoal",
            "sellerSku": sku,
            "condition": {"conditionType": "NEW", "conditionSubtype": "NEW"},
            "price": {"unitPrice": {"amount": unit_price, "currencyCode": currency}},
        },
        "proceeds": {
            "proceedsTotal": {"amount": unit_price, "currencyCode": currency},
            "breakdowns": [{"type": "ITEM", "subtotal": {"amount": unit_price, "currencyCode": currency}}],
        },
        "fulfillment": {"quantityFulfilled": shipped, "quantityUnfulfilled": quantity - shipped},
    }


def order(
    order_id="123-4567890-1234567",
    created="2026-11-01T10:30:00Z",
    updated="2026-11-02T14:45:00Z",
    status="SHIPPED",
    fulfilled_by="MERCHANT",
    marketplace_id=US,
    marketplace_name="Amazon.com",
    programs=("PRIME",),
    items=None,
):
    """An orders entry like the searchOrders example (without BUYER/RECIPIENT data)."""
    return {
        "orderId": order_id,
        "orderAliases": [{"aliasId": f"SELLER-{order_id}", "aliasType": "SELLER_ORDER_ID"}],
        "createdTime": created,
        "lastUpdatedTime": updated,
        "programs": list(programs),
        "associatedOrders": [],
        "salesChannel": {"channelName": "AMAZON", "marketplaceId": marketplace_id, "marketplaceName": marketplace_name},
        "proceeds": {"grandTotal": {"amount": "99.98", "currencyCode": "USD"}},
        "fulfillment": {
            "fulfillmentStatus": status,
            "fulfilledBy": fulfilled_by,
            "fulfillmentServiceLevel": "STANDARD",
            "shipByWindow": {"earliestDateTime": "2026-11-02T00:00:00Z", "latestDateTime": "2026-11-03T23:59:59Z"},
            "deliverByWindow": {"earliestDateTime": "2026-11-05T00:00:00Z", "latestDateTime": "2026-11-07T23:59:59Z"},
        },
        "orderItems": items if items is not None else [order_item()],
    }


def orders_page(orders, next_token=None, last_updated_before=None):
    body = {"orders": orders}
    if next_token:
        body["pagination"] = {"nextToken": next_token}
    if last_updated_before:
        body["lastUpdatedBefore"] = last_updated_before
    return httpx.Response(200, json=body, headers={"x-amzn-RateLimit-Limit": "0.0056"})


def participations(*marketplaces):
    """getMarketplaceParticipations, as in the Sellers API example."""
    return {
        "payload": [
            {
                "marketplace": {
                    "id": marketplace_id,
                    "name": name,
                    "countryCode": country,
                    "defaultCurrencyCode": currency,
                    "defaultLanguageCode": language,
                    "domainName": f"www.{name.lower()}",
                },
                "storeName": "Test Store",
                "participation": {"isParticipating": True, "hasSuspendedListings": False},
            }
            for marketplace_id, name, country, currency, language in marketplaces
        ]
    }


def report(report_id, status, report_type="GET_SELLER_FEEDBACK_DATA", document_id=None):
    """getReport, as in the Reports API example."""
    body = {
        "reportId": report_id,
        "reportType": report_type,
        "marketplaceIds": [US],
        "createdTime": "2026-11-20T13:47:20.677Z",
        "processingStatus": status,
    }
    if document_id:
        body["reportDocumentId"] = document_id
    return httpx.Response(200, json=body)


def gzipped(text):
    return gzip.compress(text.encode("utf-8"))


def json_body(request):
    return json.loads(request.content)


SOLICITATIONS_URL = f"{NA_HOST}/solicitations/v1/orders"


def solicitation_actions(order_id, marketplace_id=US, offered=True):
    """getSolicitationActionsForOrder, as in the Solicitations API v1 example
    (HAL: the offered actions under _links.actions and _embedded.actions)."""
    action_href = (
        f"/solicitations/v1/orders/{order_id}/solicitations/productReviewAndSellerFeedback"
        f"?marketplaceIds={marketplace_id}"
    )
    body = {
        "_links": {
            "actions": [{"href": action_href, "name": "productReviewAndSellerFeedback"}] if offered else [],
            "self": {"href": f"/solicitations/v1/orders/{order_id}?marketplaceIds={marketplace_id}"},
        },
        "_embedded": {
            "actions": [
                {
                    "_links": {
                        "schema": {"href": "/solicitations/v1/schemas/productReviewAndSellerFeedback"},
                        "self": {"href": action_href},
                    },
                    "name": "productReviewAndSellerFeedback",
                }
            ]
            if offered
            else []
        },
    }
    return httpx.Response(200, json=body, headers={"x-amzn-RateLimit-Limit": "1.0"})
