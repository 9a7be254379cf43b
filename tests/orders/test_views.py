from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedbackhub.rules import local_day
from feedbackhub.tenancy.models import Role
from orders.models import FulfillmentChannel, OrderStatus
from tests.factories import ClaimFactory, FeedbackFactory, OrderFactory, OrderItemFactory, marketplace


def listed(client, **params):
    return [order.amazon_order_id for order in client.get(reverse("orders:list"), params).context["page"]]


@pytest.fixture
def orders(account):
    now = timezone.now()
    us_fba = OrderFactory(account=account, amazon_order_id="111-0000001-0000001", purchase_date=now - timedelta(days=2))
    uk_fbm = OrderFactory(
        account=account,
        amazon_order_id="202-0000002-0000002",
        marketplace=marketplace("UK"),
        fulfillment_channel=FulfillmentChannel.MFN,
        purchase_date=now - timedelta(days=20),
    )
    canceled = OrderFactory(
        account=account,
        amazon_order_id="111-0000003-0000003",
        status=OrderStatus.CANCELED,
        purchase_date=now - timedelta(days=40),
    )
    OrderItemFactory(order=us_fba, sku="BOTTLE-750", asin="B0BOTTLE01")
    OrderItemFactory(order=uk_fbm, sku="MUG-STEEL", asin="B0MUG00001")
    return us_fba, uk_fbm, canceled


@pytest.mark.django_db
def test_filters(orders, account, client_for):
    client = client_for(account, Role.VA)
    uk = marketplace("UK")
    assert listed(client) == ["111-0000001-0000001", "202-0000002-0000002", "111-0000003-0000003"]
    assert listed(client, marketplace=uk.pk) == ["202-0000002-0000002"]
    assert listed(client, status="Canceled") == ["111-0000003-0000003"]
    assert listed(client, fulfillment_channel="MFN") == ["202-0000002-0000002"]
    since = (timezone.now() - timedelta(days=30)).date().isoformat()
    assert listed(client, purchased_from=since) == ["111-0000001-0000001", "202-0000002-0000002"]
    until = (timezone.now() - timedelta(days=10)).date().isoformat()
    assert listed(client, purchased_to=until) == ["202-0000002-0000002", "111-0000003-0000003"]
    assert listed(client, q="bottle-750") == ["111-0000001-0000001"]
    assert listed(client, q="B0MUG00001") == ["202-0000002-0000002"]
    assert listed(client, q="111-0000003") == ["111-0000003-0000003"]


@pytest.mark.django_db
def test_bad_filter_values_say_so(orders, account, client_for):
    response = client_for(account).get(reverse("orders:list"), {"purchased_from": "31/02/2026", "status": "Lost"})
    assert response.status_code == 200
    assert b"Some filters are not valid" in response.content


@pytest.mark.django_db
def test_pagination(account, client_for):
    OrderFactory.create_batch(55, account=account)
    client = client_for(account)
    first = client.get(reverse("orders:list")).context["page"]
    assert (len(first), first.paginator.num_pages) == (50, 2)
    assert len(client.get(reverse("orders:list"), {"page": 2}).context["page"]) == 5


@pytest.mark.django_db
def test_htmx_request_gets_only_the_table(orders, account, client_for):
    response = client_for(account).get(reverse("orders:list"), {"q": "MUG-STEEL"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and 'data-testid="order-table"' in body and "202-0000002-0000002" in body


@pytest.mark.django_db
def test_order_page_shows_items_feedback_and_claims(account, client_for):
    order = OrderFactory(account=account)
    OrderItemFactory(order=order, sku="TARP-3X3", title="Ultralight tarp")
    FeedbackFactory(order=order, rating=2, comment="Arrived late")
    ClaimFactory(order=order, kind="atoz", status="denied")
    body = client_for(account, Role.VA).get(reverse("orders:detail", args=[order.pk])).content.decode()
    for text in ("TARP-3X3", "Ultralight tarp", "2★", "Arrived late", "A-to-z Guarantee claim", "Denied"):
        assert text in body


@pytest.mark.django_db
def test_order_page_says_when_buyer_data_was_removed(account, client_for):
    purged = timezone.now() - timedelta(days=3)
    order = OrderFactory(account=account, buyer_name="", buyer_email="", pii_purged_at=purged)
    body = client_for(account).get(reverse("orders:detail", args=[order.pk])).content.decode()
    assert f"Buyer details removed on {local_day(purged, account.time_zone):%Y-%m-%d}" in body  # the seller's zone


@pytest.mark.django_db
def test_settings_form_saves_through_the_service(account, client_for):
    client = client_for(account, Role.ADMIN)
    response = client.post(
        reverse("tenancy:settings"),
        {
            "name": "Renamed",
            "time_zone": "Europe/Berlin",
            "marketplaces": ["A1PA6795UKMFR9"],
        },
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.name, account.time_zone) == ("Renamed", "Europe/Berlin")
    assert [m.code for m in account.marketplaces.all()] == ["DE"]


@pytest.mark.django_db
def test_settings_form_rejects_a_bad_time_zone(account, client_for):
    response = client_for(account).post(
        reverse("tenancy:settings"), {"name": "X", "time_zone": "Mars/Olympus", "marketplaces": ["ATVPDKIKX0DER"]}
    )
    assert response.status_code == 200 and "is not an IANA time zone" in response.content.decode()
