"""Writes to orders that are not imports."""

import logging
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from feedbackhub.rules import PII_RETENTION_DAYS, pii_retention_end_sql

logger = logging.getLogger(__name__)

PURGE_SQL = f"""
UPDATE orders_order o
SET buyer_name = '', buyer_email = '', ship_to = '', pii_purged_at = %(now)s
WHERE o.pii_purged_at IS NULL AND {pii_retention_end_sql()} <= %(now)s
"""


@transaction.atomic
def buyer_data_purge(*, now: datetime | None = None) -> int:
    """Remove buyer name, email and ship-to details 30 days after delivery
    (or after the latest known ship/purchase date when delivery is unknown).
    Every non-personal field the metrics need stays."""
    now = now or timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(PURGE_SQL, {"now": now})
        purged = cursor.rowcount
    logger.info("buyer data purged from %d orders (retention %d days)", purged, PII_RETENTION_DAYS)
    return purged
