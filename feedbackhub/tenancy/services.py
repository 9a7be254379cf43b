"""Every write to seller accounts, memberships and Amazon connections."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from feedbackhub.audit.models import AuditAction
from feedbackhub.audit.services import audit_record
from feedbackhub.throttle import attempt_allowed

from .amazon import AmazonApi, AmazonError, QuotaWait
from .models import AmazonConnection, ConnectionStatus, Marketplace, Membership, SellerAccount, SellerMarketplace
from .signals import amazon_sync_requested

logger = logging.getLogger(__name__)


@transaction.atomic
def seller_account_create(
    *, name: str, time_zone: str, marketplace_codes: Iterable[str], merchant_id: str | None = None
) -> SellerAccount:
    account = SellerAccount.objects.create(name=name, time_zone=time_zone, merchant_id=merchant_id)
    seller_account_marketplaces_set(
        account=account, marketplaces=Marketplace.objects.filter(code__in=marketplace_codes)
    )
    return account


@transaction.atomic
def seller_account_update(
    *, account: SellerAccount, name: str, time_zone: str, marketplaces: Iterable[Marketplace]
) -> SellerAccount:
    account.name = name
    account.time_zone = time_zone
    account.full_clean()
    account.save(update_fields=["name", "time_zone"])
    seller_account_marketplaces_set(account=account, marketplaces=marketplaces)
    return account


def seller_account_merchant_bind(*, account: SellerAccount, merchant_id: str) -> bool:
    """Bind the merchant id of a connection Amazon has just accepted to its
    account; the only way a merchant id is set from the app. An id another
    account holds stays with that one, and the caller tells the user nothing
    different (the id's owner is nobody else's business); operators find it
    in the log, which names accounts by id only. Returns whether it is bound."""
    merchant_id = merchant_id.strip()
    if not merchant_id or account.merchant_id == merchant_id:
        return bool(merchant_id)
    with transaction.atomic():
        taken = SellerAccount.objects.select_for_update().filter(merchant_id=merchant_id).exclude(pk=account.pk)
        if taken.exists():
            logger.warning("Merchant id of account %s's connection is bound to another account; not bound.", account.pk)
            return False
        account.merchant_id = merchant_id
        account.save(update_fields=["merchant_id"])
    return True


def seller_account_marketplaces_set(*, account: SellerAccount, marketplaces: Iterable[Marketplace]) -> None:
    wanted = {marketplace.pk for marketplace in marketplaces}
    SellerMarketplace.objects.filter(account=account).exclude(marketplace_id__in=wanted).delete()
    existing = set(SellerMarketplace.objects.filter(account=account).values_list("marketplace_id", flat=True))
    SellerMarketplace.objects.bulk_create(
        [SellerMarketplace(account=account, marketplace_id=pk) for pk in sorted(wanted - existing)]
    )


@transaction.atomic
def membership_set(*, user: User, account: SellerAccount, role: str, actor: User | None = None) -> Membership:
    previous = Membership.objects.filter(user=user, account=account).values_list("role", flat=True).first()
    membership, _ = Membership.objects.update_or_create(user=user, account=account, defaults={"role": role})
    if previous != role:
        audit_record(
            action=AuditAction.ROLE_CHANGED,
            account=account,
            actor=actor,
            target=f"{user.get_username()}: {previous or 'no role'} → {role}",
        )
    return membership


def password_reset_allowed(*, email: str, ip_address: str | None) -> bool:
    """Count a password-reset request; False when its address or its IP
    asked too often in the window (settings PASSWORD_RESET_LIMIT_*)."""
    window = settings.PASSWORD_RESET_LIMIT_WINDOW_SECONDS
    by_ip = attempt_allowed(
        scope="password-reset-ip",
        key=ip_address or "",
        limit=settings.PASSWORD_RESET_LIMIT_PER_IP,
        window_seconds=window,
    )
    by_address = attempt_allowed(
        scope="password-reset-address",
        key=email.strip().lower(),
        limit=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
        window_seconds=window,
    )
    return by_ip and by_address


# Amazon connection (SP-API)

# Failed syncs wait 15 minutes (one beat), then twice as long each time, up to a day.
SYNC_RETRY_BASE = timedelta(minutes=15)
SYNC_RETRY_MAX = timedelta(hours=24)
# A connection test runs inside a web request: it never waits long for Amazon's usage plan.
TEST_MAX_WAIT_SECONDS = 5


@dataclass(frozen=True)
class ConnectionTestResult:
    ok: bool
    message: str
    marketplace_codes: tuple[str, ...] = ()


@transaction.atomic
def amazon_connection_save(
    *,
    account: SellerAccount,
    region: str,
    marketplaces: Iterable[Marketplace],
    selling_partner_id: str = "",
    refresh_token: str = "",
    actor: User | None = None,
) -> AmazonConnection:
    """Create or update the account's connection. An empty refresh_token keeps
    the stored one. New marketplaces or another region restart the orders
    sync from 30 days back, since the cursor only covered the old ones."""
    connection, _ = AmazonConnection.objects.get_or_create(account=account, defaults={"region": region})
    wanted = {marketplace.pk for marketplace in marketplaces}
    had = set(connection.marketplaces.values_list("pk", flat=True))
    fields = ["region", "selling_partner_id"]
    if region != connection.region or wanted - had:
        connection.orders_cursor = connection.orders_window_start = connection.orders_window_end = None
        connection.orders_page_token = ""
        fields += ["orders_cursor", "orders_window_start", "orders_window_end", "orders_page_token"]
    connection.region = region
    connection.selling_partner_id = selling_partner_id
    if refresh_token:
        connection.refresh_token = refresh_token
        connection.status = ConnectionStatus.NOT_CONNECTED
        connection.consecutive_failures = 0
        connection.next_attempt_at = None
        fields += ["refresh_token", "status", "consecutive_failures", "next_attempt_at"]
    connection.save(update_fields=fields)
    connection.marketplaces.set(wanted)
    codes = ", ".join(sorted(Marketplace.objects.filter(pk__in=wanted).values_list("code", flat=True))) or "none"
    audit_record(
        action=AuditAction.AMAZON_CONNECTION,
        account=account,
        actor=actor,
        target=f"region {region}, marketplaces {codes}" + (", new refresh token" if refresh_token else ""),
    )
    return connection


def amazon_connection_test(*, connection: AmazonConnection, api: AmazonApi | None = None) -> ConnectionTestResult:
    """Ask Amazon where the token can sell (Sellers API). Records the outcome
    on the connection and returns it; a connection without marketplaces
    takes the participating ones of its region."""
    if not connection.refresh_token:
        return ConnectionTestResult(ok=False, message="Save a refresh token first.")
    now = timezone.now()
    try:
        with api or AmazonApi(connection, max_wait=TEST_MAX_WAIT_SECONDS) as amazon:
            participations = amazon.marketplace_participations()
    except QuotaWait as wait:
        return ConnectionTestResult(ok=False, message=f"Amazon asks to wait {wait.seconds:.0f} s before the next test.")
    except AmazonError as error:
        connection.status = ConnectionStatus.ERROR
        connection.last_error = str(error)
        connection.last_error_at = now
        connection.save(update_fields=["status", "last_error", "last_error_at"])
        return ConnectionTestResult(ok=False, message=str(error))
    participating_ids = [
        entry["marketplace"]["id"]
        for entry in participations
        if entry.get("participation", {}).get("isParticipating") and entry.get("marketplace", {}).get("id")
    ]
    known = list(Marketplace.objects.filter(pk__in=participating_ids).order_by("code"))
    with transaction.atomic():
        connection.status = ConnectionStatus.OK
        connection.consecutive_failures = 0
        connection.next_attempt_at = None
        connection.save(update_fields=["status", "consecutive_failures", "next_attempt_at"])
        if not connection.marketplaces.exists():
            connection.marketplaces.set([m for m in known if m.region == connection.region])
    seller_account_merchant_bind(account=connection.account, merchant_id=connection.selling_partner_id)
    codes = tuple(marketplace.code for marketplace in known)
    if not participating_ids:
        return ConnectionTestResult(ok=True, message="Connected, but Amazon lists no marketplace this seller sells in.")
    unknown = len(participating_ids) - len(known)
    message = f"Connected: this seller sells in {', '.join(codes) or 'no marketplace FeedbackHub knows'}"
    message += f" (and {unknown} other marketplace{'s' if unknown > 1 else ''})." if unknown else "."
    return ConnectionTestResult(ok=True, message=message, marketplace_codes=codes)


def amazon_connection_sync_request(*, connection: AmazonConnection) -> None:
    """Announce, once the current transaction commits, that the seller wants
    a sync now; the orders app queues its orders and reports syncs."""
    transaction.on_commit(lambda: amazon_sync_requested.send(sender=AmazonConnection, connection=connection))


def amazon_connection_sync_started(*, connection: AmazonConnection, now: datetime) -> None:
    connection.last_sync_started_at = now
    connection.save(update_fields=["last_sync_started_at"])


def amazon_connection_sync_succeeded(*, connection: AmazonConnection, now: datetime) -> None:
    connection.status = ConnectionStatus.OK
    connection.last_sync_finished_at = now
    connection.consecutive_failures = 0
    connection.next_attempt_at = None
    connection.save(update_fields=["status", "last_sync_finished_at", "consecutive_failures", "next_attempt_at"])


def amazon_connection_sync_failed(*, connection: AmazonConnection, now: datetime, error: str) -> None:
    """Record a failed sync and when to try again (exponential back-off)."""
    connection.consecutive_failures += 1
    delay = min(SYNC_RETRY_BASE * 2 ** (connection.consecutive_failures - 1), SYNC_RETRY_MAX)
    connection.status = ConnectionStatus.ERROR
    connection.last_error = error
    connection.last_error_at = now
    connection.last_sync_finished_at = now
    connection.next_attempt_at = now + delay
    connection.save(
        update_fields=[
            "status",
            "last_error",
            "last_error_at",
            "last_sync_finished_at",
            "consecutive_failures",
            "next_attempt_at",
        ]
    )


def amazon_connection_error_note(*, connection: AmazonConnection, now: datetime, error: str) -> None:
    """Record an error that does not stop the orders sync (e.g. one report)."""
    connection.last_error = error
    connection.last_error_at = now
    connection.save(update_fields=["last_error", "last_error_at"])


@transaction.atomic
def amazon_connection_report_state_set(*, connection: AmazonConnection, key: str, state: dict[str, Any]) -> None:
    """Store one report's state; other reports' entries may be written by
    other workers at the same time, so re-read under a row lock."""
    locked = AmazonConnection.objects.select_for_update().only("report_requests").get(pk=connection.pk)
    locked.report_requests[key] = state
    locked.save(update_fields=["report_requests"])
    connection.report_requests = locked.report_requests
