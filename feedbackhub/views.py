from dataclasses import asdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from feedbackhub.health import health_report
from feedbackhub.mailsink import sink_messages_for
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
@login_required
def mail_sink_list(request):
    """The embedded run's outbox (routed only when MAIL_SINK_VIEW is on): the
    mail this user may read, never another user's reset link nor another
    account's buyers (feedbackhub.mailsink)."""
    return render(request, "mailsink/list.html", {"messages_sent": sink_messages_for(request.user)[:100]})


@never_cache
@login_required
def mail_sink_detail(request, message_id):
    message = get_object_or_404(sink_messages_for(request.user), pk=message_id)
    return render(request, "mailsink/detail.html", {"message": message})
