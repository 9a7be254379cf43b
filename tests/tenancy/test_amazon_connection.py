"""The Amazon connection: the token at rest, the page and its roles, the
connection test, "Sync now", and the usage-plan limiter."""

import httpx
import pytest
from django.db import connection as db
from django.urls import reverse

from feedbackhub.tenancy.amazon import QuotaWait, RateLimiter
from feedbackhub.tenancy.amazon.client import retry_after_seconds
from feedbackhub.tenancy.models import AmazonConnection, ConnectionStatus, Role
from feedbackhub.tenancy.services import amazon_connection_test
from orders.tasks import orders_sync_for, reports_sync_for
from tests.factories import AmazonConnectionFactory, marketplace
from tests.sp_api_fakes import ACCESS_TOKEN, PARTICIPATIONS_URL, FakeClock, errors, lwa_form, participations

TOKEN = "Atzr|IwEBIA-test-refresh-token-0123456789"
URL = "/account/amazon/"


def raw_refresh_token(pk):
    with db.cursor() as cursor:
        cursor.execute("SELECT refresh_token FROM tenancy_amazonconnection WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_the_page_is_at_account_amazon():
    assert reverse("tenancy:amazon") == URL


@pytest.mark.django_db
def test_the_refresh_token_is_not_readable_in_the_raw_row(account):
    connection = AmazonConnectionFactory(account=account, refresh_token=TOKEN)
    stored = raw_refresh_token(connection.pk)
    assert stored and TOKEN not in stored and "Atzr" not in stored
    assert AmazonConnection.objects.get(pk=connection.pk).refresh_token == TOKEN


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [(Role.OWNER, 200), (Role.ADMIN, 200), (Role.VA, 403)])
def test_who_may_open_the_page(account, client_for, role, status):
    assert client_for(account, role).get(URL).status_code == status


@pytest.mark.django_db
def test_a_va_cannot_save_test_or_sync(account, client_for, sp_api):
    AmazonConnectionFactory(account=account, refresh_token=TOKEN)
    client = client_for(account, Role.VA)
    for data in (
        {"action": "save", "region": "na", "refresh_token": "Atzr|by-the-va"},
        {"action": "test"},
        {"action": "sync"},
    ):
        assert client.post(URL, data).status_code == 403
    assert AmazonConnection.objects.get(account=account).refresh_token == TOKEN
    assert not sp_api.router.calls


@pytest.mark.django_db
def test_saving_stores_the_token_encrypted_and_never_shows_it(account, client_for):
    client = client_for(account, Role.ADMIN)
    response = client.post(
        URL,
        {
            "action": "save",
            "region": "na",
            "marketplaces": [marketplace("US").pk],
            "selling_partner_id": "A3TESTSELLER01",
            "refresh_token": TOKEN,
        },
    )
    assert response.status_code == 302
    connection = AmazonConnection.objects.get(account=account)
    assert connection.refresh_token == TOKEN and TOKEN not in raw_refresh_token(connection.pk)
    assert [m.code for m in connection.marketplaces.all()] == ["US"]
    assert connection.status == ConnectionStatus.NOT_CONNECTED  # until tested

    page = client.get(URL).content.decode()
    assert TOKEN not in page and "IwEBIA" not in page
    assert '<td data-testid="refresh-token-state">set</td>' in page

    # Saving again without a token keeps the stored one.
    client.post(URL, {"action": "save", "region": "na", "marketplaces": [marketplace("CA").pk]})
    connection.refresh_from_db()
    assert connection.refresh_token == TOKEN
    assert [m.code for m in connection.marketplaces.all()] == ["CA"]


@pytest.mark.django_db
def test_a_new_marketplace_restarts_the_orders_sync_window(account, client_for):
    connection = AmazonConnectionFactory(account=account, marketplaces=["US"], orders_cursor="2026-11-01T00:00:00Z")
    client_for(account, Role.OWNER).post(
        URL, {"action": "save", "region": "na", "marketplaces": [marketplace("US").pk, marketplace("CA").pk]}
    )
    connection.refresh_from_db()
    assert connection.orders_cursor is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"region": "na", "refresh_token": "not-a-token"}, "starts with Atzr|"),
        ({"region": "na", "marketplaces": ["A1PA6795UKMFR9"]}, "Not in the North America region: DE"),
    ],
)
def test_the_form_refuses_what_amazon_would(account, client_for, data, error):
    response = client_for(account, Role.OWNER).post(URL, {"action": "save", **data})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not AmazonConnection.objects.filter(account=account).exists()


@pytest.mark.django_db
def test_test_connection_asks_amazon_and_says_where_the_seller_sells(account, client_for, sp_api):
    connection = AmazonConnection.objects.create(account=account, region="na", refresh_token=TOKEN)
    sellers = sp_api.router.get(PARTICIPATIONS_URL).respond(
        200,
        json=participations(
            ("ATVPDKIKX0DER", "Amazon.com", "US", "USD", "en_US"),
            ("A2EUQ1WTGCTBG2", "Amazon.ca", "CA", "CAD", "en_CA"),
        ),
        headers={"x-amzn-RateLimit-Limit": "0.016"},
    )

    response = client_for(account, Role.OWNER).post(URL, {"action": "test"}, follow=True)

    assert "Connected: this seller sells in CA, US." in response.content.decode()
    sent = sellers.calls.last.request
    assert sent.url.path == "/sellers/v1/marketplaceParticipations"
    assert sent.headers["x-amz-access-token"] == ACCESS_TOKEN
    assert lwa_form(sp_api.lwa.calls.last.request)["refresh_token"] == TOKEN
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.OK
    # No marketplaces were chosen: the participating ones are taken.
    assert sorted(m.code for m in connection.marketplaces.all()) == ["CA", "US"]


