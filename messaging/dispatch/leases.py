"""Rows whose dispatcher vanished (kill -9, lost machine) while it held them.

An expired claim was never sent: back to scheduled. An expired email send is
marked uncertain and never re-sent automatically (the owner decides,
messaging.views.outbox_attention). An expired Amazon send: Amazon is asked
again, and the action gone means it was sent.
"""

import logging

from ..models import Channel, FeedbackRequest, RequestStatus
from .channels import AmazonChannel

logger = logging.getLogger(__name__)


def leases_resolve(result, *, now):
    """Resolve every lease that ran out before `now`; counts go into `result`."""
    result.released += FeedbackRequest.objects.filter(status=RequestStatus.CLAIMED, lease_until__lt=now).update(
        status=RequestStatus.SCHEDULED, claim_token=None, lease_until=None, updated_at=now
    )
    result.uncertain += FeedbackRequest.objects.filter(
        status=RequestStatus.SENDING, lease_until__lt=now, channel=Channel.EMAIL
    ).update(
        status=RequestStatus.UNCERTAIN,
        claim_token=None,
        lease_until=None,
        updated_at=now,
        reason="The sender stopped during the send: the email may or may not have gone out. Not resent.",
    )
    stuck = FeedbackRequest.objects.filter(
        status=RequestStatus.SENDING, lease_until__lt=now, channel=Channel.AMAZON
    ).select_related("account", "order")
    channels = {}
    try:
        for row in stuck:
            _amazon_lease_resolve(row, channels, result, now=now)
    finally:
        for channel in channels.values():
            channel.close()


def _amazon_lease_resolve(row, channels, result, *, now):
    """Ask Amazon whether an interrupted Request a Review went through."""
    if row.account_id not in channels:
        channels[row.account_id] = AmazonChannel(row.account)
    channel = channels[row.account_id]
    if channel.api is None:
        return
    try:
        sent = channel.already_sent(row)
    except Exception:  # noqa: BLE001 - ask again next tick
        logger.info("could not re-check feedback request %s with Amazon", row.pk, exc_info=True)
        return
    held = FeedbackRequest.objects.filter(pk=row.pk, status=RequestStatus.SENDING, lease_until__lt=now)
    if sent:
        held.update(
            status=RequestStatus.SENT,
            sent_at=row.lease_until,
            provider_id="amazon:productReviewAndSellerFeedback",
            reason="Confirmed by Amazon after an interrupted send.",
            claim_token=None,
            lease_until=None,
        )
    else:
        held.update(status=RequestStatus.SCHEDULED, scheduled_for=now, claim_token=None, lease_until=None)
    result.resolved += 1
