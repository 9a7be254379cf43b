from django.core.paginator import Paginator
from django.shortcuts import render

from feedbackhub.tenancy.access import account_view

from .selectors import audit_events_for

EVENTS_PER_PAGE = 50


@account_view("tenancy.view_audit")
def audit_trail(request, account):
    page = Paginator(audit_events_for(account=account), EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/trail.html", {"page": page, "query": ""})
