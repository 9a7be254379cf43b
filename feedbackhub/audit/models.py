"""The audit trail: who did which sensitive thing, when and from where.

A row never holds buyer data: no buyer name, email or address, only ids
(Amazon order ids, template and campaign names) and counts.
"""

from django.conf import settings
from django.db import models

from feedbackhub.tenancy.models import SellerAccount


class AuditAction(models.TextChoices):
    LOGIN = "login", "Logged in"
    LOGIN_FAILED = "login_failed", "Failed log in"
    TWO_FACTOR_ENABLED = "2fa_enabled", "Two-factor sign-in set up"
    TWO_FACTOR_DISABLED = "2fa_disabled", "Two-factor sign-in removed"
    RECOVERY_CODES_NEW = "2fa_recovery_codes", "New recovery codes"
    RECOVERY_CODE_USED = "2fa_recovery_used", "Recovery code used"
    TWO_FACTOR_FAILED = "2fa_failed", "Wrong two-factor code"
    TWO_FACTOR_REQUIRED_SET = "2fa_required_set", "Two-factor requirement changed"
    ROLE_CHANGED = "role_changed", "Role changed"
    TEMPLATE_CHANGED = "template_changed", "Template changed"
    CAMPAIGN_STATE = "campaign_state", "Campaign started or stopped"
    SENDING_PAUSED = "sending_paused", "All sending paused"
    SENDING_RESUMED = "sending_resumed", "Sending resumed"
    AMAZON_CONNECTION = "amazon_connection", "Amazon connection changed"
    EXPORT = "export", "Data exported"
    PII_PURGE = "pii_purge", "Buyer data purged"
    OUTBOX_DECISION = "outbox_decision", "Outbox decision"


class AuditEvent(models.Model):
    # Null for what belongs to no account (a failed log in for an unknown name).
    account = models.ForeignKey(
        SellerAccount, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_events"
    )
    # Null for the system (the nightly purge) and for a user since removed;
    # actor_name keeps who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=30, choices=AuditAction.choices)
    target = models.CharField(max_length=300, blank=True, help_text="What was acted on, without buyer data.")
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["account", "-created_at"], name="audit_account_created")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.target}"
