"""Writes to orders that are not imports."""

import logging
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from feedbackhub.audit.models import AuditAction
from feedbackhub.audit.services import audit_record
from feedbackhub.rules import PII_RETENTION_DAYS, pii_retention_end_sql
from feedbackhub.tenancy.models import SellerAccount

logger = logging.getLogger(__name__)

PURGE_SQL = f"""
WITH purged AS (
    UPDATE orders_order o
    SET buyer_name = '', buyer_email = '', ship_to = '', pii_purged_at = %(now)s
    WHERE o.pii_purged_at IS NULL AND {pii_retention_end_sql()} <= %(now)s
    RETURNING o.account_id
)
SELECT account_id, count(*) FROM purged GROUP BY account_id ORDER BY account_id
"""


@transaction.atomic
def buyer_data_purge(*, now: datetime | None = None) -> int:
    """Remove buyer name, email and ship-to details 30 days after delivery
    (or after the latest known ship/purchase date when delivery is unknown).
    Every non-personal field the metrics need stays."""
    now = now or timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(PURGE_SQL, {"now": now})
        purged_per_account = cursor.fetchall()
    for account_id, count in purged_per_account:
        audit_record(
            action=AuditAction.PII_PURGE,
            account=SellerAccount(pk=account_id),
            target=f"buyer data removed from {count} order{'s' if count != 1 else ''} ({PII_RETENTION_DAYS}-day rule)",
        )
    purged = sum(count for _, count in purged_per_account)
    logger.info("buyer data purged from %d orders (retention %d days)", purged, PII_RETENTION_DAYS)
    return purged
