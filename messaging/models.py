"""Messaging data: templates, campaigns and their variants, the outbox
(FeedbackRequest), sending settings, the do-not-solicit list and the outbox's
event log; the inbox's models (buyer messages and threads) come from
messaging.inbox.models."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from feedbackhub.rules import REQUEST_WINDOW_CLOSES_DAYS
from feedbackhub.tenancy.models import AccountScopedQuerySet, Marketplace, SellerAccount
from orders.models import Order

# The inbox's models are part of this app (messaging.inbox.models).
from .inbox.models import (  # noqa: F401
    BuyerMessage,
    BuyerThread,
    Mailbox,
    MailboxSecurity,
    MessageAttachment,
    MessageDirection,
    MessageSource,
    OptOutProposal,
    OptOutState,
    ReplyStatus,
    ThreadState,
)


class TemplateKind(models.TextChoices):
    # The same values as messaging.compliance.MessageKind.
    FEEDBACK_REQUEST = "feedback_request", "Feedback request"
    FIRST_CONTACT_NEGATIVE = "first_contact_negative", "First contact after negative feedback"
    REMOVAL_REQUEST = "removal_request", "Removal request after resolution"
    PUBLIC_RESPONSE = "public_response", "Public feedback response"
    BUYER_REPLY = "buyer_reply", "Buyer-message reply"


class Language(models.TextChoices):
    EN = "en", "English"
    DE = "de", "German"
    FR = "fr", "French"
    ES = "es", "Spanish"
    IT = "it", "Italian"
    JA = "ja", "Japanese"


class MessageTemplate(models.Model):
    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="message_templates")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=30, choices=TemplateKind.choices)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.EN)
    marketplaces = models.ManyToManyField(Marketplace, blank=True, related_name="+")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    # Set by the compliance checker on every save: a blocked template may be
    # kept as a draft but is never attached to a live campaign nor sent.
    compliance_blocked = models.BooleanField(default=True)
    compliance_warnings = models.PositiveSmallIntegerField(default=0)
    is_starter = models.BooleanField(default=False, help_text="Loaded from FeedbackHub's starter library.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "language", "name"]
        constraints = [
            models.UniqueConstraint(fields=["account", "name", "language"], name="uniq_template_name_language")
        ]

    def __str__(self):
        return f"{self.name} ({self.get_language_display()})"

    @property
    def _history_user(self):
        return self.updated_by

    @_history_user.setter
    def _history_user(self, value):
        self.updated_by = value


# ---------------------------------------------------------------------------
# Feedback requests: campaigns, the outbox, and who must never be asked.


class Channel(models.TextChoices):
    AMAZON = "amazon", "Amazon Request a Review"
    EMAIL = "email", "Email (Buyer-Seller Messaging)"


class CampaignState(models.TextChoices):
    DRAFT = "draft", "Draft"
    TEST = "test", "Test (sends only to you)"
    LIVE = "live", "Live"
    PAUSED = "paused", "Paused"


class TriggerEvent(models.TextChoices):
    ORDERED = "ordered", "order date"
    SHIPPED = "shipped", "shipment"
    DELIVERED = "delivered", "delivery"


class FulfillmentFilter(models.TextChoices):
    ANY = "", "FBA and FBM"
    AFN = "AFN", "FBA only"
    MFN = "MFN", "FBM only"


class BuyerFilter(models.TextChoices):
    ANY = "", "All buyers"
    FIRST = "first", "First-time buyers only"
    REPEAT = "repeat", "Repeat buyers only"


ALL_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7]


def all_weekdays():
    return list(ALL_WEEKDAYS)


class Campaign(models.Model):
    """Which orders get a feedback request, through which channel, and when.

    Planning (messaging.planning) turns the live campaigns into at most one
    FeedbackRequest per order; a lower `priority` number wins.
    """

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField(max_length=120)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.AMAZON)
    state = models.CharField(max_length=10, choices=CampaignState.choices, default=CampaignState.DRAFT)
    priority = models.PositiveSmallIntegerField(default=10, help_text="1 is first: the lowest number wins an order.")
    marketplaces = models.ManyToManyField(Marketplace, related_name="+")

    trigger_event = models.CharField(max_length=10, choices=TriggerEvent.choices, default=TriggerEvent.DELIVERED)
    trigger_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MaxValueValidator(REQUEST_WINDOW_CLOSES_DAYS, f"At most {REQUEST_WINDOW_CLOSES_DAYS} days.")],
    )
    latest_day = models.PositiveSmallIntegerField(
        default=REQUEST_WINDOW_CLOSES_DAYS,
        validators=[
            MaxValueValidator(
                REQUEST_WINDOW_CLOSES_DAYS,
                f"Amazon allows requests up to {REQUEST_WINDOW_CLOSES_DAYS} days after delivery, not later.",
            )
        ],
        help_text=f"Never send later than this many days after delivery (at most {REQUEST_WINDOW_CLOSES_DAYS}).",
    )
    send_weekdays = ArrayField(models.PositiveSmallIntegerField(), default=all_weekdays, size=7)
    send_start_hour = models.PositiveSmallIntegerField(default=9)
    send_end_hour = models.PositiveSmallIntegerField(default=18)

    fulfillment = models.CharField(max_length=3, choices=FulfillmentFilter.choices, blank=True, default="")
    buyers = models.CharField(max_length=6, choices=BuyerFilter.choices, blank=True, default="")
    min_order_total = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    sku_include = ArrayField(models.CharField(max_length=64), default=list, blank=True)
    sku_exclude = ArrayField(models.CharField(max_length=64), default=list, blank=True)
    asin_include = ArrayField(models.CharField(max_length=10), default=list, blank=True)
    asin_exclude = ArrayField(models.CharField(max_length=10), default=list, blank=True)

    exclude_returned = models.BooleanField("Skip refunded or returned orders", default=True)
    exclude_negative_feedback = models.BooleanField("Skip orders with negative feedback", default=True)
    exclude_open_claim = models.BooleanField("Skip orders with an open A-to-z claim", default=True)
    exclude_open_message = models.BooleanField("Skip orders with an unanswered buyer message", default=True)
    exclude_late_shipped = models.BooleanField("Skip late-shipped orders", default=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "name"], name="uniq_campaign_account_name"),
            models.CheckConstraint(
                condition=Q(trigger_days__lte=REQUEST_WINDOW_CLOSES_DAYS), name="campaign_trigger_days_le_30"
            ),
            models.CheckConstraint(
                condition=Q(latest_day__lte=REQUEST_WINDOW_CLOSES_DAYS), name="campaign_latest_day_le_30"
            ),
            models.CheckConstraint(
                condition=Q(send_start_hour__lt=models.F("send_end_hour")) & Q(send_end_hour__lte=24),
                name="campaign_send_hours_order",
            ),
        ]

    def __str__(self):
        return self.name


class CampaignVariant(models.Model):
    """One wording of an email campaign; orders are split by weight (A/B)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="variants")
    label = models.CharField(max_length=20)
    template = models.ForeignKey(MessageTemplate, on_delete=models.PROTECT, related_name="campaign_variants")
    weight = models.PositiveSmallIntegerField(default=50)

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "label"], name="uniq_variant_campaign_label"),
            models.CheckConstraint(condition=Q(weight__gte=1) & Q(weight__lte=100), name="variant_weight_1_100"),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.label}"


