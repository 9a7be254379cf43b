"""One seller's Selling Partner API, over python-amazon-sp-api.

Every call goes through AmazonApi._call: it takes a token from the
operation's usage-plan bucket, retries throttled (429) calls after the delay
Amazon asks for (Retry-After, else the time the plan needs for one request)
and transient server or network failures with growing pauses, and turns the
library's exceptions into AmazonError with a message a seller can act on.
Nothing here logs request or response bodies: orders carry buyer data.
"""

import email.utils
import json
import logging
import time
from datetime import UTC, datetime

import httpx
from django.conf import settings
from sp_api.api import OrdersV20260101, Reports, Sellers, Solicitations
from sp_api.auth.exceptions import AuthorizationError
from sp_api.base import Marketplaces, fill_query_params
from sp_api.base.credential_provider import FromCodeCredentialProvider
from sp_api.base.exceptions import (
    SellingApiException,
    SellingApiGatewayTimeoutException,
    SellingApiRequestThrottledException,
    SellingApiServerException,
    SellingApiTemporarilyUnavailableException,
)

from .ratelimit import QuotaWait, RateLimiter, parse_rate

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
HTTP_TIMEOUT_SECONDS = 30
DOWNLOAD_CHUNK_BYTES = 1024 * 1024
# The library picks the regional endpoint from a marketplace; any one of the
# region does (every call names its marketplaces explicitly).
REGION_ENDPOINT_MARKETPLACE = {"na": Marketplaces.US, "eu": Marketplaces.UK, "fe": Marketplaces.JP}
TRANSIENT_ERRORS = (
    SellingApiServerException,
    SellingApiTemporarilyUnavailableException,
    SellingApiGatewayTimeoutException,
    httpx.TransportError,
)


class AmazonError(Exception):
    """A call to Amazon failed; str() is a message for the seller."""


class AmazonNotConfigured(AmazonError):
    pass


class AmazonAuthError(AmazonError):
    pass


class AmazonApiError(AmazonError):
    def __init__(self, message, *, status_code=None, code=""):
        super().__init__(message)
        self.status_code = status_code
        self.code = code


class AmazonThrottled(AmazonError):
    pass


def amazon_credentials(connection):
    """The credentials dict python-amazon-sp-api takes, for one connection."""
    return {
        "refresh_token": connection.refresh_token,
        "lwa_app_id": settings.SP_API_LWA_APP_ID,
        "lwa_client_secret": settings.SP_API_LWA_CLIENT_SECRET,
    }


def retry_after_seconds(headers, now):
    """Retry-After as seconds (delta-seconds or an HTTP date), or None."""
    value = (headers or {}).get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, moment.timestamp() - now)


def _api_error(error):
    status = getattr(error, "code", None)
    code = getattr(error, "amzn_code", "") or ""
    message = getattr(error, "message", "") or "no message"
    if status == 403:
        hint = " Check that the app is authorised for this seller and has the needed roles."
    else:
        hint = ""
    return AmazonApiError(f"Amazon answered {status} {code}: {message}.{hint}", status_code=status, code=code)


