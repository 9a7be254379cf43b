"""A person in the browser sees FeedbackHub's own 403, 404 and 500 pages, in the
base layout, never Django's debug page; the 500 traceback goes to the log.
The favicon is served, and the Orders list answers htmx and the browser apart."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from feedbackhub.tenancy.models import Role
from tests.factories import OrderFactory

ROOT = Path(__file__).resolve().parent.parent.parent


def _is_branded(response, status):
    body = response.content.decode()
    return f'data-testid="error-page" data-status="{status}"' in body and 'class="navbar-brand"' in body


def test_unknown_address_is_the_branded_404(client_for, account):
    response = client_for(account).get("/no-such-page/")
    assert response.status_code == 404
    assert _is_branded(response, 404)
    assert "There is no page at this address." in response.content.decode()


def test_another_accounts_order_is_the_branded_404_naming_what_is_missing(client_for, account, other_account):
    order = OrderFactory(account=other_account)
    response = client_for(account).get(f"/orders/{order.pk}/")
    assert response.status_code == 404
    assert _is_branded(response, 404)
    assert "No such order in this seller account." in response.content.decode()


def test_a_page_outside_the_role_is_the_branded_403(client_for, account):
    response = client_for(account, Role.VA).get("/messaging/campaigns/")
    assert response.status_code == 403
    assert _is_branded(response, 403)
    assert "/messaging/campaigns/" in response.content.decode()


def test_a_csrf_failure_is_the_branded_403(account, member_of):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_of(account))
    response = client.post("/account/switch/", {"account_id": account.pk})
    assert response.status_code == 403
    assert _is_branded(response, 403)
    assert "security token" in response.content.decode()


@pytest.mark.urls("tests.security.error_urls")
def test_a_failing_view_is_the_branded_500_and_its_traceback_is_logged(account, member_of, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(member_of(account))
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/test-failure/")
    assert response.status_code == 500
    assert _is_branded(response, 500)
    assert "a bug in a view" not in response.content.decode()
    logged = [record for record in caplog.records if record.name == "django.request"]
    assert logged and logged[0].exc_info[0] is RuntimeError


@pytest.mark.urls("tests.security.error_urls")
def test_the_500_page_needs_no_context_processor(account, member_of, settings):
    """The 500 page renders without a request context: a context processor that
    fails (the database is gone) cannot take the error page down with it."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "OPTIONS": {"context_processors": ["tests.security.test_error_pages.broken"]}}
    ]
    client = Client(raise_request_exception=False)
    response = client.get("/test-failure/")
    assert response.status_code == 500
    assert _is_branded(response, 500)


def broken(request):
    raise RuntimeError("the database is gone")


def test_local_settings_show_the_apps_error_pages_by_default():
    environment = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environment["DJANGO_SETTINGS_MODULE"] = "feedbackhub.settings.local"
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_favicon_is_linked_and_served(client_for, account):
    page = client_for(account).get("/orders/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in page
    assert finders.find("favicon.svg")
    icon = Client().get("/favicon.ico")
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO file


def test_orders_list_is_the_whole_page_unless_htmx_swaps_the_table(client_for, account):
    client = client_for(account)
    page = client.get("/orders/?status=shipped")
    table = client.get("/orders/?status=shipped", headers={"HX-Request": "true"})
    restored = client.get(
        "/orders/?status=shipped", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert 'class="navbar-brand"' in page.content.decode()
    assert 'class="navbar-brand"' not in table.content.decode()
    assert 'data-testid="order-table"' in table.content.decode()
    assert 'class="navbar-brand"' in restored.content.decode()
    for response in (page, table, restored):
        assert "HX-Request" in response["Vary"]
