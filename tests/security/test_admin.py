import pytest
from django.urls import reverse

from tests.factories import OrderFactory, UserFactory


@pytest.mark.django_db
def test_django_admin_is_for_superusers_only(client, account, member_of):
    order = OrderFactory(account=account)
    url = reverse("admin:orders_order_change", args=[order.pk])
    staff_owner = member_of(account)
    staff_owner.is_staff = True
    staff_owner.save(update_fields=["is_staff"])
    client.force_login(staff_owner)
    assert client.get(url).status_code == 302  # sent to the admin login
    assert client.get(reverse("admin:index")).status_code == 302

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_admin_never_shows_buyer_personal_data(client, account):
    order = OrderFactory(account=account, buyer_email="secret-buyer@marketplace.amazon.example")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    body = client.get(reverse("admin:orders_order_change", args=[order.pk])).content
    assert b"secret-buyer" not in body


@pytest.mark.django_db
def test_admin_hides_the_shipping_address_and_the_buyer_key(client, account):
    order = OrderFactory(account=account, ship_to="12 Secret Lane, Springfield", buyer_key="f" * 64)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in (
        reverse("admin:orders_order_change", args=[order.pk]),
        reverse("admin:orders_order_changelist"),
        reverse("admin:orders_order_add"),
    ):
        body = client.get(url).content.decode()
        assert "Secret Lane" not in body and "f" * 64 not in body
        assert 'name="ship_to"' not in body and 'name="buyer_key"' not in body
