"""Events the tenancy app announces; apps above it react (DESIGN: one direction)."""

from django.dispatch import Signal

# The seller asked for an Amazon sync now (sent after the transaction commits).
# kwargs: connection (an AmazonConnection). The orders app queues its syncs.
amazon_sync_requested = Signal()
