"""Two-factor sign-in: enrolment, the code after the password, recovery
codes, the account's requirement for owners and admins, and the limit on
code attempts."""

import time

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from feedbackhub.audit.models import AuditAction, AuditEvent
from feedbackhub.tenancy.models import Role
from feedbackhub.tenancy.services import seller_account_create
from tests.factories import SellerAccountFactory

PASSWORD = "correct-horse-battery"  # UserFactory's

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # Attempt counters live in the real Redis and are keyed by user id.
    cache.clear()
    yield
    cache.clear()


def current_code(device, at=None):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = at if at is not None else time.time()
    return f"{totp.token():06d}"


def wrong_code(device):
    return f"{(int(current_code(device)) + 1) % 1_000_000:06d}"


def _window_end(key, period):
    from django_ratelimit.core import _get_window

    return _get_window(key, period)


def password_login(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password was refused"
    return response


def with_authenticator(user):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    recovery = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    recovery.token_set.create(token="recovery1")
    return device


@pytest.fixture
def requiring_account():
    return SellerAccountFactory(two_factor_required=True)


@pytest.fixture
def user_in(member_of):
    def make(account, role):
        return member_of(account, role)

    return make


def test_new_accounts_require_two_factor_by_default():
    account = seller_account_create(name="New seller", time_zone="Europe/Berlin", marketplace_codes=["DE"])
    assert account.two_factor_required is True


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN])
def test_owner_and_admin_without_device_are_held_at_setup(client, requiring_account, user_in, role):
    password_login(client, user_in(requiring_account, role))
    response = client.get(reverse("orders:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_setup"))
    # No page of the app until it is done, not even by POST.
    assert client.post(reverse("tenancy:settings"), {"name": "x"}).status_code == 302
    assert client.get(reverse("two_factor_setup")).status_code == 200


def test_va_is_not_held_when_the_account_requires_it(client, requiring_account, user_in):
    password_login(client, user_in(requiring_account, Role.VA))
    assert client.get(reverse("orders:list")).status_code == 200


def test_owner_not_held_when_the_account_does_not_require_it(client, user_in):
    account = SellerAccountFactory(two_factor_required=False)
    password_login(client, user_in(account, Role.OWNER))
    assert client.get(reverse("orders:list")).status_code == 200


def test_setup_confirms_with_a_code_and_shows_ten_recovery_codes_once(client, requiring_account, user_in):
    user = user_in(requiring_account, Role.OWNER)
    password_login(client, user)
    page = client.get(reverse("two_factor_setup"))
    assert b"<svg" in page.content, "the otpauth URI is shown as a QR code"
    secret = page.context["enrolment"].secret
    assert secret.encode() in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(reverse("two_factor_setup"), {"code": wrong_code(device)}).status_code == 200
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    with time_machine.travel(time.time() + 2, tick=False):  # past django-otp's delay after a wrong code
        response = client.post(reverse("two_factor_setup"), {"code": current_code(device)})
        codes = response.context["codes"]
        assert len(codes) == 10 and all(code.encode() in response.content for code in codes)
        assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
        # The session is verified: the app opens.
        assert client.get(reverse("orders:list")).status_code == 200
    # Shown once: the management page only counts them.
    manage = client.get(reverse("two_factor_manage"))
    assert not any(code.encode() in manage.content for code in codes)
    assert AuditEvent.objects.filter(account=requiring_account, action=AuditAction.TWO_FACTOR_ENABLED).exists()


def test_a_user_with_a_device_must_give_a_code_after_the_password(client, user_in):
    account = SellerAccountFactory(two_factor_required=False)
    user = user_in(account, Role.VA)
    device = with_authenticator(user)
    password_login(client, user)
    response = client.get(reverse("orders:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor_verify"))
    # With only the password, no new device can be enrolled either.
    assert client.get(reverse("two_factor_setup")).url == reverse("two_factor_verify")

    refused = client.post(reverse("two_factor_verify"), {"code": wrong_code(device)})
    assert refused.status_code == 200
    assert "not the one the app shows" in refused.content.decode()
    assert client.get(reverse("orders:list")).status_code == 302
    assert AuditEvent.objects.filter(account=account, action=AuditAction.TWO_FACTOR_FAILED).count() == 1

    with time_machine.travel(time.time() + 2, tick=False):
        accepted = client.post(
            reverse("two_factor_verify") + "?next=/orders/", {"code": current_code(device), "next": "/orders/"}
        )
        assert accepted.status_code == 302 and accepted.url == "/orders/"
        assert client.get(reverse("orders:list")).status_code == 200


def test_next_never_leaves_the_site(client, user_in):
    account = SellerAccountFactory()
    user = user_in(account, Role.VA)
    device = with_authenticator(user)
    password_login(client, user)
    response = client.post(
        reverse("two_factor_verify"), {"code": current_code(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == reverse("home")


def test_a_recovery_code_works_once(client, user_in):
    account = SellerAccountFactory()
    user = user_in(account, Role.OWNER)
    with_authenticator(user)
    password_login(client, user)
    response = client.post(reverse("two_factor_verify"), {"code": "RECOVERY1"})
    assert response.status_code == 302
    assert client.get(reverse("orders:list")).status_code == 200
    assert AuditEvent.objects.filter(account=account, action=AuditAction.RECOVERY_CODE_USED).exists()

    client.post(reverse("logout"))
    password_login(client, user)
    with time_machine.travel(time.time() + 2, tick=False):
        again = client.post(reverse("two_factor_verify"), {"code": "recovery1"})
    assert again.status_code == 200
    assert "recovery code is not valid" in again.content.decode()
    assert client.get(reverse("orders:list")).status_code == 302


def test_code_attempts_are_rate_limited_per_user(client, user_in, settings):
    settings.TWO_FACTOR_ATTEMPTS_RATE = "5/5m"
    account = SellerAccountFactory()
    user = user_in(account, Role.OWNER)
    device = with_authenticator(user)
    password_login(client, user)
    # Start just after a window of the limit ends, so all six attempts fall in one window.
    start = _window_end(str(user.pk), 300) + 1
    for attempt in range(5):
        # Far enough apart that django-otp's own doubling delay is not what refuses.
        with time_machine.travel(start + attempt * 20, tick=False):
            assert client.post(reverse("two_factor_verify"), {"code": wrong_code(device)}).status_code == 200
    with time_machine.travel(start + 120, tick=False):
        response = client.post(reverse("two_factor_verify"), {"code": current_code(device)})
    assert response.status_code == 200, "the right code is refused once the limit is reached"
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("orders:list")).status_code == 302


def test_the_requirement_cannot_be_dodged_by_turning_two_factor_off(client, requiring_account, user_in):
    user = user_in(requiring_account, Role.ADMIN)
    with_authenticator(user)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    response = client.post(reverse("two_factor_disable"), follow=True)
    assert "requires two-factor sign-in" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()


def test_only_the_owner_sets_the_requirement(client_for, account):
    url, data = reverse("tenancy:two_factor_requirement"), {"two_factor_required": "on"}
    assert client_for(account, Role.ADMIN).post(url, data).status_code == 403
    client_for(account, Role.OWNER).post(url, data)
    account.refresh_from_db()
    assert account.two_factor_required is True
    assert AuditEvent.objects.filter(account=account, action=AuditAction.TWO_FACTOR_REQUIRED_SET).count() == 1


def test_the_demo_accounts_do_not_require_it(db):
    from feedback.demo import demo_seed

    result = demo_seed(order_count=20)
    result.account.refresh_from_db()
    assert result.account.two_factor_required is False
