from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from feedbackhub.csv_export import CSV_CONTENT_TYPE, csv_stream
from feedbackhub.rules import local_day, sentiment_lookups
from feedbackhub.tenancy.access import account_view

from .selectors import FEEDBACK_EXPORT_HEADER, dashboard_summary, feedback_export_rows, feedback_list

FEEDBACK_PER_PAGE = 50


@account_view("tenancy.view_dashboard")
def dashboard(request, account):
    return render(request, "feedback/dashboard.html", {"summary": dashboard_summary(account=account)})


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
def feedback_export(request, account):
    rows = feedback_export_rows(account=account, **_list_filters(request))
    response = StreamingHttpResponse(csv_stream(FEEDBACK_EXPORT_HEADER, rows), content_type=CSV_CONTENT_TYPE)
    today = local_day(timezone.now(), account.time_zone)
    response["Content-Disposition"] = f'attachment; filename="feedback-{today:%Y-%m-%d}.csv"'
    return response
