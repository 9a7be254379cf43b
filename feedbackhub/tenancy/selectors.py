"""Reads of tenancy data that are more than a get."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime

from .models import AmazonConnection, ConnectionStatus, Marketplace, SellerAccount


def account_only_marketplace(*, account: SellerAccount) -> Marketplace | None:
    """The marketplace an account sells in when it sells in exactly one, else None:
    what a report that names no marketplace can safely be taken to cover."""
    first_two = list(account.marketplaces.all()[:2])
    return first_two[0] if len(first_two) == 1 else None


def amazon_connection_for(*, account: SellerAccount) -> AmazonConnection | None:
    """The account's Amazon connection, or None if it was never set up."""
    return AmazonConnection.objects.filter(account=account).prefetch_related("marketplaces").first()


def amazon_connections_due(*, now: datetime) -> QuerySet[AmazonConnection]:
    """Connections to sync now: healthy ones, and failed ones whose back-off is over."""
    return (
        AmazonConnection.objects.exclude(refresh_token="")
        .filter(Q(status=ConnectionStatus.OK, next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("pk")
    )


REPORT_LABELS = {
    "GET_SELLER_FEEDBACK_DATA": "Seller feedback",
    "GET_V2_SELLER_PERFORMANCE_REPORT": "Account health",
}


@dataclass(frozen=True)
class ReportRequestRow:
    report_type: str
    label: str
    marketplace_code: str
    status: str
    requested_at: datetime | None
    imported_at: datetime | None
    pending: bool


def amazon_report_requests(*, connection: AmazonConnection) -> list[ReportRequestRow]:
    """The connection's report requests, one row per report type × marketplace."""
    codes = dict(Marketplace.objects.values_list("pk", "code"))
    rows = []
    for key, state in sorted((connection.report_requests or {}).items()):
        report_type, _, marketplace_id = key.partition(":")
        rows.append(
            ReportRequestRow(
                report_type=report_type,
                label=REPORT_LABELS.get(report_type, report_type),
                marketplace_code=codes.get(marketplace_id, marketplace_id),
                status=state.get("status", ""),
                requested_at=parse_datetime(state.get("requested_at") or ""),
                imported_at=parse_datetime(state.get("imported_at") or ""),
                pending=bool(state.get("report_id")),
            )
        )
    return rows