# The reason on a scheduled row the dispatcher holds because its template now
# breaks Amazon's rules; saving the template fixed makes those rows due at once.
TEMPLATE_HOLD_REASON = "Template “{name}” breaks Amazon's rules; fix it to send."
TEMPLATE_HOLD_REASON_END = TEMPLATE_HOLD_REASON.split("}”", 1)[1]


class RequestStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CLAIMED = "claimed", "Claimed by a dispatcher"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Skipped"
    FAILED = "failed", "Failed"
    UNCERTAIN = "uncertain", "Uncertain (needs your decision)"


class FeedbackRequest(models.Model):
    """The outbox: at most one feedback request per order, ever (Amazon's
    rule), across all campaigns and channels — enforced by the database.

    scheduled → claimed (a dispatcher holds it; nothing sent yet) → sending
    (the send is in flight) → sent / skipped / failed. A claim whose lease
    ran out goes back to scheduled; a send whose lease ran out is resolved
    without a second send (messaging.dispatch).
    """

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="feedback_requests")
    # OneToOne: the unique index on order_id is Amazon's one-request rule.
    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="feedback_request")
    # No index of its own: feedback_request_campaign (campaign, status) serves a look-up by campaign,
    # and every status change writes each index again (bench/dispatch.py: one less, 10 % of the
    # dispatcher's two-row update).
    campaign = models.ForeignKey(
        Campaign, on_delete=models.SET_NULL, null=True, related_name="requests", db_index=False
    )
    variant = models.ForeignKey(
        CampaignVariant, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    priority = models.PositiveSmallIntegerField(default=10)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.SCHEDULED)
    reason = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    scheduled_for = models.DateTimeField()
    lease_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_id = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        ordering = ["scheduled_for"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["claimed", "sending"]) | Q(lease_until__isnull=False),
                name="feedback_request_lease_when_held",
            ),
        ]
        indexes = [
            # The dispatcher's claim order, id included: the claim reads the first due rows in
            # index order and stops, where a sort by the last key read every due row.
            models.Index(
                fields=["account", "priority", "scheduled_for", "id"],
                name="feedback_request_due",
                condition=Q(status="scheduled"),
            ),
            models.Index(
                fields=["lease_until"], name="feedback_request_held", condition=Q(status__in=["claimed", "sending"])
            ),
            models.Index(fields=["campaign", "status"], name="feedback_request_campaign"),
            models.Index(fields=["account", "sent_at"], name="feedback_request_sent", condition=Q(status="sent")),
        ]

    def __str__(self):
        return f"Feedback request for {self.order_id} ({self.status})"


