"""The mailbox's "hold scheduled feedback requests while a buyer message is
unanswered" drives planning's open-message exclusion: only buyer (inbound)
messages hold, and only while the setting is on (no mailbox: on)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from messaging.inbox.models import BuyerMessage, Mailbox, MessageDirection, ReplyStatus
from messaging.planning import requests_plan

from ...factories import CampaignFactory
from ..planning_orders import delivered_order, planned

pytestmark = pytest.mark.django_db


def orders_with_messages(account, now):
    delivered = now - timedelta(days=8)
    unanswered, replied_only, answered, quiet = (delivered_order(account, delivered=delivered) for _ in range(4))
    BuyerMessage.objects.create(account=account, order=unanswered, received_at=now)
    # Our own reply, not yet "answered" (outbound rows never are): must not hold the order.
    BuyerMessage.objects.create(
        account=account,
        order=replied_only,
        direction=MessageDirection.OUTBOUND,
        status=ReplyStatus.SENT,
        received_at=now,
    )
    BuyerMessage.objects.create(account=account, order=answered, received_at=now, answered_at=now)
    return unanswered, replied_only, answered, quiet


@pytest.mark.parametrize("mailbox_setting", [None, True, False], ids=["no mailbox", "hold on", "hold off"])
def test_hold_while_unanswered_follows_the_mailbox_setting(account, other_account, mailbox_setting):
    now = timezone.now()
    if mailbox_setting is not None:
        Mailbox.objects.create(account=account, hold_requests_while_unanswered=mailbox_setting)
    # Another account's mailbox with the hold off changes nothing here.
    Mailbox.objects.create(account=other_account, hold_requests_while_unanswered=False)
    unanswered, replied_only, answered, quiet = orders_with_messages(account, now)
    CampaignFactory(account=account)

    requests_plan(account=account, now=now)

    held = mailbox_setting is not False
    assert (planned(unanswered) is None) == held
    assert planned(replied_only) is not None
    assert planned(answered) is not None and planned(quiet) is not None
