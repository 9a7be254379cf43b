import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


@pytest.mark.django_db
def test_login_and_logout(client, account, member_of):
    user = member_of(account)
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("orders:list")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("orders:list")).status_code == 302


@pytest.mark.django_db
def test_repeated_failures_lock_the_login(client, account, member_of, settings):
    user = member_of(account)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": user.username, "password": "wrong password!"})
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content
    assert client.get(reverse("orders:list")).status_code == 302


@pytest.mark.django_db
def test_a_few_failures_do_not_lock(client, account, member_of, settings):
    user = member_of(account)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": user.username, "password": "wrong password!"})
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Tr0ub4dor&3")
    validate_password("a much longer passphrase")


@pytest.mark.django_db
def test_password_reset_by_email(client):
    user = UserFactory(email="seller@example.com")
    client.post(reverse("password_reset"), {"email": "seller@example.com"})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["seller@example.com"]
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session and redirects
    response = client.post(
        form_url, {"new_password1": "a fresh long passphrase", "new_password2": "a fresh long passphrase"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a fresh long passphrase")


@pytest.mark.django_db
def test_password_change_enforces_the_minimum(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short1!", "new_password2": "short1!"},
    )
    assert response.status_code == 200 and "at least 12 characters" in response.content.decode()
    assert get_user_model().objects.get(pk=user.pk).check_password(PASSWORD)


@pytest.mark.django_db
def test_user_without_account_gets_a_clear_page(client):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 403 and b"not a member of any seller account" in response.content
