"""The dispatcher's per-message statements run as the session's prepared
statements (messaging.dispatch.rows._execute_prepared): prepared once per
database session, again in a new one, and kept when a transaction that
prepared one rolls back."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from messaging.dispatch.outcomes import Sent
from messaging.dispatch.rows import finish_changes, row_finish_and_start_sending, row_start_sending, rows_claim
from messaging.models import FeedbackRequest, RequestStatus
from messaging.planning import requests_plan

from ..factories import CampaignFactory
from .planning_orders import delivered_order

pytestmark = pytest.mark.django_db(transaction=True)  # sessions closed and opened again


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'dispatch_row_%%'")
        return sorted(name for (name,) in cursor.fetchall())


def claimed(account, count):
    """`count` claimed rows, in a new database session (earlier tests' sessions hold their own
    prepared statements)."""
    connection.close()
    now = timezone.now()
    for _ in range(count):
        delivered_order(account, delivered=now - timedelta(days=8))
    CampaignFactory(account=account)
    requests_plan(account=account, now=now)
    token = uuid.uuid4()
    return rows_claim(account, now=now + timedelta(days=30), limit=count, token=token), token


def test_each_statement_is_prepared_once_per_session_and_again_in_a_new_one(account):
    rows, token = claimed(account, 4)
    assert row_start_sending(rows[0], token)
    sent = finish_changes(rows[0], Sent(provider_id="<a@b>"), from_status=RequestStatus.SENDING)
    assert row_finish_and_start_sending(rows[0], sent, rows[1], token)
    sent = finish_changes(rows[1], Sent(provider_id="<c@d>"), from_status=RequestStatus.SENDING)
    assert row_finish_and_start_sending(rows[1], sent, rows[2], token)
    assert prepared_statements() == ["dispatch_row_1", "dispatch_row_2"]  # two statements, two preparations
    connection.close()
    sent = finish_changes(rows[2], Sent(provider_id="<e@f>"), from_status=RequestStatus.SENDING)
    assert row_finish_and_start_sending(rows[2], sent, rows[3], token)  # a new session: prepared again
    assert prepared_statements() == ["dispatch_row_1"]
    statuses = dict(FeedbackRequest.objects.values_list("id", "status"))
    assert [statuses[row.pk] for row in rows] == [RequestStatus.SENT] * 3 + [RequestStatus.SENDING]


def test_a_statement_prepared_in_a_rolled_back_transaction_runs_after_it(account):
    rows, token = claimed(account, 2)
    with transaction.atomic():
        assert row_start_sending(rows[0], token)
        transaction.set_rollback(True)
    assert FeedbackRequest.objects.get(pk=rows[0].pk).status == RequestStatus.CLAIMED
    assert row_start_sending(rows[0], token)  # the same prepared statement, outside the transaction
    assert FeedbackRequest.objects.get(pk=rows[0].pk).status == RequestStatus.SENDING
    assert row_start_sending(rows[1], token)
    assert prepared_statements() == ["dispatch_row_1"]
