"""The inbox's tabs: who is in which, in which order, the 24-hour clock as
the list shows it, and a page whose query count does not grow with threads."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedbackhub.tenancy.models import Role
from messaging.inbox.selectors import inbox_counts, inbox_threads, reply_clock
from messaging.models import ThreadState

from ...factories import BuyerMessageFactory, BuyerThreadFactory

pytestmark = pytest.mark.django_db


def test_tabs_hold_their_threads_needs_reply_by_time_left(account, other_account):
    now = timezone.now()
    later = BuyerThreadFactory(account=account, reply_due_at=now + timedelta(hours=20))
    sooner = BuyerThreadFactory(account=account, reply_due_at=now + timedelta(hours=2))
    overdue = BuyerThreadFactory(account=account, reply_due_at=now - timedelta(hours=1))
    two_days_ago = now - timedelta(days=2)
    waiting_old = BuyerThreadFactory(account=account, state=ThreadState.WAITING, last_message_at=two_days_ago)
    waiting_new = BuyerThreadFactory(account=account, state=ThreadState.WAITING, last_message_at=now)
    done = BuyerThreadFactory(account=account, state=ThreadState.DONE)
    BuyerThreadFactory(account=other_account)

    assert list(inbox_threads(account=account, state=ThreadState.NEEDS_REPLY)) == [overdue, sooner, later]
    assert list(inbox_threads(account=account, state=ThreadState.WAITING)) == [waiting_new, waiting_old]
    assert list(inbox_threads(account=account, state=ThreadState.DONE)) == [done]
    assert inbox_counts(account=account) == {
        ThreadState.NEEDS_REPLY: 3,
        ThreadState.WAITING: 2,
        ThreadState.DONE: 1,
    }


@pytest.mark.parametrize(
    ("left", "label", "urgent", "overdue"),
    [
        (timedelta(hours=20, minutes=5), "20 h 05 min", False, False),
        (timedelta(hours=4, minutes=1), "4 h 01 min", False, False),
        (timedelta(hours=3, minutes=59), "3 h 59 min", True, False),
        (timedelta(minutes=12), "12 min", True, False),
        (-timedelta(minutes=1), "overdue", True, True),
    ],
)
def test_the_24_hour_clock_is_red_under_4_hours_and_overdue_past_it(account, left, label, urgent, overdue):
    now = timezone.now()
    clock = reply_clock(BuyerThreadFactory(account=account, reply_due_at=now + left), now=now)
    assert (clock.label, clock.urgent, clock.overdue) == (label, urgent, overdue)


def test_the_page_shows_rows_in_the_accounts_time_zone_with_red_badges(account, client_for):
    client = client_for(account, Role.VA)
    now = timezone.now()
    urgent = BuyerThreadFactory(account=account, reply_due_at=now + timedelta(hours=1), subject="Broken lid")
    BuyerThreadFactory(account=account, reply_due_at=now + timedelta(hours=22), subject="Colour question")
    response = client.get(reverse("messaging:inbox"))
    html = response.content.decode()
    rows = html.split('data-testid="thread-row"')[1:]
    assert len(rows) == 2
    assert "Broken lid" in rows[0] and urgent.amazon_order_id in rows[0] and "text-bg-danger" in rows[0]
    assert "Colour question" in rows[1] and 'text-bg-danger" data-testid="time-left"' not in rows[1]
    local = timezone.localtime(urgent.last_message_at, timezone=ZoneInfo(account.time_zone))
    assert local.strftime("%Y-%m-%d %H:%M") in rows[0]
    # The navigation's badge counts the threads waiting for a reply.
    assert 'data-testid="inbox-badge" title="Threads waiting for a reply">2<' in html


def test_waiting_and_done_tabs(account, client_for):
    client = client_for(account, Role.VA)
    BuyerThreadFactory(account=account, state=ThreadState.WAITING, subject="Thanks, will wait")
    BuyerThreadFactory(account=account, subject="Where is it")
    waiting = client.get(reverse("messaging:inbox"), {"tab": "waiting"}).content.decode()
    assert "Thanks, will wait" in waiting and "Where is it" not in waiting
    assert "Where is it" in client.get(reverse("messaging:inbox")).content.decode()
    assert client.get(reverse("messaging:inbox"), {"tab": "done"}).context["page"].paginator.count == 0


def _queries_for_inbox(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("messaging:inbox")).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_threads(account, client_for):
    client = client_for(account, Role.VA)
    for _ in range(2):
        BuyerMessageFactory(thread=BuyerThreadFactory(account=account))
    with_two = _queries_for_inbox(client)
    for _ in range(10):
        BuyerMessageFactory(thread=BuyerThreadFactory(account=account))
    assert _queries_for_inbox(client) == with_two


def test_pages_of_fifty(account, client_for):
    client = client_for(account, Role.VA)
    BuyerThreadFactory.create_batch(51, account=account)
    first = client.get(reverse("messaging:inbox"))
    assert len(first.context["page"].object_list) == 50
    second = client.get(reverse("messaging:inbox"), {"tab": "needs_reply", "page": 2})
    assert len(second.context["page"].object_list) == 1
