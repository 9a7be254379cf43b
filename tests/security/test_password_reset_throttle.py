"""Password reset is throttled per address and per IP, and answers the same
page whether an address exists, is throttled, or not."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture
def limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
    settings.PASSWORD_RESET_LIMIT_PER_IP = 5


def _fresh_ip():
    # The counters live in the real Redis and outlive a run: a new IP and address per test.
    number = uuid.uuid4().int
    return f"10.{number % 250}.{number // 250 % 250}.{number // 62500 % 250 + 1}"


def _ask(client, email, ip):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_eight_requests_for_one_address_send_only_the_limit(client, limits):
    user = UserFactory(email=f"{uuid.uuid4().hex}@example.com")
    answers = [_ask(client, user.email, _fresh_ip()) for _ in range(8)]
    assert len(mail.outbox) == 3
    assert {(answer.status_code, answer.url) for answer in answers} == {(302, reverse("password_reset_done"))}


@pytest.mark.django_db
def test_one_ip_asking_for_many_addresses_is_limited(client, limits):
    ip = _fresh_ip()
    users = [UserFactory(email=f"{uuid.uuid4().hex}@example.com") for _ in range(8)]
    for user in users:
        assert _ask(client, user.email, ip).url == reverse("password_reset_done")
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_the_address_limit_ignores_case_and_spaces(client, limits):
    user = UserFactory(email=f"{uuid.uuid4().hex}@example.com")
    for spelling in (user.email, user.email.upper(), f" {user.email} ", user.email.title(), user.email):
        _ask(client, spelling, _fresh_ip())
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_unknown_and_throttled_addresses_get_the_same_answer(client, limits):
    known = UserFactory(email=f"{uuid.uuid4().hex}@example.com")
    for _ in range(3):
        _ask(client, known.email, _fresh_ip())
    throttled = _ask(client, known.email, _fresh_ip())
    unknown = _ask(client, f"{uuid.uuid4().hex}@example.com", _fresh_ip())
    sent = _ask(client, UserFactory(email=f"{uuid.uuid4().hex}@example.com").email, _fresh_ip())
    assert throttled.status_code == unknown.status_code == sent.status_code == 302
    assert throttled.url == unknown.url == sent.url
    assert len(mail.outbox) == 4
