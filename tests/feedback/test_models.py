from datetime import date

import pytest
from django.db import IntegrityError, transaction

from feedback.models import Feedback, FeedbackState
from tests.factories import FeedbackFactory, OrderFactory


@pytest.mark.django_db
@pytest.mark.parametrize("rating", [0, 6])
def test_rating_outside_1_to_5_is_refused_by_the_database(account, rating):
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackFactory(order__account=account, rating=rating)


@pytest.mark.django_db
def test_one_feedback_per_order(account):
    order = OrderFactory(account=account)
    FeedbackFactory(order=order)
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(
            account=account,
            marketplace=order.marketplace,
            amazon_order_id=order.amazon_order_id,
            rating=1,
            feedback_date=date.today(),
        )


@pytest.mark.django_db
def test_feedback_can_wait_for_its_order(account):
    feedback = Feedback.objects.create(
        account=account,
        marketplace=account.marketplaces.get(code="US"),
        amazon_order_id="113-0000001-0000001",
        rating=2,
        feedback_date=date(2026, 11, 1),
    )
    assert feedback.order is None
    assert feedback.buyer_removal_deadline == date(2026, 12, 31)
    assert feedback.sentiment == "negative"


@pytest.mark.django_db
def test_removed_and_struck_feedback_do_not_count(account):
    live = FeedbackFactory(order__account=account, rating=1)
    FeedbackFactory(order__account=account, rating=1, state=FeedbackState.REMOVED_BY_BUYER)
    FeedbackFactory(order__account=account, rating=2, state=FeedbackState.STRUCK_THROUGH)
    FeedbackFactory(order__account=account, rating=1, state=FeedbackState.REMOVED_BY_AMAZON)
    assert list(Feedback.objects.for_account(account).counted().of_sentiment("negative")) == [live]


@pytest.mark.parametrize(
    ("rating", "sentiment"), [(1, "negative"), (2, "negative"), (3, "neutral"), (4, "positive"), (5, "positive")]
)
def test_sentiment_follows_amazons_bands(rating, sentiment):
    assert Feedback(rating=rating).sentiment == sentiment
