"""Amazon's side of SP-API for tests: respx routes, a fake clock, and payloads
shaped like the examples in Amazon's API models (selling-partner-api-models:
orders_2026-01-01.json, solicitations.json, reports_2021-06-30.json,
sellers.json). The models' own examples and sandbox responses are copied,
unchanged, into tests/sp_api_examples/ (model path and commit recorded in each
file): model_example() hands them out."""

import copy
import gzip
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import respx

NA_HOST = "https://sellingpartnerapi-na.amazon.com"
EU_HOST = "https://sellingpartnerapi-eu.amazon.com"
LWA_URL = "https://api.amazon.com/auth/o2/token"
ACCESS_TOKEN = "Atza|test-access-token"
SEARCH_ORDERS_URL = f"{NA_HOST}/orders/2026-01-01/orders"
CREATE_REPORT_URL = f"{NA_HOST}/reports/2021-06-30/reports"
PARTICIPATIONS_URL = f"{NA_HOST}/sellers/v1/marketplaceParticipations"
US, CA = "ATVPDKIKX0DER", "A2EUQ1WTGCTBG2"
UK, DE = "A1F83G8C2ARO7P", "A1PA6795UKMFR9"


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
    """The query as a dict; a parameter sent twice fails the test."""
    pairs = request.url.params.multi_items()
    sent = dict(pairs)
    assert len(sent) == len(pairs), f"a query parameter is repeated: {pairs}"
    return sent


def sent(request):
    """(method, path, query, body) of a request, body None when there is none:
    what a test compares with the operation in Amazon's model."""
    body = json.loads(request.content) if request.content else None
    return request.method, request.url.path, query(request), body


EXAMPLES = Path(__file__).parent / "sp_api_examples"


@cache
def _model_examples(model):
    return json.loads((EXAMPLES / f"{model}.json").read_text(encoding="utf-8"))


def model_example(model, operation, status="200", sandbox=None):
    """A response body from Amazon's model: the operation's documented example,
    or with sandbox=n the n-th static sandbox response. A fresh copy each time."""
    entry = _model_examples(model)["operations"][operation]
    body = entry["examples"][status] if sandbox is None else entry["sandbox"][status][sandbox]["response"]
    return copy.deepcopy(body)


def model_sandbox_request(model, operation, status="200", sandbox=0):
    """The parameters of the n-th static sandbox request: {name: value}."""
    request = _model_examples(model)["operations"][operation]["sandbox"][status][sandbox]["request"]
    return {name: parameter["value"] for name, parameter in request["parameters"].items()}


def errors(code, message):
    return {"errors": [{"code": code, "message": message, "details": ""}]}


def throttled(retry_after=None):
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return httpx.Response(
        429, headers=headers, json=errors("QuotaExceeded", "You exceeded your quota for the requested resource.")
    )


# Orders API v2026-01-01: which dataset (searchOrders' includedData) brings
# which block of an order and of its items. Blocks outside every dataset
# (product, salesChannel, ...) always come.
ORDER_DATASET_BLOCKS = {
    "buyer": "BUYER",
    "recipient": "RECIPIENT",
    "proceeds": "PROCEEDS",
    "payment": "PAYMENT",
    "tax": "TAX",
    "fulfillment": "FULFILLMENT",
    "packages": "PACKAGES",
    "fulfillmentOrders": "FULFILLMENT_ORDERS",
}
ITEM_DATASET_BLOCKS = {
    "proceeds": "PROCEEDS",
    "expense": "EXPENSE",
    "promotion": "PROMOTION",
    "cancellation": "CANCELLATION",
    "fulfillment": "FULFILLMENT",
    "tax": "TAX",
}
# Blocks copied from the searchOrders example in orders_2026-01-01.json.
EXAMPLE_CANCELLATION = {
    "cancellationRequest": {"requester": "BUYER", "cancelReason": "Changed mind about purchase"},
    "cancellationExecution": {"cancelledBy": "MERCHANT", "cancelReason": "Buyer requested cancellation"},
}
EXAMPLE_BUYER = {"buyerName": "John Smith", "buyerEmail": "buyer-email@marketplace.amazon.com"}


