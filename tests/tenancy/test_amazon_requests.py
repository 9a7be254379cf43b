"""Each SP-API request FeedbackHub sends, exactly (method, path, query, body),
against the operation in Amazon's model (selling-partner-api-models, the files
named in each test), answered with the model's own example or sandbox
response. The library's methods add the region's default marketplace to some
calls (four query parameters, or a JSON body): nothing Amazon does not define
may go out."""

from datetime import UTC, datetime

import pytest

from tests.factories import AmazonConnectionFactory
from tests.sp_api_fakes import (
    DE,
    EU_HOST,
    NA_HOST,
    SEARCH_ORDERS_URL,
    US,
    model_example,
    model_sandbox_request,
    sent,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def connection(account):
    return AmazonConnectionFactory(account=account, region="na", marketplaces=["US"])


@pytest.fixture
def eu_connection(account):
    # UK is the EU region's default marketplace in the library: a DE order must not name it.
    return AmazonConnectionFactory(account=account, region="eu", marketplaces=["UK", "DE"])


def test_get_solicitation_actions_names_the_orders_marketplace_only(sp_api, eu_connection):
    # solicitations.json: getSolicitationActionsForOrder, path amazonOrderId, query marketplaceIds (required, one).
    order_id = model_sandbox_request("solicitations", "getSolicitationActionsForOrder")["amazonOrderId"]
    route = sp_api.router.get(f"{EU_HOST}/solicitations/v1/orders/{order_id}").respond(
        200, json=model_example("solicitations", "getSolicitationActionsForOrder", sandbox=0)
    )

    with sp_api.api(eu_connection) as api:
        actions = api.solicitation_actions(amazon_order_id=order_id, marketplace_id=DE)

    assert actions == ["productReviewAndSellerFeedback"]
    assert sent(route.calls.last.request) == (
        "GET",
        f"/solicitations/v1/orders/{order_id}",
        {"marketplaceIds": DE},
        None,
    )


def test_request_a_review_sends_the_orders_marketplace_in_the_query_and_no_body(sp_api, eu_connection):
    # solicitations.json: createProductReviewAndSellerFeedbackSolicitation defines
    # amazonOrderId (path) and marketplaceIds (query); no body parameter.
    order_id = model_sandbox_request("solicitations", "createProductReviewAndSellerFeedbackSolicitation", "201")[
        "amazonOrderId"
    ]
    path = f"/solicitations/v1/orders/{order_id}/solicitations/productReviewAndSellerFeedback"
    route = sp_api.router.post(f"{EU_HOST}{path}").respond(
        201, json=model_example("solicitations", "createProductReviewAndSellerFeedbackSolicitation", "201", sandbox=0)
    )

    with sp_api.api(eu_connection) as api:
        api.request_review(amazon_order_id=order_id, marketplace_id=DE)

    request = route.calls.last.request
    assert sent(request) == ("POST", path, {"marketplaceIds": DE}, None)
    assert request.content == b""


def test_search_orders_sends_only_the_models_parameters(sp_api, connection):
    # orders_2026-01-01.json: searchOrders query parameters; arrays comma-separated.
    route = sp_api.router.get(SEARCH_ORDERS_URL).respond(
        200, json=model_example("orders_2026-01-01", "searchOrders"), headers={"x-amzn-RateLimit-Limit": "0.0056"}
    )

    with sp_api.api(connection) as api:
        page = api.search_orders(
            marketplaceIds=[US],
            lastUpdatedAfter="2026-11-01T00:00:00Z",
            maxResultsPerPage=100,
            includedData=["BUYER", "FULFILLMENT"],
        )

    assert sent(route.calls.last.request) == (
        "GET",
        "/orders/2026-01-01/orders",
        {
            "marketplaceIds": US,
            "lastUpdatedAfter": "2026-11-01T00:00:00Z",
            "maxResultsPerPage": "100",
            "includedData": "BUYER,FULFILLMENT",
        },
        None,
    )
    assert [order["orderId"] for order in page["orders"]] == ["123-4567890-1234567"]
    assert page["pagination"] == {"nextToken": "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4"}
    assert page["lastUpdatedBefore"] == "2024-12-25T15:00:00Z"


def test_create_report_sends_the_specification_as_the_body(sp_api, connection):
    # reports_2021-06-30.json: createReport, body CreateReportSpecification; no query.
    route = sp_api.router.post(f"{NA_HOST}/reports/2021-06-30/reports").respond(
        202, json=model_example("reports_2021-06-30", "createReport", "202", sandbox=0)
    )

    with sp_api.api(connection) as api:
        report_id = api.create_report(
            report_type="GET_SELLER_FEEDBACK_DATA",
            marketplace_ids=[US],
            data_start_time=datetime(2026, 8, 22, 12, tzinfo=UTC),
            data_end_time=datetime(2026, 11, 20, 12, tzinfo=UTC),
        )

    assert report_id == "ID323"
    assert sent(route.calls.last.request) == (
        "POST",
        "/reports/2021-06-30/reports",
        {},
        {
            "reportType": "GET_SELLER_FEEDBACK_DATA",
            "marketplaceIds": [US],
            "dataStartTime": "2026-08-22T12:00:00Z",
            "dataEndTime": "2026-11-20T12:00:00Z",
        },
    )


def test_get_report_sends_no_marketplace(sp_api, connection):
    # reports_2021-06-30.json: getReport defines only reportId (path).
    report_id = model_sandbox_request("reports_2021-06-30", "getReport")["reportId"]
    route = sp_api.router.get(f"{NA_HOST}/reports/2021-06-30/reports/{report_id}").respond(
        200, json=model_example("reports_2021-06-30", "getReport", sandbox=0)
    )

    with sp_api.api(connection) as api:
        report = api.get_report(report_id)

    assert sent(route.calls.last.request) == ("GET", f"/reports/2021-06-30/reports/{report_id}", {}, None)
    assert report["processingStatus"] == "IN_PROGRESS"


def test_get_report_document_sends_only_the_document_id(sp_api, connection):
    # reports_2021-06-30.json: getReportDocument, reportDocumentId (path);
    # enableContentEncodingUrlHeader (query) is optional and not sent.
    document_id = model_sandbox_request("reports_2021-06-30", "getReportDocument")["reportDocumentId"]
    route = sp_api.router.get(f"{NA_HOST}/reports/2021-06-30/documents/{document_id}").respond(
        200, json=model_example("reports_2021-06-30", "getReportDocument", sandbox=0)
    )

    with sp_api.api(connection) as api:
        document = api.get_report_document(document_id)

    assert sent(route.calls.last.request) == ("GET", f"/reports/2021-06-30/documents/{document_id}", {}, None)
    assert document["url"].startswith("https://")


def test_get_marketplace_participations_sends_no_parameters(sp_api, connection):
    # sellers.json: getMarketplaceParticipations has no parameters.
    route = sp_api.router.get(f"{NA_HOST}/sellers/v1/marketplaceParticipations").respond(
        200, json=model_example("sellers", "getMarketplaceParticipations")
    )

    with sp_api.api(connection) as api:
        participations = api.marketplace_participations()

    assert sent(route.calls.last.request) == ("GET", "/sellers/v1/marketplaceParticipations", {}, None)
    assert [p["marketplace"]["id"] for p in participations] == [US]