@pytest.mark.django_db
def test_a_failed_test_shows_amazons_reason_and_marks_the_connection(account, client_for, sp_api):
    connection = AmazonConnectionFactory(account=account, refresh_token=TOKEN)
    sp_api.router.get(PARTICIPATIONS_URL).respond(
        403, json=errors("Unauthorized", "Access to requested resource is denied.")
    )

    response = client_for(account, Role.OWNER).post(URL, {"action": "test"}, follow=True)

    assert "Access to requested resource is denied." in response.content.decode()
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.ERROR and "403" in connection.last_error


@pytest.mark.django_db
def test_without_app_credentials_the_test_says_so(account, settings):
    settings.SP_API_LWA_APP_ID = ""
    connection = AmazonConnectionFactory(account=account, refresh_token=TOKEN)
    result = amazon_connection_test(connection=connection)
    assert not result.ok and "SP_API_LWA_APP_ID" in result.message


@pytest.mark.django_db
def test_sync_now_queues_the_sync_tasks_after_commit(
    account, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    connection = AmazonConnectionFactory(account=account, refresh_token=TOKEN)
    sent = []
    for task in (orders_sync_for, reports_sync_for):
        monkeypatch.setattr(task, "delay", lambda task=task, **kwargs: sent.append((task.name, kwargs)))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(account, Role.OWNER).post(URL, {"action": "sync"})
    assert response.status_code == 302 and sent == []  # nothing before the commit

    for callback in callbacks:
        callback()
    assert sent == [
        ("orders.sync.orders_for", {"connection_id": connection.pk}),
        ("orders.sync.reports_for", {"connection_id": connection.pk}),
    ]


def test_the_queued_task_names_are_real_sync_tasks():
    from feedbackhub.celery import app

    app.loader.import_default_modules()
    for name in ("orders.sync.orders_for", "orders.sync.reports_for"):
        assert name in app.tasks
        assert app.amqp.router.route({}, name)["queue"].name == "sync"


@pytest.mark.django_db
def test_the_settings_page_links_to_the_connection(account, client_for):
    AmazonConnectionFactory(account=account, status=ConnectionStatus.ERROR)
    page = client_for(account, Role.OWNER).get(reverse("tenancy:settings")).content.decode()
    assert f'href="{URL}"' in page and "arrives with the data-in work" not in page
    assert 'data-testid="amazon-status">Error<' in page


# The usage-plan limiter, on the real Redis with a fake clock.


@pytest.mark.django_db
def test_the_bucket_allows_the_burst_then_paces_calls(sp_api):
    clock = FakeClock()
    limiter = RateLimiter(partner_key="test-partner", clock=clock.time, sleep=clock.sleep, max_wait=3600)
    for _ in range(15):
        limiter.acquire("createReport")
    assert clock.sleeps == []
    limiter.acquire("createReport")
    assert clock.sleeps == [pytest.approx(1 / 0.0167)]


@pytest.mark.django_db
def test_the_rate_amazon_reports_replaces_the_published_one(sp_api):
    clock = FakeClock()
    limiter = RateLimiter(partner_key="test-partner", clock=clock.time, sleep=clock.sleep, max_wait=3600)
    limiter.observe("getReport", "0.5")
    for _ in range(16):
        limiter.acquire("getReport")
    assert clock.sleeps == [pytest.approx(2.0)]


@pytest.mark.django_db
def test_a_wait_longer_than_allowed_raises_instead_of_sleeping(sp_api):
    clock = FakeClock()
    limiter = RateLimiter(partner_key="test-partner", clock=clock.time, sleep=clock.sleep, max_wait=60)
    limiter.hold("searchOrders", 600)
    with pytest.raises(QuotaWait):
        limiter.acquire("searchOrders")
    assert clock.sleeps == []


def test_retry_after_in_seconds_or_as_a_date():
    assert retry_after_seconds({"Retry-After": "7"}, now=0) == 7.0
    assert retry_after_seconds({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, now=1445412470) == 10.0
    assert retry_after_seconds({}, now=0) is None


@pytest.mark.django_db
def test_a_throttled_test_answers_at_once_instead_of_holding_the_page(account, client_for, sp_api):
    connection = AmazonConnectionFactory(account=account, refresh_token=TOKEN)
    sp_api.router.get(PARTICIPATIONS_URL).mock(
        return_value=httpx.Response(429, headers={"Retry-After": "120"}, json=errors("QuotaExceeded", "Slow down."))
    )

    response = client_for(account, Role.OWNER).post(URL, {"action": "test"}, follow=True)

    assert "Amazon asks to wait 120 s before the next test." in response.content.decode()
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.OK  # being throttled says nothing about the token
