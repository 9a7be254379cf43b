from celery import shared_task


@shared_task(name="orders.import.run", acks_late=True)
def import_run(job_id):
    from orders.imports.services import import_job_run

    import_job_run(job_id=job_id)


@shared_task(name="orders.pii.purge")
def buyer_data_purge():
    from orders.services import buyer_data_purge as purge

    purge()


@shared_task(name="orders.sync.orders")
def orders_sync_due():
    """Beat, every 15 minutes: one orders sync per connection that is due."""
    from django.utils import timezone

    from feedbackhub.tenancy.selectors import amazon_connections_due

    for connection_id in amazon_connections_due(now=timezone.now()).values_list("pk", flat=True):
        orders_sync_for.delay(connection_id=connection_id)


@shared_task(name="orders.sync.orders_for")
def orders_sync_for(connection_id):
    from django.utils import timezone

    from feedbackhub.tenancy.models import AmazonConnection
    from orders.sync import orders_sync

    connection = AmazonConnection.objects.select_related("account").get(pk=connection_id)
    orders_sync(connection=connection, now=timezone.now())


@shared_task(name="orders.sync.reports")
def reports_sync_due():
    """Beat, hourly: each report type of each connection that is due; every
    report is requested once a day, an unfinished one is resumed."""
    from django.utils import timezone

    from feedbackhub.tenancy.selectors import amazon_connections_due

    for connection_id in amazon_connections_due(now=timezone.now()).values_list("pk", flat=True):
        reports_sync_for.delay(connection_id=connection_id)


@shared_task(name="orders.sync.reports_for")
def reports_sync_for(connection_id):
    from django.utils import timezone

    from feedbackhub.tenancy.models import AmazonConnection
    from orders.sync import REPORT_TYPES, reports_sync

    connection = AmazonConnection.objects.select_related("account").get(pk=connection_id)
    for report_type in REPORT_TYPES:
        reports_sync(connection=connection, report_type=report_type, now=timezone.now())
