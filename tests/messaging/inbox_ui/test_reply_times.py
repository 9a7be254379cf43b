"""Reply times: from a buyer's message to the reply that answered it, per
person, on the owner's dashboard."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedbackhub.tenancy.models import Role
from messaging.inbox.replies import replies_send
from messaging.inbox.services import buyer_reply_queue, thread_no_reply
from messaging.metrics import buyer_reply_times

from ...factories import BuyerMessageFactory, BuyerThreadFactory

pytestmark = pytest.mark.django_db


def answered(account, user, hours):
    received = timezone.now() - timedelta(days=1)
    BuyerMessageFactory(
        thread=BuyerThreadFactory(account=account),
        received_at=received,
        answered_at=received + timedelta(hours=hours),
        answered_by=user,
    )


def test_reply_times_overall_and_per_person(account, member_of, other_account):
    anna, ben = member_of(account, Role.VA, username="anna"), member_of(account, Role.VA, username="ben")
    for hours in (1, 2, 30):
        answered(account, anna, hours)
    answered(account, ben, 5)
    # "No reply needed" is not a reply; another account's figures stay there.
    thread_no_reply(thread=BuyerMessageFactory(thread=BuyerThreadFactory(account=account)).thread, actor=ben)
    answered(other_account, member_of(other_account, Role.VA, username="carl"), 1)

    times = buyer_reply_times(account=account, now=timezone.now())

    assert (times.answered, times.within_a_day, times.median_hours) == (4, 3, 3.5)
    assert [(w.name, w.answered, w.within_a_day, w.median_hours) for w in times.by_worker] == [
        ("anna", 3, 2, 2.0),
        ("ben", 1, 1, 5.0),
    ]


def test_a_sent_reply_counts_for_its_author(waiting_thread, va):
    buyer_reply_queue(thread=waiting_thread, author=va, body="Your parcel is on its way.")
    replies_send()
    times = buyer_reply_times(account=waiting_thread.account, now=timezone.now())
    # The first buyer message was answered before (fixture); the second by this reply, within 3 hours.
    names = {worker.name: worker for worker in times.by_worker}
    assert names[va.username].answered == 1 and names[va.username].within_a_day == 1


def test_the_dashboard_shows_reply_times_per_person(account, client_for, member_of):
    answered(account, member_of(account, Role.VA, username="anna"), 2)
    page = client_for(account, Role.OWNER).get(reverse("dashboard")).content.decode()
    card = page[page.index('data-testid="reply-times-per-person"') :]
    assert "anna" in card[: card.index("</table>")] and "2.0 h" in card[: card.index("</table>")]
