"""Log in and failed log in, from Django's authentication signals."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .context import request_ip
from .models import AuditAction
from .services import audit_record_for_accounts, user_accounts


@receiver(user_logged_in, dispatch_uid="audit_login")
def audit_login(sender, request, user, **kwargs):
    audit_record_for_accounts(
        action=AuditAction.LOGIN,
        accounts=user_accounts(user),
        actor=user,
        target="password accepted",
        ip=request_ip(request) if request is not None else None,
    )


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # What was typed as the name is kept only when it is a real user's
    # name: a mistyped field may hold a password.
    username = (credentials or {}).get("username") or ""
    user = get_user_model().objects.filter(username=username).first() if username else None
    audit_record_for_accounts(
        action=AuditAction.LOGIN_FAILED,
        accounts=user_accounts(user) if user else [],
        target=f"user {user.get_username()}" if user else "unknown user name",
        ip=request_ip(request) if request is not None else None,
    )
