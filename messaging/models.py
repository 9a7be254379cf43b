"""Message templates: what every outgoing message is rendered from."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from feedbackhub.tenancy.models import AccountScopedQuerySet, Marketplace, SellerAccount


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
