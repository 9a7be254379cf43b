"""A session ends after SESSION_IDLE_TIMEOUT_MINUTES without a request;
every request renews it."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from feedbackhub.tenancy.models import Role

pytestmark = pytest.mark.django_db


def test_the_idle_timeout_is_an_hour_by_default():
    assert settings.SESSION_IDLE_TIMEOUT_MINUTES == 60
    assert settings.SESSION_COOKIE_AGE == 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_an_idle_session_ends(client, account, member_of):
    user = member_of(account, Role.VA)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(reverse("login"), {"username": user.username, "password": "correct-horse-battery"})
        assert client.get(reverse("orders:list")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        response = client.get(reverse("orders:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_activity_keeps_the_session(client, account, member_of):
    user = member_of(account, Role.VA)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(reverse("login"), {"username": user.username, "password": "correct-horse-battery"})
    for minutes in (50, 100, 150):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("orders:list")).status_code == 200
