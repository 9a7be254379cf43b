"""Malformed values in the account switcher and the template preview are
refused with a clear answer, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from feedbackhub.tenancy.access import SESSION_KEY
from feedbackhub.tenancy.models import Role
from tests.factories import MembershipFactory


@pytest.mark.django_db
@pytest.mark.parametrize("account_id", ["abc", "1e3", "\x00", "%00", "", " 1", "-1", "9" * 40])
def test_the_switcher_refuses_what_is_not_an_account_id(account_id, account, client_for):
    client = client_for(account, Role.OWNER)
    response = client.post(reverse("tenancy:switch"), {"account_id": account_id})
    assert response.status_code == 302 and response.url == reverse("home")
    assert SESSION_KEY not in client.session
    [message] = get_messages(response.wsgi_request)
    assert "Account switcher" in str(message)


@pytest.mark.django_db
def test_the_switcher_still_switches(account, other_account, member_of, client):
    user = member_of(account)
    MembershipFactory(user=user, account=other_account)
    client.force_login(user)
    client.post(reverse("tenancy:switch"), {"account_id": str(other_account.pk)})
    assert client.session[SESSION_KEY] == other_account.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [{"kind": "zz"}, {"language": "zz"}, {"kind": "feedback_request", "language": "\x00"}, {"kind": "x" * 500}],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_template_preview_refuses_an_unknown_kind_or_language(query, method, account, client_for):
    client = client_for(account, Role.OWNER)
    response = getattr(client, method)(reverse("messaging:template_preview"), {"body": "Thank you.", **query})
    assert response.status_code == 400
    assert "choose the kind and the language" in response.content.decode()


@pytest.mark.django_db
def test_the_template_preview_still_checks_a_known_kind(account, client_for):
    client = client_for(account, Role.OWNER)
    response = client.get(
        reverse("messaging:template_preview"), {"kind": "feedback_request", "language": "de", "body": "Danke."}
    )
    assert response.status_code == 200 and "Amazon compliance" in response.content.decode()


@pytest.mark.django_db
def test_the_editor_with_a_forged_kind_answers_with_the_form(account, client_for):
    client = client_for(account, Role.OWNER)
    response = client.post(reverse("messaging:template_new"), {"name": "T", "kind": "zz", "body": "Thanks."})
    assert response.status_code == 200
    assert "choose the kind and the language" in response.content.decode()
