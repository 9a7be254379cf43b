from django.db import connection
from django.dispatch import receiver

from orders.signals import imported_rows_link, imported_rows_linked

from .rollups import rollups_refresh_changed
from .services import cases_open

LINK_SQL = """
UPDATE feedback_feedback f SET order_id = o.id
FROM orders_order o
WHERE f.account_id = %s AND f.order_id IS NULL
  AND o.account_id = f.account_id AND o.amazon_order_id = f.amazon_order_id
"""


@receiver(imported_rows_link, dispatch_uid="feedback.link_feedback_to_orders")
def link_feedback_to_orders(sender, account, **kwargs):
    """Feedback that arrived before its order is linked once the order is in."""
    with connection.cursor() as cursor:
        cursor.execute(LINK_SQL, [account.pk])


@receiver(imported_rows_linked, dispatch_uid="feedback.open_resolution_cases")
def open_resolution_cases(sender, account, **kwargs):
    """New negative feedback gets its case (with its verdict) in the import's transaction."""
    cases_open(account=account)


@receiver(imported_rows_linked, dispatch_uid="feedback.refresh_rollups")
def refresh_rollups(sender, account, **kwargs):
    """The dashboard's daily rollups follow the import: only the days it touched."""
    rollups_refresh_changed(account=account)
