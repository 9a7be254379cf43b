"""Events the orders app announces; higher apps react (DESIGN: one direction)."""

from django.dispatch import Signal

# Sent inside the import's transaction after orders were upserted.
# kwargs: account, job (an ImportJob, or None for an SP-API sync page).
orders_imported = Signal()