class AmazonApi:
    """SP-API calls for one AmazonConnection. Use as a context manager (or
    call close()) so the HTTP connections are released.

    sleep, clock and max_wait are injectable: tests pass a fake clock whose
    sleep advances time instead of sleeping.
    """

    def __init__(self, connection, *, sleep=time.sleep, clock=time.time, max_wait=60.0, redis=None):
        if not settings.SP_API_LWA_APP_ID or not settings.SP_API_LWA_CLIENT_SECRET:
            raise AmazonNotConfigured(
                "This FeedbackHub has no Login with Amazon app credentials "
                "(SP_API_LWA_APP_ID and SP_API_LWA_CLIENT_SECRET are not set)."
            )
        if not connection.refresh_token:
            raise AmazonNotConfigured("No refresh token is saved for this seller account.")
        self.connection = connection
        self.sleep = sleep
        self.clock = clock
        self.limiter = RateLimiter(partner_key=connection.pk, clock=clock, sleep=sleep, max_wait=max_wait, redis=redis)
        self._clients = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def _client(self, api_class):
        if api_class not in self._clients:
            self._clients[api_class] = api_class(
                marketplace=REGION_ENDPOINT_MARKETPLACE[self.connection.region],
                refresh_token=self.connection.refresh_token,
                credentials=amazon_credentials(self.connection),
                credential_providers=[FromCodeCredentialProvider],
                timeout=HTTP_TIMEOUT_SECONDS,
            )
        return self._clients[api_class]

    def _request(self, api_class, path, *, method="GET", params=None):
        """The operation exactly as Amazon's model defines it. The library's
        own methods add the region's default marketplace to some calls (as
        four query parameters on a GET, a JSON body on a POST) that Amazon's
        model does not define: an EU order in DE would also name UK."""
        return self._client(api_class)._request(
            path, params={**(params or {}), "method": method}, add_marketplace=False
        )

    def _throttle_delay(self, operation, headers, attempt):
        delay = retry_after_seconds(headers, self.clock())
        if delay is not None:
            return delay
        rate = parse_rate((headers or {}).get("x-amzn-RateLimit-Limit")) or self.limiter.rate(operation)
        return (1 / rate) * 2**attempt

    def _call(self, operation, call):
        for attempt in range(MAX_ATTEMPTS):
            self.limiter.acquire(operation)
            try:
                response = call()
            except SellingApiRequestThrottledException as error:
                self.limiter.observe(operation, (error.headers or {}).get("x-amzn-RateLimit-Limit"))
                delay = self._throttle_delay(operation, error.headers, attempt)
                self.limiter.hold(operation, delay)
                logger.info("SP-API %s throttled (attempt %d); retrying in %.1f s", operation, attempt + 1, delay)
                if delay > self.limiter.max_wait:
                    raise QuotaWait(operation, delay) from error
                self.sleep(delay)
                continue
            except TRANSIENT_ERRORS as error:
                if attempt == MAX_ATTEMPTS - 1:
                    raise AmazonApiError(f"Amazon did not answer {operation} ({type(error).__name__}).") from error
                logger.info("SP-API %s failed with %s; retrying", operation, type(error).__name__)
                self.sleep(2**attempt)
                continue
            except AuthorizationError as error:
                raise AmazonAuthError(
                    f"Login with Amazon refused the refresh token ({error.error_code}: {error.message}). "
                    "Authorise FeedbackHub again in Seller Central and save the new token."
                ) from error
            except json.JSONDecodeError as error:
                raise AmazonApiError(f"Amazon answered {operation} with something that is not JSON.") from error
            except SellingApiException as error:
                raise _api_error(error) from error
            self.limiter.observe(operation, response.rate_limit)
            return response
        raise AmazonThrottled(f"Amazon kept throttling {operation} after {MAX_ATTEMPTS} attempts.")

    # Sellers API

    def marketplace_participations(self):
        """[{"marketplace": {...}, "participation": {...}, "storeName": ...}, ...]"""
        response = self._call(
            "getMarketplaceParticipations", lambda: self._client(Sellers).get_marketplace_participation()
        )
        return response.payload if isinstance(response.payload, list) else []

    # Orders API v2026-01-01

    def search_orders(self, **params):
        """One page of searchOrders as Amazon sent it: orders, pagination, lastUpdatedBefore."""
        response = self._call("searchOrders", lambda: self._client(OrdersV20260101).search_orders(**params))
        # ApiResponse takes "pagination" out of the body; put it back.
        return {**response.payload, "pagination": response.pagination or {}}

    # Reports API 2021-06-30

    def create_report(self, *, report_type, marketplace_ids, data_start_time=None, data_end_time=None):
        body = {"reportType": report_type, "marketplaceIds": list(marketplace_ids)}
        if data_start_time is not None:
            body["dataStartTime"] = iso_utc(data_start_time)
        if data_end_time is not None:
            body["dataEndTime"] = iso_utc(data_end_time)
        response = self._call("createReport", lambda: self._client(Reports).create_report(**body))
        return response.payload["reportId"]

    def get_report(self, report_id):
        path = fill_query_params("/reports/2021-06-30/reports/{}", report_id)
        return self._call("getReport", lambda: self._request(Reports, path)).payload

    def get_report_document(self, document_id):
        """{"reportDocumentId", "url", "compressionAlgorithm"?}; the url lives 5 minutes."""
        return self._call("getReportDocument", lambda: self._client(Reports).get_report_document(document_id)).payload

    # Solicitations API v1

    def solicitation_actions(self, *, amazon_order_id, marketplace_id):
        """The names of the solicitations Amazon offers for the order now,
        e.g. ["productReviewAndSellerFeedback"]; empty when none is (already
        requested, outside the window, not eligible)."""
        path = fill_query_params("/solicitations/v1/orders/{}", amazon_order_id)
        response = self._call(
            "getSolicitationActionsForOrder",
            lambda: self._request(Solicitations, path, params={"marketplaceIds": marketplace_id}),
        )
        payload = response.payload or {}
        links = payload.get("_links") or {}
        return [action.get("name", "") for action in links.get("actions") or []]

    def request_review(self, *, amazon_order_id, marketplace_id):
        """Amazon's "Request a Review": one per order, ever. The order's
        marketplace goes in the query; the operation has no body."""
        path = fill_query_params(
            "/solicitations/v1/orders/{}/solicitations/productReviewAndSellerFeedback", amazon_order_id
        )
        self._call(
            "createProductReviewAndSellerFeedbackSolicitation",
            lambda: self._request(Solicitations, path, method="POST", params={"marketplaceIds": marketplace_id}),
        )

    def download(self, url, into):
        """Stream a report document (as stored: maybe gzip) into a binary file."""
        try:
            with (
                httpx.Client(timeout=HTTP_TIMEOUT_SECONDS) as client,
                client.stream("GET", url) as response,
            ):
                if response.status_code != 200:
                    raise AmazonApiError(f"Downloading the report document failed with HTTP {response.status_code}.")
                for chunk in response.iter_bytes(DOWNLOAD_CHUNK_BYTES):
                    into.write(chunk)
        except httpx.TransportError as error:
            raise AmazonApiError(f"Downloading the report document failed ({type(error).__name__}).") from error
        into.seek(0)
        return into


def iso_utc(moment):
    """ISO 8601 in UTC with a Z, as Amazon's examples write it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_amazon_datetime(value):
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
