"""The demo threads: loaded through the real parse-and-store path, one in
every state the inbox shows, and loading twice adds nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from messaging.inbox.demo import demo_threads_load
from messaging.inbox.models import (
    BuyerMessage,
    BuyerThread,
    MessageAttachment,
    MessageDirection,
    MessageSource,
    OptOutProposal,
    ReplyStatus,
    ThreadState,
)

from ...factories import OrderFactory, marketplace

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_orders(account):
    delivered = {"delivered_at": timezone.now() - timedelta(days=5)}  # buyers write about orders that arrived
    return [OrderFactory(account=account, **delivered) for _ in range(10)] + [
        OrderFactory(account=account, marketplace=marketplace("DE"), amazon_order_id="302-0000001-0000001", **delivered)
    ]


def test_demo_threads_cover_every_state(account, demo_orders, media_in_tmp):
    now = timezone.now()
    threads = demo_threads_load(account=account, now=now)
    by_state = {state: [t for t in threads if t.state == state] for state in ThreadState.values}

    needing = by_state[ThreadState.NEEDS_REPLY]
    assert sum(1 for t in needing if t.reply_due_at < now) == 1  # one overdue
    assert sum(1 for t in needing if now < t.reply_due_at < now + timedelta(hours=4)) >= 2
    waiting = by_state[ThreadState.WAITING]
    assert len(waiting) == 1
    reply = BuyerMessage.objects.get(thread=waiting[0], direction=MessageDirection.OUTBOUND)
    assert reply.status == ReplyStatus.SENT and reply.sent_at is not None
    done = by_state[ThreadState.DONE]
    assert len(done) == 2 and BuyerMessage.objects.filter(thread__in=done, no_reply_needed=True).exists()

    german = [t for t in threads if t.language == "de"]
    assert len(german) == 1 and german[0].order.amazon_order_id == "302-0000001-0000001"
    assert german[0].relay_address.endswith("@marketplace.amazon.de") and german[0].marketplace.code == "DE"
    assert OptOutProposal.objects.filter(account=account).count() == 1
    assert MessageAttachment.objects.filter(message__account=account).exclude(file="").count() == 1
    without_order = [t for t in threads if not t.amazon_order_id]
    assert len(without_order) == 1 and without_order[0].relay_key
    assert all(t.order is not None for t in threads if t.amazon_order_id)
    assert all(t.relay_address.startswith("demo-buyer-") for t in threads)
    assert set(BuyerMessage.objects.filter(direction="in").values_list("source", flat=True)) == {MessageSource.DEMO}

    counts = (BuyerThread.objects.count(), BuyerMessage.objects.count())
    demo_threads_load(account=account, now=now)
    assert (BuyerThread.objects.count(), BuyerMessage.objects.count()) == counts