def with_datasets(order, included):
    """The order as Amazon sends it when includedData is `included`: the
    blocks of datasets not asked for are left out."""
    included = set(included)
    shaped = {key: value for key, value in order.items() if ORDER_DATASET_BLOCKS.get(key, None) in (None, *included)}
    shaped["orderItems"] = [
        {key: value for key, value in item.items() if ITEM_DATASET_BLOCKS.get(key, None) in (None, *included)}
        for item in order.get("orderItems") or ()
    ]
    return shaped


def included_data(request):
    value = query(request).get("includedData", "")
    return value.split(",") if value else []


def order_item(
    sku="ECHO-DOT-4-CHARCOAL",
    asin="B08N5WRWNW",
    quantity=2,
    unit_price="49.99",
    currency="USD",
    shipped=None,
    cancelled=False,
):
    """An orderItems entry like the searchOrders example, with every
    dataset's block; a cancelled item carries the example's cancellation
    block (CANCELLATION) and nothing shipped."""
    if shipped is None:
        shipped = 0 if cancelled else quantity
    item = {
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
    if cancelled:
        item["cancellation"] = copy.deepcopy(EXAMPLE_CANCELLATION)
    return item


def package(items, status="DELIVERED", ship_time="2026-11-02T14:00:00Z", reference="PKG-2026-001"):
    """A packages entry like the searchOrders example (seller-fulfilled orders only)."""
    return {
        "packageReferenceId": reference,
        "createdTime": "2026-11-02T12:00:00Z",
        "packageStatus": {"status": status, "detailedStatus": status},
        "carrier": "UPS",
        "shipTime": ship_time,
        "shippingService": "UPS Ground",
        "trackingNumber": "1Z999AA1234567890",
        "packageItems": [{"orderItemId": item["orderItemId"], "quantity": item["quantityOrdered"]} for item in items],
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
    packages=None,
    buyer=None,
):
    """An orders entry like the searchOrders example, with every dataset's
    block but RECIPIENT: BUYER as in the example (also on FBA orders, as in
    Amazon's JP sandbox response), PACKAGES for seller-fulfilled orders (one
    delivered package unless `packages` says otherwise)."""
    items = items if items is not None else [order_item()]
    body = {
        "orderId": order_id,
        "orderAliases": [{"aliasId": f"SELLER-{order_id}", "aliasType": "SELLER_ORDER_ID"}],
        "createdTime": created,
        "lastUpdatedTime": updated,
        "programs": list(programs),
        "associatedOrders": [],
        "salesChannel": {"channelName": "AMAZON", "marketplaceId": marketplace_id, "marketplaceName": marketplace_name},
        "buyer": dict(EXAMPLE_BUYER if buyer is None else buyer),
        "proceeds": {"grandTotal": {"amount": "99.98", "currencyCode": "USD"}},
        "fulfillment": {
            "fulfillmentStatus": status,
            "fulfilledBy": fulfilled_by,
            "fulfillmentServiceLevel": "STANDARD",
            "shipByWindow": {"earliestDateTime": "2026-11-02T00:00:00Z", "latestDateTime": "2026-11-03T23:59:59Z"},
            "deliverByWindow": {"earliestDateTime": "2026-11-05T00:00:00Z", "latestDateTime": "2026-11-07T23:59:59Z"},
        },
        "orderItems": items,
    }
    if fulfilled_by == "MERCHANT":
        body["packages"] = packages if packages is not None else [package(items)]
    return body


def orders_page(orders, next_token=None, last_updated_before=None):
    """A searchOrders answer (a respx side effect) holding only the datasets
    the request asked for."""

    def respond(request):
        included = included_data(request)
        body = {"orders": [with_datasets(order, included) for order in orders]}
        if next_token:
            body["pagination"] = {"nextToken": next_token}
        if last_updated_before:
            body["lastUpdatedBefore"] = last_updated_before
        return httpx.Response(200, json=body, headers={"x-amzn-RateLimit-Limit": "0.0056"})

    return respond


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
    """getSolicitationActionsForOrder: the example in solicitations.json for
    this order and marketplace; with offered=False, the same answer with no
    action offered."""
    body = json.loads(
        json.dumps(model_example("solicitations", "getSolicitationActionsForOrder"))
        .replace("903-1671087-0812628", order_id)
        .replace("ATVPDKIKX0DER", marketplace_id)
    )
    if not offered:
        body["_links"]["actions"] = []
        body["_embedded"]["actions"] = []
    return httpx.Response(200, json=body, headers={"x-amzn-RateLimit-Limit": "1.0"})
