"""CSV downloads: at most EXPORT_RATE per user, each one in the audit trail.

@account_view("feedback.view_feedback")
@rate_limited_export("feedback list")
def feedback_export(request, account): ...
"""

import re
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

from feedbackhub.audit.models import AuditAction
from feedbackhub.audit.services import audit_record

FILENAME = re.compile(r'filename="([^"]+)"')


def _per_user(group, request):
    return str(request.user.pk)


def rate_limited_export(label):
    def decorator(view):
        @wraps(view)
        def wrapped(request, account, *args, **kwargs):
            usage = get_usage(request, group="csv-export", key=_per_user, rate=settings.EXPORT_RATE, increment=True)
            if usage is not None and usage["should_limit"]:
                seconds = max(1, usage["time_left"])
                context = {"label": label, "seconds": seconds, "rate": settings.EXPORT_RATE}
                response = render(request, "export_rate_limited.html", context, status=429)
                response["Retry-After"] = str(seconds)
                return response
            response = view(request, account, *args, **kwargs)
            if response.status_code == 200:
                filename = FILENAME.search(response.get("Content-Disposition", ""))
                audit_record(
                    action=AuditAction.EXPORT,
                    account=account,
                    actor=request.user,
                    target=f"{label}: {filename.group(1) if filename else 'CSV'}",
                )
            return response

        return wrapped

    return decorator
