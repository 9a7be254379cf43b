"""What the orders app does when a lower app announces something."""

from django.dispatch import receiver

from feedbackhub.tenancy.signals import amazon_sync_requested

from .tasks import orders_sync_for, reports_sync_for


@receiver(amazon_sync_requested, dispatch_uid="orders.queue_sync_now")
def queue_sync_now(sender, connection, **kwargs):
    """ "Sync now": an orders and a reports sync on the sync queue."""
    orders_sync_for.delay(connection_id=connection.pk)
    reports_sync_for.delay(connection_id=connection.pk)
