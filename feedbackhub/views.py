from dataclasses import asdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from feedbackhub.health import health_report
from feedbackhub.models import SinkMessage
from feedbackhub.tenancy.access import current_account
from feedbackhub.tenancy.navigation import nav_items_for


@never_cache
def healthz(request):
    report = health_report()
    body = asdict(report) | {"status": "ok" if report.healthy else "unavailable"}
    return JsonResponse(body, status=200 if report.healthy else 503)


@login_required
def home(request):
    """Send each role to the first section it may use."""
    account = current_account(request)
    if account is None:
        return render(request, "tenancy/no_account.html", status=403)
    items = nav_items_for(request.user, account)
    if not items:
        raise PermissionDenied
    return redirect(items[0].url_name)


@never_cache
def mail_sink_list(request):
    """The embedded run's outbox (routed only when MAIL_SINK_VIEW is on).
    Open without login: a password-reset mail must be readable by someone who
    cannot log in yet."""
    return render(request, "mailsink/list.html", {"messages_sent": SinkMessage.objects.all()[:100]})


@never_cache
def mail_sink_detail(request, message_id):
    return render(request, "mailsink/detail.html", {"message": get_object_or_404(SinkMessage, pk=message_id)})
