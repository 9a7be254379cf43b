"""The resolution queue: cases, their timeline, messages to the buyer, the
queue's settings and the owner's notifications."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from feedbackhub.tenancy.models import AccountScopedQuerySet, Marketplace, SellerAccount
from orders.models import Order

from .feedback import Feedback, FeedbackState


class CaseState(models.TextChoices):
    NEW = "new", "New"
    INVESTIGATING = "investigating", "Investigating"
    BUYER_CONTACTED = "buyer_contacted", "Buyer contacted"
    AWAITING_BUYER = "awaiting_buyer", "Awaiting buyer"
    RESOLVED = "resolved", "Resolved with buyer"
    REMOVAL_REQUESTED_BUYER = "removal_buyer", "Removal requested from buyer"
    REMOVAL_REQUESTED_AMAZON = "removal_amazon", "Removal requested from Amazon"
    REMOVED_BY_BUYER = "removed_buyer", "Removed by buyer"
    REMOVED_BY_AMAZON = "removed_amazon", "Removed by Amazon"
    STRUCK_THROUGH = "struck", "Struck through by Amazon"
    NOT_REMOVED = "not_removed", "Not removed"
    EXPIRED = "expired", "Expired"
    CLOSED = "closed", "Closed without action"


_ENDS = {CaseState.REMOVED_BY_BUYER, CaseState.CLOSED, CaseState.EXPIRED}
# Allowed transitions: the one map the service and the case page read.
CASE_TRANSITIONS = {
    CaseState.NEW: {CaseState.INVESTIGATING, CaseState.BUYER_CONTACTED, CaseState.REMOVAL_REQUESTED_AMAZON, *_ENDS},
    CaseState.INVESTIGATING: {CaseState.BUYER_CONTACTED, CaseState.REMOVAL_REQUESTED_AMAZON, *_ENDS},
    CaseState.BUYER_CONTACTED: {
        CaseState.AWAITING_BUYER,
        CaseState.RESOLVED,
        CaseState.REMOVAL_REQUESTED_AMAZON,
        *_ENDS,
    },
    CaseState.AWAITING_BUYER: {
        CaseState.BUYER_CONTACTED,
        CaseState.RESOLVED,
        CaseState.REMOVAL_REQUESTED_AMAZON,
        *_ENDS,
    },
    CaseState.RESOLVED: {CaseState.REMOVAL_REQUESTED_BUYER, CaseState.REMOVAL_REQUESTED_AMAZON, *_ENDS},
    CaseState.REMOVAL_REQUESTED_BUYER: {
        CaseState.REMOVED_BY_BUYER,
        CaseState.NOT_REMOVED,
        CaseState.REMOVAL_REQUESTED_AMAZON,
        CaseState.EXPIRED,
    },
    CaseState.REMOVAL_REQUESTED_AMAZON: {
        CaseState.REMOVED_BY_AMAZON,
        CaseState.STRUCK_THROUGH,
        CaseState.NOT_REMOVED,
        CaseState.REMOVED_BY_BUYER,
        CaseState.EXPIRED,
    },
}
OPEN_CASE_STATES = tuple(CASE_TRANSITIONS)
# What a closed case did to the feedback.
CASE_OUTCOME_FEEDBACK_STATE = {
    CaseState.REMOVED_BY_BUYER: FeedbackState.REMOVED_BY_BUYER,
    CaseState.REMOVED_BY_AMAZON: FeedbackState.REMOVED_BY_AMAZON,
    CaseState.STRUCK_THROUGH: FeedbackState.STRUCK_THROUGH,
}


class Resolution(models.TextChoices):
    REFUND = "refund", "Refund"
    REPLACEMENT = "replacement", "Replacement"
    RETURN = "return", "Return arranged"
    EXPLANATION = "explanation", "Explained / answered"
    OTHER = "other", "Other"


class CaseQuerySet(AccountScopedQuerySet):
    def open(self):
        return self.filter(state__in=OPEN_CASE_STATES)


class ResolutionCase(models.Model):
    """One negative feedback being worked, inside the buyer's removal window."""

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="cases")
    feedback = models.OneToOneField(Feedback, on_delete=models.CASCADE, related_name="case")
    marketplace = models.ForeignKey(Marketplace, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=CaseState.choices, default=CaseState.NEW)
    deadline = models.DateField(help_text="The last day the buyer can remove the feedback (marketplace calendar).")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    # The removal-eligibility verdict (feedback.eligibility), computed when the case opens.
    eligible = models.BooleanField(default=False)
    verdict_outcome = models.CharField(max_length=20, default="not_eligible")
    verdict_reasons = models.JSONField(default=list, blank=True)  # [{"id", "start", "end", "explanation"}]
    removal_request_text = models.TextField(blank=True)
    # The fulfilment channel the verdict was computed for ('' while the order is unknown).
    verdict_channel = models.CharField(max_length=3, blank=True)

    resolution = models.CharField(max_length=12, choices=Resolution.choices, blank=True)
    resolution_note = models.TextField(blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    # A removal request filed with Amazon in Seller Central.
    amazon_reason = models.CharField(max_length=20, blank=True)
    amazon_case_id = models.CharField(max_length=40, blank=True)
    amazon_filed_on = models.DateField(null=True, blank=True)
    follow_up_reminded_at = models.DateTimeField(null=True, blank=True)
    public_response_draft = models.TextField(blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(
                fields=["account", "deadline"], name="case_open_deadline", condition=Q(closed_at__isnull=True)
            ),
            models.Index(fields=["account", "assignee"], name="case_account_assignee"),
        ]

    def __str__(self):
        return f"Case for {self.feedback}"

    @property
    def is_open(self):
        return self.state in CASE_TRANSITIONS

    @property
    def allowed_states(self):
        return CASE_TRANSITIONS.get(self.state, set())


class CaseEvent(models.Model):
    """The case's timeline: every state change, message and note, with who and when."""

    case = models.ForeignKey(ResolutionCase, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    from_state = models.CharField(max_length=20, choices=CaseState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=CaseState.choices, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class CaseMessageKind(models.TextChoices):
    FIRST_CONTACT = "first_contact", "First contact"
    FOLLOW_UP = "follow_up", "Message to the buyer"
    REMOVAL_REQUEST = "removal_request", "Removal request"


class CaseMessageStatus(models.TextChoices):
    SENDING = "sending", "Sending"  # committed before the email leaves; left so only by a crash
    SENT = "sent", "Sent"
    FAILED = "failed", "Not sent"


class CaseMessage(models.Model):
    """A message to the buyer about the case: sent by email through Amazon's
    relay, or written in Seller Central by hand (no relay address)."""

    case = models.ForeignKey(ResolutionCase, on_delete=models.CASCADE, related_name="messages")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=CaseMessageKind.choices)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    by_email = models.BooleanField(default=True, help_text="False: sent by hand in Seller Central.")
    status = models.CharField(max_length=10, choices=CaseMessageStatus.choices, default=CaseMessageStatus.SENT)
    error = models.CharField(max_length=300, blank=True)
    provider_id = models.CharField(max_length=200, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [
            # Amazon: at most one removal request to the buyer per order, ever.
            # A failed send never left, so it does not count.
            models.UniqueConstraint(
                fields=["order"],
                condition=Q(kind="removal_request") & ~Q(status="failed"),
                name="uniq_removal_request_per_order",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on case {self.case_id}"


class QueueSettings(models.Model):
    """The account's choices for the resolution queue and its notifications."""

    account = models.OneToOneField(SellerAccount, on_delete=models.CASCADE, related_name="queue_settings")
    include_neutral = models.BooleanField("Open cases for 3-star feedback too", default=False)
    notify_owner_email = models.BooleanField("Email the owner on new negative feedback and escalations", default=True)
    odr_alert_at = models.DecimalField(
        "Alert when the ODR reaches",
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.0075"),
        help_text="A share: 0.0075 is 0.75 % (Amazon deactivates accounts above 1 %).",
    )
    negative_rate_alert_at = models.DecimalField(
        "Alert when the negative feedback rate reaches",
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.02"),
        help_text="A share: 0.02 is 2 % (Amazon asks sellers above 5 % to review their practices).",
    )
    webhook_url = models.URLField(
        "Slack-compatible webhook", blank=True, help_text='Receives the same notifications as a JSON {"text": …} POST.'
    )

    def __str__(self):
        return f"Queue settings of {self.account}"


class NotificationKind(models.TextChoices):
    NEW_NEGATIVE = "new_negative", "New negative feedback"
    ESCALATION = "escalation", "Deadline near"
    FOLLOW_UP = "follow_up", "Follow up with Amazon"


class Notification(models.Model):
    """A notification to the owner, sent by the periodic task (the database is
    the schedule); one per case and kind."""

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(ResolutionCase, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="uniq_notification_case_kind")]
        indexes = [models.Index(fields=["created_at"], name="notification_unsent", condition=Q(sent_at__isnull=True))]

    def __str__(self):
        return f"{self.get_kind_display()} for case {self.case_id}"
