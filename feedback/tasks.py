from celery import shared_task


@shared_task(name="feedback.cases.daily", ignore_result=True)
def cases_daily():
    """Beat, hourly (each marketplace's day starts at its own midnight):
    expire, escalate and remind; each happens once per case."""
    from .services import cases_daily as daily

    daily()


@shared_task(name="feedback.notifications.send", ignore_result=True)
def notifications_send():
    """Beat, every minute: the owner's unsent notifications (the rows are the schedule)."""
    from .notifications import notifications_send as send

    send()


@shared_task(name="feedback.rollups.nightly", ignore_result=True)
def rollups_nightly():
    """Beat, nightly: rebuild every account's rollups (imports refresh only
    what they touched), then tell owners about threshold crossings."""
    from django.utils import timezone

    from feedbackhub.rules import local_day
    from feedbackhub.tenancy.models import SellerAccount

    from .alerts import metric_alerts_check
    from .rollups import rollups_refresh

    for account in SellerAccount.objects.all():
        rollups_refresh(account=account)
        metric_alerts_check(account=account, today=local_day(timezone.now(), account.time_zone))
