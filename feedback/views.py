from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from feedbackhub.csv_export import CSV_CONTENT_TYPE, csv_stream
from feedbackhub.exports import rate_limited_export
from feedbackhub.freshness import account_generation
from feedbackhub.rules import ODR_TARGET, local_day, sentiment_lookups
from feedbackhub.tenancy.access import account_view
from messaging.metrics import buyer_reply_times, requests_summary

from .metrics import dashboard as metrics_dashboard
from .reconcile import latest_snapshots, reconciliation
from .selectors import (
    FEEDBACK_EXPORT_HEADER,
    feedback_export_rows,
    feedback_list,
    needs_attention,
    queue_outcomes,
)

FEEDBACK_PER_PAGE = 50


CHANNELS = (("", "FBA and FBM"), ("AFN", "FBA"), ("MFN", "FBM"))
TREND_PERIODS = (90, 365)


def _dashboard_filters(request, account):
    marketplace = request.GET.get("marketplace", "")
    if marketplace not in {m.code for m in account.marketplaces.all()}:
        marketplace = ""
    channel = request.GET.get("channel", "") if request.GET.get("channel") in ("AFN", "MFN") else ""
    return marketplace, channel


METRICS_EXPORT_HEADER = (
    "marketplace",
    "fulfilment",
    "window",
    "first day",
    "last day",
    "orders",
    "defective orders",
    "orders with 1-2 star feedback",
    "A-to-z claims",
    "chargebacks",
    "ODR",
    "negative feedback rate",
)


@account_view("tenancy.view_dashboard")
@rate_limited_export("dashboard metrics")
def dashboard_export(request, account):
    """The per-marketplace metrics table as CSV (both windows), safe to open in a spreadsheet."""
    marketplace, channel = _dashboard_filters(request, account)
    today = local_day(timezone.now(), account.time_zone)
    figures = metrics_dashboard(account=account, today=today, marketplace=marketplace, channel=channel)
    rows = (
        (
            code,
            "FBA" if side == "AFN" else "FBM",
            window.label,
            window.first_day,
            window.last_day,
            window.orders,
            window.defect_orders,
            window.negative_feedback_orders,
            window.claim_orders,
            window.chargeback_orders,
            "" if window.odr is None else round(window.odr, 6),
            "" if window.negative_rate is None else round(window.negative_rate, 6),
        )
        for code, side, amazon, live in figures.per_marketplace
        for window in (amazon, live)
    )
    response = StreamingHttpResponse(csv_stream(METRICS_EXPORT_HEADER, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="metrics-{today:%Y-%m-%d}.csv"'
    return response


# A rendered dashboard body is reused while the account's data generation is
# unchanged (feedbackhub.freshness: every import, rollup refresh and ORM change
# of what it shows moves it) and for at most this long, which bounds what time
# alone changes (the 24-hour reply clocks, the days left) and any SQL write
# that does not announce itself.
DASHBOARD_CACHE_SECONDS = 60


def _dashboard_body(request, account, *, marketplace, channel, period, today):
    now = timezone.now()
    figures = metrics_dashboard(
        account=account, today=today, marketplace=marketplace, channel=channel, trend_days=period
    )
    context = {
        "figures": figures,
        "computed_at": now,
        "attention": needs_attention(account=account, today=today),
        "requests": requests_summary(account=account, now=now),
        "replies": buyer_reply_times(account=account, now=now),
        "queue": queue_outcomes(account=account, days=90, now=now),
        "reconciliations": [
            reconciliation(account=account, snapshot=snapshot)
            for snapshot in latest_snapshots(account=account, marketplace=marketplace, channel=channel)
        ],
        "filters": {"marketplace": marketplace, "channel": channel, "period": period},
        "marketplaces": account.marketplaces.all(),
        "channels": CHANNELS,
        "periods": TREND_PERIODS,
        "chart": {
            "days": figures.trend_days,
            "odr": figures.trend_odr,
            "positive": figures.trend_positive,
            "negative": figures.trend_negative,
            "target": 100 * ODR_TARGET,
        },
    }
    return render_to_string("feedback/_dashboard_body.html", context, request=request)


@account_view("tenancy.view_dashboard")
def dashboard(request, account):
    marketplace, channel = _dashboard_filters(request, account)
    period = 365 if request.GET.get("period") == "365" else 90
    today = local_day(timezone.now(), account.time_zone)
    # The account's creation time keeps a reset database from meeting the copies of an older one.
    key = ":".join(
        str(part)
        for part in (
            "dashboard",
            account.pk,
            int(account.created_at.timestamp()),
            account_generation(account.pk),
            today.isoformat(),
            marketplace,
            channel,
            period,
        )
    )
    body = None if request.GET.get("fresh") else cache.get(key)
    if body is None:
        body = _dashboard_body(request, account, marketplace=marketplace, channel=channel, period=period, today=today)
        cache.set(key, body, DASHBOARD_CACHE_SECONDS)
    return render(request, "feedback/dashboard.html", {"body": mark_safe(body)})


def _list_filters(request):
    """The feedback list's filters from the query string: the page and its CSV agree."""
    return {
        "sentiment": request.GET.get("sentiment") or None,
        "marketplace_code": request.GET.get("marketplace") or None,
        "include_removed": request.GET.get("include_removed") == "1",
    }


@account_view("feedback.view_feedback")
def feedback_index(request, account):
    filters = _list_filters(request)
    page = Paginator(feedback_list(account=account, **filters), FEEDBACK_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "query": query.urlencode(),
        "sentiments": list(sentiment_lookups()),
        "sentiment": filters["sentiment"],
        "marketplaces": account.marketplaces.all(),
        "marketplace_code": filters["marketplace_code"],
        "include_removed": filters["include_removed"],
    }
    return render(request, "feedback/list.html", context)


@account_view("feedback.view_feedback")
@rate_limited_export("feedback list")
def feedback_export(request, account):
    rows = feedback_export_rows(account=account, **_list_filters(request))
    response = StreamingHttpResponse(csv_stream(FEEDBACK_EXPORT_HEADER, rows), content_type=CSV_CONTENT_TYPE)
    today = local_day(timezone.now(), account.time_zone)
    response["Content-Disposition"] = f'attachment; filename="feedback-{today:%Y-%m-%d}.csv"'
    return response
