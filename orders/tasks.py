from celery import shared_task


@shared_task(name="orders.import.run", acks_late=True)
def import_run(job_id):
    from orders.imports.services import import_job_run

    import_job_run(job_id=job_id)


@shared_task(name="orders.pii.purge")
def buyer_data_purge():
    from orders.services import buyer_data_purge as purge

    purge()
