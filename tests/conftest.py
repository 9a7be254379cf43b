import pytest
import respx
from django.core.files.uploadedfile import SimpleUploadedFile
from sp_api.auth.access_token_client import cache as access_token_cache

from feedbackhub.tenancy.amazon.locks import redis_client
from feedbackhub.tenancy.models import Role
from orders.imports.services import import_job_create, import_job_run

from .factories import MembershipFactory, SellerAccountFactory, UserFactory, marketplace
from .messaging.real_processes import Processes, RedisServer
from .sp_api_fakes import ACCESS_TOKEN, LWA_URL, FakeClock, SpApiFake


@pytest.fixture
def account(db):
    return SellerAccountFactory(marketplaces=["US", "UK"])


@pytest.fixture
def other_account(db):
    return SellerAccountFactory(marketplaces=["US"])


@pytest.fixture
def member_of(db):
    """member_of(account, role) -> a user holding that role in the account."""

    def make(account, role=Role.OWNER, **user_fields):
        user = UserFactory(**user_fields)
        MembershipFactory(user=user, account=account, role=role)
        return user

    return make


@pytest.fixture
def client_for(client, member_of):
    """client_for(account, role) -> the test client logged in as such a member."""

    def make(account, role=Role.OWNER):
        client.force_login(member_of(account, role))
        return client

    return make


@pytest.fixture
def sp_api(settings):
    """Amazon faked at the HTTP level (respx): Login with Amazon answers with
    an access token; every other Amazon call needs a route of the test's own.
    Usage-plan buckets and sync locks in the real Redis start empty."""
    settings.SP_API_LWA_APP_ID = "amzn1.application-oa2-client.test"
    settings.SP_API_LWA_CLIENT_SECRET = "test-client-secret"
    access_token_cache.clear()  # the library caches access tokens per refresh token, per process
    store = redis_client()
    for key in store.scan_iter("feedbackhub:sp-api:*"):
        store.delete(key)
    with respx.mock(assert_all_called=False) as router:
        lwa = router.post(LWA_URL).respond(
            200, json={"access_token": ACCESS_TOKEN, "token_type": "bearer", "expires_in": 3600}
        )
        yield SpApiFake(router=router, lwa=lwa, clock=FakeClock())
    access_token_cache.clear()


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def importer(account, member_of, media_in_tmp):
    user = member_of(account)

    def run(content, name="report.txt", report_type="", marketplace_code=None, encoding="utf-8"):
        data = content if isinstance(content, bytes) else content.encode(encoding)
        job = import_job_create(
            account=account,
            user=user,
            uploaded_file=SimpleUploadedFile(name, data),
            requested_type=report_type,
            marketplace=marketplace(marketplace_code) if marketplace_code else None,
        )
        job = import_job_run(job_id=job.pk)
        job.refresh_from_db()
        return job

    return run


# Real processes (workers, an own Redis), for the tests that start them: tests/messaging, tests/security.


@pytest.fixture
def broker(tmp_path):
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def processes(tmp_path):
    started = Processes(tmp_path)
    yield started
    started.close()
