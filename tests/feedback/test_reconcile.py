"""Amazon's figure beside ours, the difference explained order by order."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from feedback.models import AccountHealthSnapshot, FeedbackState
from feedback.reconcile import reconciliation

from ..factories import ClaimFactory, FeedbackFactory, OrderFactory, marketplace

pytestmark = pytest.mark.django_db

FROM, TO = datetime(2026, 9, 1, 7, tzinfo=UTC), datetime(2026, 10, 31, 7, tzinfo=UTC)
AS_OF = datetime(2026, 11, 14, 12, tzinfo=UTC)  # when Amazon's figure was taken (imported)


def order(account, amazon_order_id):
    return OrderFactory(
        account=account, amazon_order_id=amazon_order_id, purchase_date=datetime(2026, 10, 1, 18, tzinfo=UTC)
    )


def test_seeded_differences_are_found_and_explained(account):
    both = order(account, "111-0000001-0000001")
    FeedbackFactory(order=both, rating=1, feedback_date=date(2026, 10, 10))
    late = order(account, "111-0000002-0000002")
    FeedbackFactory(order=late, rating=2, feedback_date=date(2026, 11, 20))  # after Amazon's figure
    removed = order(account, "111-0000003-0000003")
    FeedbackFactory(
        order=removed,
        rating=1,
        feedback_date=date(2026, 10, 12),
        state=FeedbackState.REMOVED_BY_BUYER,
        state_changed_at=AS_OF + timedelta(days=2),
    )
    denied = order(account, "111-0000004-0000004")
    ClaimFactory(
        order=denied,
        kind="atoz",
        status="denied",
        opened_at=FROM + timedelta(days=40),
        closed_at=AS_OF + timedelta(days=1),
    )
    for _ in range(96):
        OrderFactory(account=account, purchase_date=datetime(2026, 10, 2, tzinfo=UTC))
    snapshot = AccountHealthSnapshot.objects.create(
        account=account,
        marketplace=marketplace("US"),
        fulfillment="afn",
        date_from=FROM,
        date_to=TO,
        order_count=100,
        orders_with_defects=4,
        rate=Decimal("0.04"),
    )
    AccountHealthSnapshot.objects.filter(pk=snapshot.pk).update(imported_at=AS_OF)
    snapshot.refresh_from_db()
    result = reconciliation(account=account, snapshot=snapshot)
    assert (result.our_orders, result.our_defects) == (100, 2)
    assert [order_id for order_id, _ in result.only_ours] == ["111-0000002-0000002"]
    assert "after Amazon's figure" in result.only_ours[0][1]
    assert sorted(order_id for order_id, _ in result.only_amazons) == ["111-0000003-0000003", "111-0000004-0000004"]
    assert result.unexplained == 1  # 4 = 2 ours - 1 late + 2 since undone + 1 we have no record of
