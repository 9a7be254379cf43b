"""A merchant id is bound to an account only by an Amazon connection Amazon
accepts; the settings form neither sets it nor says which ids are taken."""

import pytest
from django.urls import reverse

from feedbackhub.tenancy.models import AmazonConnection, Role
from tests.sp_api_fakes import PARTICIPATIONS_URL, participations

TOKEN = "Atzr|IwEBIA-test-refresh-token-0123456789"


def _settings_post(client, account, **extra):
    data = {"name": account.name, "time_zone": account.time_zone, "marketplaces": ["ATVPDKIKX0DER"], **extra}
    return client.post(reverse("tenancy:settings"), data, follow=True)


@pytest.mark.django_db
def test_posting_another_accounts_merchant_id_changes_nothing_and_tells_nothing(account, other_account, client_for):
    own_id, theirs = account.merchant_id, other_account.merchant_id
    client = client_for(account, Role.OWNER)
    response = _settings_post(client, account, merchant_id=theirs)
    body = response.content.decode()
    account.refresh_from_db()
    other_account.refresh_from_db()
    assert (account.merchant_id, other_account.merchant_id) == (own_id, theirs)
    assert theirs not in body and "already" not in body.lower()
    # The same answer as for an id nobody holds: saved, the merchant id untouched.
    unknown = _settings_post(client, account, merchant_id="ANOBODYHASTHIS1")
    assert response.redirect_chain == unknown.redirect_chain == [(reverse("tenancy:settings"), 302)]
    assert "Settings saved." in body and "Settings saved." in unknown.content.decode()


@pytest.mark.django_db
def test_the_settings_page_shows_the_merchant_id_without_a_field_for_it(account, client_for):
    body = client_for(account, Role.OWNER).get(reverse("tenancy:settings")).content.decode()
    assert account.merchant_id in body and 'name="merchant_id"' not in body


def _accepted_test(sp_api, client, account, selling_partner_id):
    AmazonConnection.objects.create(
        account=account, region="na", refresh_token=TOKEN, selling_partner_id=selling_partner_id
    )
    sp_api.router.get(PARTICIPATIONS_URL).respond(
        200, json=participations(("ATVPDKIKX0DER", "Amazon.com", "US", "USD", "en_US"))
    )
    return client.post(reverse("tenancy:amazon"), {"action": "test"}, follow=True).content.decode()


@pytest.mark.django_db
def test_a_connection_amazon_accepts_binds_its_selling_partner_id(account, client_for, sp_api):
    account.merchant_id = None
    account.save(update_fields=["merchant_id"])
    _accepted_test(sp_api, client_for(account, Role.OWNER), account, "A3TESTSELLER01")
    account.refresh_from_db()
    assert account.merchant_id == "A3TESTSELLER01"


@pytest.mark.django_db
def test_a_connection_naming_another_accounts_id_binds_nothing_and_says_the_same(
    account, other_account, client_for, sp_api
):
    account.merchant_id = None
    account.save(update_fields=["merchant_id"])
    body = _accepted_test(sp_api, client_for(account, Role.OWNER), account, other_account.merchant_id)
    account.refresh_from_db()
    other_account.refresh_from_db()
    assert account.merchant_id is None and other_account.merchant_id
    assert "Connected: this seller sells in US." in body and "already" not in body.lower()
