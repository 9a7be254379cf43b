"""Two-factor sign-in (django-otp): an authenticator app (TOTP) and ten
one-time recovery codes, and the middleware that asks for them.

After the password, a user with a confirmed device is held at the code page
until a code verifies; an owner or admin of an account that requires
two-factor sign-in and who has no device yet is held at the setup page.
"""

from base64 import b32encode
from dataclasses import dataclass
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.core import get_usage

from feedbackhub.audit.models import AuditAction
from feedbackhub.audit.services import audit_record, audit_record_for_accounts, user_accounts

from .models import Membership, Role, SellerAccount

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
# The pages an unverified user may still open.
OPEN_URL_NAMES = {"two_factor_verify", "two_factor_setup", "logout", "healthz"}


class TwoFactorRefused(Exception):
    """A code was not accepted; the message says why and what to do."""


def two_factor_required_for(user: User) -> list[SellerAccount]:
    """The accounts that require this user to use two-factor sign-in (they
    are an owner or admin there and the account's setting is on)."""
    memberships = Membership.objects.filter(
        user=user, role__in=[Role.OWNER, Role.ADMIN], account__two_factor_required=True
    ).select_related("account")
    return [membership.account for membership in memberships]


def two_factor_enabled(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def _authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _recovery(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user: User) -> int:
    device = _recovery(user)
    return device.token_set.count() if device else 0


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    secret: str
    uri: str

    @property
    def qr_svg(self) -> str:
        """The otpauth URI as an inline SVG QR code (segno, pure Python)."""
        return segno.make(self.uri, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def two_factor_enrolment(*, user: User) -> Enrolment:
    """The unconfirmed authenticator the setup page shows: the same secret
    on every reload until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    secret = _base32(device.bin_key)
    return Enrolment(device=device, secret=secret, uri=device.config_url)


def _base32(key: bytes) -> str:
    return b32encode(key).decode().rstrip("=")


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def two_factor_confirm(*, request, token: str) -> list[str]:
    """Confirm the authenticator shown on the setup page with its first
    code. Returns the recovery codes (shown once); the session counts as
    verified from here."""
    user = request.user
    enrolment = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if enrolment is None:
        raise TwoFactorRefused("The setup page expired: open it again and scan the new code.")
    _refuse_when_throttled(request, enrolment)
    if not enrolment.verify_token(_digits(token)):
        _count_failure(request)
        raise TwoFactorRefused("That code is not the one the app shows now: check the phone's clock and try again.")
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    enrolment.confirmed = True
    enrolment.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    otp_login(request, enrolment)
    audit_record_for_accounts(
        action=AuditAction.TWO_FACTOR_ENABLED, accounts=user_accounts(user), actor=user, target=f"user {user}"
    )
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    codes = _new_recovery_codes(user)
    audit_record_for_accounts(
        action=AuditAction.RECOVERY_CODES_NEW, accounts=user_accounts(user), actor=user, target=f"user {user}"
    )
    return codes


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    requiring = two_factor_required_for(user)
    if requiring:
        names = ", ".join(account.name for account in requiring)
        raise TwoFactorRefused(f"{names} requires two-factor sign-in for owners and admins: it stays on.")
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    audit_record_for_accounts(
        action=AuditAction.TWO_FACTOR_DISABLED, accounts=user_accounts(user), actor=user, target=f"user {user}"
    )


def _digits(token: str) -> str:
    return "".join(token.split())


def _attempts_key(group, request):
    return str(request.user.pk)


def _attempts(request, *, increment):
    return get_usage(
        request,
        group="two-factor-code",
        key=_attempts_key,
        rate=settings.TWO_FACTOR_ATTEMPTS_RATE,
        increment=increment,
    )


def _refuse_when_throttled(request, device=None):
    usage = _attempts(request, increment=False)
    if usage is not None and usage["count"] >= usage["limit"]:
        minutes = max(1, round(usage["time_left"] / 60))
        plural = "s" if minutes > 1 else ""
        raise TwoFactorRefused(f"Too many wrong codes: try again in about {minutes} minute{plural}.")
    if device is not None:
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            raise TwoFactorRefused("Too many wrong codes in a row: wait a few seconds, then enter the current code.")


def _count_failure(request):
    _attempts(request, increment=True)
    audit_record_for_accounts(
        action=AuditAction.TWO_FACTOR_FAILED,
        accounts=user_accounts(request.user),
        actor=request.user,
        target=f"user {request.user}",
    )


def two_factor_verify(*, request, token: str) -> None:
    """Check a code from the authenticator app (six digits) or a recovery
    code (used up by this), and mark the session verified. Raises
    TwoFactorRefused with the reason otherwise."""
    user = request.user
    token = _digits(token).lower()
    is_app_code = token.isdigit()
    device = _authenticator(user) if is_app_code else _recovery(user)
    _refuse_when_throttled(request, device)
    verified = otp_verify_token(user, device.persistent_id, token) if device else None
    if verified is None:
        _count_failure(request)
        if is_app_code:
            raise TwoFactorRefused("That code is not the one the app shows now: enter the current six digits.")
        raise TwoFactorRefused("That recovery code is not valid (each one works once).")
    otp_login(request, verified)
    if not is_app_code:
        left = verified.token_set.count()
        audit_record_for_accounts(
            action=AuditAction.RECOVERY_CODE_USED,
            accounts=user_accounts(user),
            actor=user,
            target=f"user {user}, {left} recovery codes left",
        )


def safe_next(request, default="home"):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


def two_factor_require_set(*, account: SellerAccount, required: bool, actor: User | None = None) -> None:
    """Turn the account's requirement on or off (only writes on a change)."""
    if account.two_factor_required == required:
        return
    account.two_factor_required = required
    account.save(update_fields=["two_factor_required"])
    audit_record(
        action=AuditAction.TWO_FACTOR_REQUIRED_SET,
        account=account,
        actor=actor,
        target="required for owners and admins" if required else "not required",
    )


class TwoFactorMiddleware:
    """Holds a signed-in but unverified user at the code page, or at the
    setup page when an account requires two-factor sign-in of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._is_open(request):
            if two_factor_enabled(user):
                return self._send_to(request, "two_factor_verify")
            if two_factor_required_for(user):
                return self._send_to(request, "two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def _is_open(request):
        # Static files never get here: whitenoise answers them first.
        try:
            return resolve(request.path_info).url_name in OPEN_URL_NAMES
        except Resolver404:
            return False

    @staticmethod
    def _send_to(request, url_name):
        url = reverse(url_name)
        if request.method == "GET" and not getattr(request, "htmx", False):
            url += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            # htmx would swap the page into a fragment: make the browser go.
            return HttpResponse(status=204, headers={"HX-Redirect": url})
        return redirect(url)
