from django.db.models import QuerySet

from feedbackhub.tenancy.models import SellerAccount

from .models import AuditEvent


def audit_events_for(*, account: SellerAccount) -> QuerySet[AuditEvent]:
    """The account's trail, newest first."""
    return AuditEvent.objects.filter(account=account).order_by("-created_at", "-id")
