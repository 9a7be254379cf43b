"""Rate limits: log in (django-axes) and CSV downloads per user per minute."""

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django_ratelimit.core import _get_window

from feedbackhub.tenancy.models import Role

pytestmark = pytest.mark.django_db

EXPORTS = ["feedback:export", "dashboard_export"]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_login_locks_out_after_repeated_failures(client, account, member_of, settings):
    user = member_of(account, Role.VA)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": user.username, "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": user.username, "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("route", EXPORTS)
def test_csv_downloads_are_limited_per_user_per_minute(client_for, account, settings, route):
    settings.EXPORT_RATE = "3/m"
    client = client_for(account, Role.OWNER)
    user_id = client.session["_auth_user_id"]
    with time_machine.travel(_get_window(str(user_id), 60) + 1, tick=False):
        for _ in range(3):
            assert client.get(reverse(route)).status_code == 200
        refused = client.get(reverse(route))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    page = refused.content.decode()
    assert "Too many downloads" in page and "will work again in" in page
    assert "<nav" in page, "the answer is a page of the app, in its layout"


def test_the_export_limit_is_per_user(client, client_for, account, member_of, settings):
    settings.EXPORT_RATE = "1/m"
    first = client_for(account, Role.OWNER)
    assert first.get(reverse("feedback:export")).status_code == 200
    assert first.get(reverse("feedback:export")).status_code == 429
    client.force_login(member_of(account, Role.ADMIN))
    assert client.get(reverse("feedback:export")).status_code == 200


def test_the_limit_ends_with_the_minute(client_for, account, settings):
    settings.EXPORT_RATE = "1/m"
    client = client_for(account, Role.OWNER)
    start = _get_window(client.session["_auth_user_id"], 60) + 1
    with time_machine.travel(start, tick=False):
        assert client.get(reverse("feedback:export")).status_code == 200
        assert client.get(reverse("feedback:export")).status_code == 429
    with time_machine.travel(start + 61, tick=False):
        assert client.get(reverse("feedback:export")).status_code == 200
