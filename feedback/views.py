from django.core.paginator import Paginator
from django.shortcuts import render

from feedbackhub.rules import sentiment_lookups
from feedbackhub.tenancy.access import account_view

from .selectors import dashboard_summary, feedback_list

FEEDBACK_PER_PAGE = 50


@account_view("tenancy.view_dashboard")
def dashboard(request, account):
    return render(request, "feedback/dashboard.html", {"summary": dashboard_summary(account=account)})


@account_view("feedback.view_feedback")
def feedback_index(request, account):
    sentiment = request.GET.get("sentiment") or None
    marketplace_code = request.GET.get("marketplace") or None
    include_removed = request.GET.get("include_removed") == "1"
    entries = feedback_list(
        account=account, sentiment=sentiment, marketplace_code=marketplace_code, include_removed=include_removed
    )
    page = Paginator(entries, FEEDBACK_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "query": query.urlencode(),
        "sentiments": list(sentiment_lookups()),
        "sentiment": sentiment,
        "marketplaces": account.marketplaces.all(),
        "marketplace_code": marketplace_code,
        "include_removed": include_removed,
    }
    return render(request, "feedback/list.html", context)
