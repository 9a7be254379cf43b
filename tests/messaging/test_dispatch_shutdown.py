"""Warm shutdown (Celery's worker_shutting_down): the dispatcher finishes the
row being sent, stops, and gives its other claimed rows back at once."""

import uuid

import pytest
from celery.signals import worker_shutting_down
from django.core import mail
from django.utils import timezone

from messaging.dispatch import channels
from messaging.dispatch.rows import row_start_sending, rows_claim, rows_release_claimed
from messaging.dispatch.shutdown import stopping
from messaging.dispatch.tick import dispatch_tick
from messaging.models import FeedbackRequest, RequestStatus
from messaging.planning import requests_plan

from .test_dispatch import due_orders, email_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def not_stopping():
    stopping.clear()
    yield
    stopping.clear()


def test_release_gives_back_only_claimed_rows_of_its_own_token(account):
    due_orders(account, 4)
    email_campaign(account)
    requests_plan(account=account)
    token, other = uuid.uuid4(), uuid.uuid4()
    mine = rows_claim(account, now=timezone.now(), limit=3, token=token)
    theirs = rows_claim(account, now=timezone.now(), limit=3, token=other)
    assert len(mine) == 3 and len(theirs) == 1
    assert row_start_sending(mine[0], token)

    assert rows_release_claimed(token) == 2

    rows = {row.pk: row for row in FeedbackRequest.objects.all()}
    assert rows[mine[0].pk].status == RequestStatus.SENDING and rows[mine[0].pk].claim_token == token
    for row in mine[1:]:
        released = rows[row.pk]
        assert released.status == RequestStatus.SCHEDULED
        assert released.claim_token is None and released.lease_until is None
        assert released.scheduled_for <= timezone.now()
    assert rows[theirs[0].pk].status == RequestStatus.CLAIMED and rows[theirs[0].pk].claim_token == other


def test_shutdown_mid_batch_finishes_the_send_and_releases_the_rest(account, monkeypatch):
    due_orders(account, 5)
    email_campaign(account)
    requests_plan(account=account)
    real_send = channels.EmailChannel.send

    def send_then_shutdown(self, row, payload, start=None):
        outcome = real_send(self, row, payload, start)
        worker_shutting_down.send(sender="test", sig="SIGTERM", how="Warm", exitcode=0)
        return outcome

    monkeypatch.setattr(channels.EmailChannel, "send", send_then_shutdown)

    result = dispatch_tick()

    assert result.sent == 1 and len(mail.outbox) == 1
    assert result.released == 4
    left = FeedbackRequest.objects.exclude(status=RequestStatus.SENT)
    assert left.count() == 4
    assert set(left.values_list("status", flat=True)) == {RequestStatus.SCHEDULED}
    assert not left.exclude(claim_token=None).exists() and not left.exclude(lease_until=None).exists()

    # The next worker takes them at once; nothing is sent twice.
    stopping.clear()
    monkeypatch.setattr(channels.EmailChannel, "send", real_send)
    assert dispatch_tick().sent == 4
    assert len(mail.outbox) == 5 and len({m.to[0] for m in mail.outbox}) == 5
    assert FeedbackRequest.objects.filter(status=RequestStatus.SENT).count() == 5
