"""The resolution queue: the VA's list of cases, bulk assignment, the owner's
outcomes and the queue settings. A case's own page is feedback.case_views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from feedbackhub.forms import add_service_errors
from feedbackhub.rules import CASE_URGENT_DAYS_LEFT
from feedbackhub.tenancy.access import account_view

from .eligibility import REASON_LABELS
from .forms import (
    BulkAssignForm,
    QueueSettingsForm,
)
from .models import CaseState
from .selectors import (
    QUEUE_FILTERS,
    case_queue,
    days_left,
    queue_outcomes,
    queue_workers,
)
from .services import (
    cases_assign,
    queue_settings_get,
    queue_settings_save,
)

CASES_PER_PAGE = 50
OUTCOME_PERIODS = ("30", "90", "365")


def can_oversee(request, account):
    return request.user.has_perm("feedback.assign_cases", account)


@account_view("feedback.work_queue")
def queue(request, account):
    now = timezone.now()
    filters = {name: request.GET.get(name, "") for name in QUEUE_FILTERS}
    page = Paginator(case_queue(account=account, user=request.user, filters=filters, now=now), CASES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    for case in page:
        case.days_left = days_left(case, now=now)
    workers = queue_workers(account=account)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "query": query.urlencode(),
        "workers": workers,
        "states": CaseState.choices,
        "marketplaces": account.marketplaces.all(),
        "urgent_days": CASE_URGENT_DAYS_LEFT,
        "can_assign": can_oversee(request, account),
        "assign_form": BulkAssignForm(workers=workers),
    }
    return render(request, "feedback/queue.html", context)


@account_view("feedback.assign_cases")
@require_POST
def queue_assign(request, account):
    form = BulkAssignForm(request.POST, workers=queue_workers(account=account))
    case_ids = [int(pk) for pk in request.POST.getlist("cases") if pk.isdigit()]
    if form.is_valid() and case_ids:
        count = cases_assign(
            account=account, case_ids=case_ids, assignee=form.cleaned_data["assignee"], actor=request.user
        )
        messages.success(request, f"{count} case{'s' if count != 1 else ''} assigned.")
    else:
        messages.error(request, "Choose the cases and who should work them.")
    return redirect(request.POST.get("next") or reverse("feedback:queue"))


@account_view("feedback.view_outcomes")
def outcomes(request, account):
    days = int(request.GET["days"]) if request.GET.get("days") in OUTCOME_PERIODS else 90
    context = {
        "outcomes": queue_outcomes(account=account, days=days, now=timezone.now()),
        "periods": OUTCOME_PERIODS,
        "reason_labels": REASON_LABELS,
    }
    return render(request, "feedback/outcomes.html", context)


@account_view("tenancy.manage_settings")
def queue_settings(request, account):
    form = QueueSettingsForm(request.POST or None, instance=queue_settings_get(account=account))
    if request.method == "POST" and form.is_valid():
        try:
            opened = queue_settings_save(account=account, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Queue settings saved{f'; {opened} new cases opened' if opened else ''}.")
            return redirect("feedback:queue_settings")
    return render(request, "feedback/queue_settings.html", {"form": form})
