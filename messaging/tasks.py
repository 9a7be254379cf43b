from celery import shared_task


# acks_late=False: a wake-up carries nothing to redeliver (the database is the
# schedule). Celery 5.7 also stopped a worker that lost the broker with an
# unacknowledged task running; requirements.txt pins the 5.6 line that
# reconnects (tests/security/test_worker_broker_outage.py).
@shared_task(name="messaging.dispatch.tick", ignore_result=True, acks_late=False)
def dispatch_tick():
    """Beat, every minute: send the feedback requests that are due. Nothing
    is lost when a tick is missed (broker down): the rows stay due."""
    from .dispatch import dispatch_tick as tick

    tick()


@shared_task(name="messaging.plan.all", ignore_result=True)
def plan_all():
    """Beat, hourly: re-plan every account with a live campaign (answered
    messages, closed claims and time passing change what qualifies)."""
    from feedbackhub.tenancy.models import SellerAccount

    from .models import CampaignState
    from .planning import requests_plan

    for account in SellerAccount.objects.filter(campaigns__state=CampaignState.LIVE).distinct():
        requests_plan(account=account)


@shared_task(name="messaging.dispatch.buyer_replies", ignore_result=True, acks_late=False)
def buyer_replies_send():
    """Beat, every minute, and a wake-up after each queued reply: send the
    VA's queued replies. Like the tick, a wake-up carries nothing: the
    database holds the replies."""
    from .inbox.replies import replies_send

    replies_send()


@shared_task(name="messaging.inbox.poll_all", ignore_result=True)
def inbox_poll_all():
    """Beat, every 3 minutes: one poll task per enabled mailbox."""
    from .inbox.imap import mailboxes_to_poll

    for mailbox_id in mailboxes_to_poll():
        inbox_poll.delay(mailbox_id)


@shared_task(name="messaging.inbox.poll", ignore_result=True)
def inbox_poll(mailbox_id):
    """Read one mailbox's new buyer mail (a Redis lock keeps it to one poller)."""
    from .inbox.imap import mailbox_poll

    mailbox_poll(mailbox_id=mailbox_id)


@shared_task(name="messaging.inbox.purge", ignore_result=True)
def inbox_purge():
    """Nightly, after the orders' purge: buyer mail past Amazon's 30-day rule."""
    from django.utils import timezone

    from .inbox.purge import buyer_mail_purge

    buyer_mail_purge(now=timezone.now())
