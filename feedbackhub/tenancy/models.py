"""Seller accounts, the marketplaces they sell in, and who may see them.

Every row a user can see belongs to exactly one SellerAccount; Membership
says which users belong to an account and with which role.
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from feedbackhub.crypto import EncryptedTextField


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not an IANA time zone (e.g. America/Los_Angeles).")


class AccountScopedQuerySet(models.QuerySet):
    """Base queryset of every model that belongs to a seller account."""

    def for_account(self, account):
        return self.filter(account=account)


class Region(models.TextChoices):
    NORTH_AMERICA = "na", "North America"
    EUROPE = "eu", "Europe"
    FAR_EAST = "fe", "Far East"


class Marketplace(models.Model):
    """Amazon's reference data, loaded by a data migration."""

    id = models.CharField("Amazon marketplace id", max_length=20, primary_key=True)
    code = models.CharField(max_length=2, unique=True, help_text="Seller Central's short code, e.g. US, UK, DE.")
    country_code = models.CharField(max_length=2, help_text="ISO 3166 country code, e.g. GB for the UK.")
    name = models.CharField(max_length=50)
    domain = models.CharField(max_length=30, unique=True)
    currency = models.CharField(max_length=3)
    time_zone = models.CharField(max_length=40, validators=[validate_time_zone])
    date_format = models.CharField(max_length=12, help_text="strftime format of dates in Amazon's reports.")
    language = models.CharField(max_length=5, help_text="Default buyer language, e.g. de_DE.")
    region = models.CharField(max_length=2, choices=Region.choices)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} ({self.domain})"

    @property
    def language_code(self):
        """The buyers' language as templates and the checkers name it: "de" for de_DE."""
        return self.language[:2]


class SellerAccount(models.Model):
    name = models.CharField(max_length=120)
    merchant_id = models.CharField(
        "Amazon merchant id",
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text="Seller Central's Merchant Token, e.g. A1B2C3D4E5F6G7.",
    )
    time_zone = models.CharField(max_length=40, default="America/Los_Angeles", validators=[validate_time_zone])
    # Amazon's Data Protection Policy asks for MFA: owners and admins must
    # set up two-factor sign-in before they use the account.
    two_factor_required = models.BooleanField(
        "require two-factor sign-in for owners and admins",
        default=True,
    )
    marketplaces = models.ManyToManyField(Marketplace, through="SellerMarketplace", related_name="seller_accounts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SellerMarketplace(models.Model):
    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="marketplace_links")
    marketplace = models.ForeignKey(Marketplace, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "marketplace"], name="uniq_account_marketplace")]

    def __str__(self):
        return f"{self.account} in {self.marketplace.code}"


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    VA = "va", "Virtual assistant"


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["account__name", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "account"], name="uniq_membership_user_account")]

    def __str__(self):
        return f"{self.user} is {self.get_role_display()} of {self.account}"


class ConnectionStatus(models.TextChoices):
    NOT_CONNECTED = "not_connected", "Not connected"
    OK = "ok", "Connected"
    ERROR = "error", "Error"


class AmazonConnection(models.Model):
    """A seller account's SP-API authorisation and the state of its syncs."""

    account = models.OneToOneField(SellerAccount, on_delete=models.CASCADE, related_name="amazon_connection")
    selling_partner_id = models.CharField(
        "selling partner id",
        max_length=20,
        blank=True,
        help_text="Seller Central's Merchant Token, as Amazon returns it on authorisation.",
    )
    region = models.CharField(max_length=2, choices=Region.choices, default=Region.NORTH_AMERICA)
    # The seller's Login with Amazon refresh token: encrypted at rest, never shown back.
    refresh_token = EncryptedTextField(blank=True)
    marketplaces = models.ManyToManyField(Marketplace, blank=True, related_name="+")
    status = models.CharField(max_length=15, choices=ConnectionStatus.choices, default=ConnectionStatus.NOT_CONNECTED)

    orders_cursor = models.DateTimeField(
        null=True, blank=True, help_text="Orders last updated before this time are fully synced."
    )
    # The orders window being paged through and the next page's token:
    # Amazon keeps a token 24 hours and wants the same window with it, so a
    # sync stopped between pages resumes there.
    orders_window_start = models.DateTimeField(null=True, blank=True)
    orders_window_end = models.DateTimeField(null=True, blank=True)
    orders_page_token = models.TextField(blank=True)
    # Per "<report type>:<marketplace id>": the pending reportId and when the
    # last report was requested and imported (see orders.sync.reports_sync).
    report_requests = models.JSONField(default=dict, blank=True)

    last_sync_started_at = models.DateTimeField(null=True, blank=True)
    last_sync_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="amazonconn_status_next")]

    def __str__(self):
        return f"Amazon connection of {self.account}"

    @property
    def has_refresh_token(self):
        return bool(self.refresh_token)
