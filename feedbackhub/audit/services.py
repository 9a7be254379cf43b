"""Writing the audit trail: one function, called by the services where the
sensitive actions happen."""

from collections.abc import Iterable

from django.contrib.auth.models import User

from feedbackhub.tenancy.models import SellerAccount

from .context import current_ip
from .models import AuditEvent

TARGET_MAX = 300


def audit_record(
    *,
    action: str,
    account: SellerAccount | None,
    actor: User | None = None,
    target: str = "",
    ip: str | None = None,
) -> AuditEvent:
    """One row. target names the object by id or name, never by buyer data."""
    return AuditEvent.objects.create(
        account=account,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=actor.get_username() if actor is not None and actor.is_authenticated else "",
        action=action,
        target=target[:TARGET_MAX],
        ip=ip or current_ip.get(),
    )


def audit_record_for_accounts(
    *, action: str, accounts: Iterable[SellerAccount], actor: User | None = None, target: str = "", ip=None
) -> list[AuditEvent]:
    """The same event in each of the user's accounts (log in, 2FA changes):
    each owner sees it in their own trail; a user of no account gets one
    row of no account."""
    accounts = list(accounts)
    return [
        audit_record(action=action, account=account, actor=actor, target=target, ip=ip)
        for account in (accounts or [None])
    ]


def user_accounts(user: User) -> list[SellerAccount]:
    return [membership.account for membership in user.memberships.select_related("account")]
