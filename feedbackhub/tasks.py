from celery import shared_task


@shared_task(name="feedbackhub.heartbeat")
def heartbeat():
    from feedbackhub.health import worker_heartbeat_record

    worker_heartbeat_record()
