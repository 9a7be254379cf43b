"""The dashboard's rendered figures are reused only while nothing they show changed."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.rollups import rollups_refresh
from feedbackhub.freshness import account_generation
from feedbackhub.tenancy.models import Role
from messaging.models import BuyerMessage

from ..factories import FeedbackFactory, OrderFactory, SellerAccountFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the generation moves on commit: commit for real

DASHBOARD = reverse("dashboard")


def _rollup_queries(queries):
    return [q["sql"] for q in queries if "feedback_dailyrollup" in q["sql"]]


def test_a_second_visit_reuses_the_figures_without_touching_the_rollups(account, client_for):
    client = client_for(account, Role.OWNER)
    FeedbackFactory(order=OrderFactory(account=account), rating=5)
    rollups_refresh(account=account)
    with CaptureQueriesContext(connection) as first:
        page = client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as second:
        again = client.get(DASHBOARD)
    assert _rollup_queries(first.captured_queries) and not _rollup_queries(second.captured_queries)
    body = page.content.decode()
    body = body[body.index('data-testid="dashboard-as-of"') : body.index("</main>")]
    assert body in again.content.decode()  # the same rendered figures (the page around them has a new CSRF token)


def test_an_import_or_a_change_through_the_orm_shows_on_the_next_visit(account, client_for):
    client = client_for(account, Role.OWNER)
    client.get(DASHBOARD)
    before = account_generation(account.pk)
    BuyerMessage.objects.create(account=account, subject="Where is my parcel?", received_at=timezone.now())
    assert account_generation(account.pk) > before
    assert b"1 unanswered buyer message" in client.get(DASHBOARD).content

    FeedbackFactory(order=OrderFactory(account=account), rating=5)
    rollups_refresh(account=account)  # what every import runs, in SQL: no ORM signal of its own
    assert b"(1 rating)" in client.get(DASHBOARD).content
    FeedbackFactory(order=OrderFactory(account=account), rating=1)
    rollups_refresh(account=account)
    assert b"(2 ratings)" in client.get(DASHBOARD).content


def test_refresh_recomputes_and_stores_what_it_computed(account, client_for):
    client = client_for(account, Role.OWNER)
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as forced:
        client.get(DASHBOARD, {"fresh": "1"})
    with CaptureQueriesContext(connection) as after:
        client.get(DASHBOARD)
    assert _rollup_queries(forced.captured_queries) and not _rollup_queries(after.captured_queries)


def test_a_rolled_back_change_keeps_the_cached_figures(account, client_for):
    client_for(account, Role.OWNER).get(DASHBOARD)
    before = account_generation(account.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        BuyerMessage.objects.create(account=account, subject="Hello", received_at=timezone.now())
        raise RuntimeError("rolled back")
    assert account_generation(account.pk) == before


def test_the_figures_of_one_account_never_serve_another(account, client_for):
    other = SellerAccountFactory(marketplaces=["US", "UK"])
    BuyerMessage.objects.create(account=account, subject="Hi", received_at=timezone.now() - timedelta(hours=1))
    assert b"unanswered buyer message" in client_for(account, Role.OWNER).get(DASHBOARD).content
    assert b"unanswered buyer message" not in client_for(other, Role.OWNER).get(DASHBOARD).content
