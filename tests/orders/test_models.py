import io
from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from feedbackhub import crypto
from orders.models import Order
from tests.factories import ClaimFactory, OrderFactory, OrderItemFactory


def raw_column(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_buyer_email_is_not_readable_in_the_raw_row(account):
    order = OrderFactory(account=account, buyer_email="jane.test@marketplace.amazon.example", buyer_name="Jane Test")
    stored_email = raw_column("orders_order", "buyer_email", order.pk)
    stored_name = raw_column("orders_order", "buyer_name", order.pk)
    assert "jane" not in stored_email.lower() and "marketplace" not in stored_email
    assert "Jane" not in stored_name
    assert Order.objects.get(pk=order.pk).buyer_email == "jane.test@marketplace.amazon.example"


@pytest.mark.django_db
def test_keys_rotate_old_rows_stay_readable(account, settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    order = OrderFactory(account=account, buyer_email="rotate@marketplace.amazon.example")
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old_key]
    assert Order.objects.get(pk=order.pk).buyer_email == "rotate@marketplace.amazon.example"


@pytest.mark.django_db
def test_empty_buyer_fields_need_no_key(account):
    order = OrderFactory(account=account, buyer_email="", buyer_name="")
    assert raw_column("orders_order", "buyer_email", order.pk) == ""


@pytest.mark.parametrize(
    "bad_id", ["112-123456-1234567", "1121234567123456", "ABC-1234567-1234567", "112-1234567-12345678"]
)
def test_order_id_must_be_3_7_7_digits(bad_id):
    from orders.models import validate_amazon_order_id

    with pytest.raises(ValidationError):
        validate_amazon_order_id(bad_id)


@pytest.mark.django_db
def test_database_refuses_a_malformed_order_id(account):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderFactory(account=account, amazon_order_id="12-34")


@pytest.mark.django_db
def test_order_id_is_unique_per_account_not_globally(account, other_account):
    OrderFactory(account=account, amazon_order_id="112-1234567-1234567")
    OrderFactory(account=other_account, amazon_order_id="112-1234567-1234567")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderFactory(account=account, amazon_order_id="112-1234567-1234567")


@pytest.mark.django_db
def test_one_row_per_sku_in_an_order(account):
    order = OrderFactory(account=account)
    OrderItemFactory(order=order, sku="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderItemFactory(order=order, sku="A")


@pytest.mark.django_db
def test_claim_cannot_close_before_it_opens(account):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(order__account=account, opened_at=now, closed_at=now - timedelta(days=1))


@pytest.mark.django_db
def test_denied_claims_are_not_defects(account):
    ClaimFactory(order__account=account, status="denied")
    open_claim = ClaimFactory(order__account=account, status="open")
    granted = ClaimFactory(order__account=account, status="granted", kind="chargeback")
    from orders.models import Claim

    assert set(Claim.objects.for_account(account).defects()) == {open_claim, granted}


@pytest.mark.django_db
def test_datetimes_are_timezone_aware(account):
    order = Order.objects.get(pk=OrderFactory(account=account).pk)
    assert timezone.is_aware(order.purchase_date) and timezone.is_aware(order.last_updated)


def test_blind_index_is_stable_and_normalised(settings):
    assert crypto.blind_index(" Buyer@Example.com ") == crypto.blind_index("buyer@example.com")
    assert crypto.blind_index("a@example.com") != crypto.blind_index("b@example.com")
    assert "buyer" not in crypto.blind_index("buyer@example.com")


@pytest.mark.django_db
def test_rotate_command_reencrypts_with_the_new_key(account, settings):
    from django.core.management import call_command

    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    order = OrderFactory(account=account, buyer_email="rotate-all@marketplace.amazon.example")
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_encryption_keys", stdout=io.StringIO())
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    assert Order.objects.get(pk=order.pk).buyer_email == "rotate-all@marketplace.amazon.example"
