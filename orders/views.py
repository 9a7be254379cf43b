from django.contrib import messages
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.vary import vary_on_headers

from feedbackhub.csv_export import CSV_CONTENT_TYPE, csv_stream
from feedbackhub.exports import rate_limited_export
from feedbackhub.tenancy.access import account_view, found_or_404

from .forms import ImportUploadForm
from .imports.registry import report_types
from .imports.selectors import import_job_get, import_job_list, import_job_progress, import_rejections
from .imports.services import import_job_create
from .selectors import order_filter, order_get

ORDERS_PER_PAGE = 50


# The filter form swaps only the table in (hx-push-url puts the filtered URL in
# the address bar), and the same URL opened for real must be the whole page:
# Vary keeps the browser from showing its cached table partial on Back.
@vary_on_headers("HX-Request")
@account_view("orders.view_orders")
def order_list(request, account):
    filterset = order_filter(account=account, params=request.GET)
    page = Paginator(filterset.qs, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "can_import": request.user.has_perm("orders.import_data", account),
    }
    # htmx asks for a pushed URL itself when its history snapshot is gone: that answer fills the whole page.
    table_only = request.htmx and not request.htmx.history_restore_request
    template = "orders/_order_table.html" if table_only else "orders/list.html"
    return render(request, template, context)


@account_view("orders.view_orders")
def order_detail(request, account, order_id):
    order = found_or_404(order_get(account=account, order_id=order_id), "order")
    context = {"order": order, "can_manage_campaigns": request.user.has_perm("messaging.manage_campaigns", account)}
    return render(request, "orders/detail.html", context)


IMPORTS_PER_PAGE = 25


@account_view("orders.import_data")
def import_upload(request, account):
    form = ImportUploadForm(request.POST or None, request.FILES or None, account=account)
    if request.method == "POST" and form.is_valid():
        job = import_job_create(
            account=account,
            user=request.user,
            uploaded_file=form.cleaned_data["file"],
            requested_type=form.cleaned_data["report_type"],
            marketplace=form.cleaned_data["marketplace"],
        )
        messages.info(request, f"{job.original_name} is queued for import.")
        return redirect("orders:import_detail", job_id=job.pk)
    return render(request, "orders/import_upload.html", {"form": form, "report_types": report_types()})


@account_view("orders.import_data")
def import_list(request, account):
    page = Paginator(import_job_list(account=account), IMPORTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "orders/import_list.html", {"page": page})


def _job_or_404(account, job_id):
    job = found_or_404(import_job_get(account=account, job_id=job_id), "import")
    return job


@account_view("orders.import_data")
def import_detail(request, account, job_id):
    job = _job_or_404(account, job_id)
    context = {"job": job, "progress": import_job_progress(job=job), "rejections": import_rejections(job=job)[:20]}
    return render(request, "orders/import_detail.html", context)


@account_view("orders.import_data")
def import_progress(request, account, job_id):
    job = _job_or_404(account, job_id)
    response = render(request, "orders/_import_progress.html", {"job": job, "progress": import_job_progress(job=job)})
    if job.is_finished and request.htmx:
        # The summary and rejected rows appear with a full reload.
        response["HX-Refresh"] = "true"
    return response


@account_view("orders.import_data")
@rate_limited_export("rejected import rows")
def import_rejections_csv(request, account, job_id):
    """The rejected rows; their values come from the uploaded file, so every cell goes through csv_safe."""
    job = _job_or_404(account, job_id)
    rows = (
        (rejection.line_no, rejection.column, rejection.value, rejection.reason)
        for rejection in import_rejections(job=job).iterator(chunk_size=2000)
    )
    response = StreamingHttpResponse(
        csv_stream(["line", "column", "value", "reason"], rows), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-rejected-rows.csv"'
    return response