class SendingSettings(models.Model):
    """A seller account's switches for every outgoing feedback request."""

    account = models.OneToOneField(SellerAccount, on_delete=models.CASCADE, related_name="sending_settings")
    paused = models.BooleanField("Pause all sending", default=False)
    from_email = models.EmailField(
        "From address", blank=True, help_text="Your address registered in Seller Central for Buyer-Seller Messaging."
    )
    test_email = models.EmailField("Your own address for test sends", blank=True)
    daily_cap = models.PositiveIntegerField(
        null=True, blank=True, help_text="Empty: 5 × your average daily orders of the last 7 days + 600."
    )
    auto_blacklist_low_ratings = models.BooleanField("Never ask buyers who left 3 stars or fewer before", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Sending settings of {self.account}"


class DoNotSolicitReason(models.TextChoices):
    MANUAL = "manual", "Added by you"
    OPTED_OUT = "opted_out", "Buyer asked not to be contacted"


class DoNotSolicit(models.Model):
    """An order, or a buyer (by the keyed digest of their email, which
    outlives the personal-data purge), that no campaign may ask."""

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="do_not_solicit")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    buyer_key = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=10, choices=DoNotSolicitReason.choices, default=DoNotSolicitReason.MANUAL)
    note = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(order__isnull=False) & Q(buyer_key="")) | (Q(order__isnull=True) & ~Q(buyer_key="")),
                name="do_not_solicit_order_xor_buyer",
            ),
            models.UniqueConstraint(
                fields=["account", "order"], name="uniq_dns_order", condition=Q(order__isnull=False)
            ),
            models.UniqueConstraint(fields=["account", "buyer_key"], name="uniq_dns_buyer", condition=~Q(buyer_key="")),
        ]

    def __str__(self):
        return "Do not solicit: " + (f"order {self.order_id}" if self.order_id else "a buyer")


class OutboxEvent(models.Model):
    """Who changed a campaign's state or decided an outbox row, when, and why."""

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    request = models.ForeignKey(FeedbackRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_state = models.CharField(max_length=10)
    to_state = models.CharField(max_length=10)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


# One map of allowed campaign state changes (messaging.services.campaign_state_set).
CAMPAIGN_TRANSITIONS = {
    CampaignState.DRAFT: {CampaignState.TEST, CampaignState.LIVE},
    CampaignState.TEST: {CampaignState.DRAFT, CampaignState.LIVE},
    CampaignState.LIVE: {CampaignState.PAUSED},
    CampaignState.PAUSED: {CampaignState.LIVE, CampaignState.DRAFT},
}
# The owner's decisions on an outbox row the dispatcher could not settle.
REQUEST_DECISIONS = {
    RequestStatus.UNCERTAIN: {RequestStatus.SENT, RequestStatus.SCHEDULED, RequestStatus.SKIPPED},
    RequestStatus.FAILED: {RequestStatus.SCHEDULED},
}
