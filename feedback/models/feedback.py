"""Seller feedback: one per order, 1–5 stars, with the state Amazon shows;
and Amazon's own account-health figures."""

from django.contrib.postgres.indexes import BrinIndex
from django.db import models
from django.db.models import Q

from feedbackhub.rules import buyer_removal_deadline, sentiment, sentiment_lookups
from feedbackhub.tenancy.models import AccountScopedQuerySet, Marketplace, SellerAccount
from orders.models import AMAZON_ORDER_ID_PATTERN, Order, validate_amazon_order_id


class FeedbackState(models.TextChoices):
    LIVE = "live", "Live"
    REMOVED_BY_BUYER = "removed_buyer", "Removed or changed by the buyer"
    REMOVED_BY_AMAZON = "removed_amazon", "Removed by Amazon"
    STRUCK_THROUGH = "struck", "Struck through by Amazon"


class FeedbackQuerySet(AccountScopedQuerySet):
    def counted(self):
        """Feedback that counts toward the rating and the ODR: live only."""
        return self.filter(state=FeedbackState.LIVE)

    def of_sentiment(self, name):
        """ "positive", "neutral" or "negative", as feedbackhub.rules defines them."""
        return self.filter(**sentiment_lookups()[name])


class Feedback(models.Model):
    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="feedback")
    marketplace = models.ForeignKey(Marketplace, on_delete=models.PROTECT, related_name="+")
    # The order may arrive after its feedback; amazon_order_id links them later.
    order = models.OneToOneField(Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback")
    amazon_order_id = models.CharField(max_length=19, validators=[validate_amazon_order_id])
    rating = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    feedback_date = models.DateField()
    seller_response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=15, choices=FeedbackState.choices, default=FeedbackState.LIVE)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-feedback_date", "-id"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_5"),
            models.CheckConstraint(
                condition=Q(amazon_order_id__regex=AMAZON_ORDER_ID_PATTERN), name="feedback_amazon_id_3_7_7"
            ),
            models.UniqueConstraint(fields=["account", "amazon_order_id"], name="uniq_feedback_account_order"),
        ]
        indexes = [
            models.Index(fields=["account", "marketplace", "feedback_date"], name="feedback_account_date"),
            models.Index(fields=["account", "rating", "state"], name="feedback_account_rating"),
            BrinIndex(fields=["updated_at"], name="feedback_updated_brin", autosummarize=True),
        ]

    def __str__(self):
        return f"{self.rating}★ on {self.amazon_order_id}"

    @property
    def sentiment(self):
        return sentiment(self.rating)

    @property
    def buyer_removal_deadline(self):
        """The last day the buyer can still remove this feedback."""
        return buyer_removal_deadline(self.feedback_date)


class FulfillmentSide(models.TextChoices):
    AFN = "afn", "FBA (AFN)"
    MFN = "mfn", "FBM (MFN)"


class AccountHealthSnapshot(models.Model):
    """Amazon's own ODR figure (GET_V2_SELLER_PERFORMANCE_REPORT), per
    marketplace and fulfilment side, for its reporting window."""

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="health_snapshots")
    marketplace = models.ForeignKey(Marketplace, on_delete=models.PROTECT, related_name="+")
    fulfillment = models.CharField(max_length=3, choices=FulfillmentSide.choices)
    date_from = models.DateTimeField()
    date_to = models.DateTimeField()
    order_count = models.PositiveIntegerField()
    orders_with_defects = models.PositiveIntegerField()
    claims = models.PositiveIntegerField(default=0)
    chargebacks = models.PositiveIntegerField(default=0)
    negative_feedback = models.PositiveIntegerField(default=0)
    rate = models.DecimalField(max_digits=7, decimal_places=6)
    target = models.DecimalField(max_digits=7, decimal_places=6, default=0.01)
    status = models.CharField(max_length=20, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date_to", "marketplace_id", "fulfillment"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "marketplace", "fulfillment", "date_from", "date_to"], name="uniq_health_window"
            )
        ]

    def __str__(self):
        return f"ODR {self.rate:.2%} {self.marketplace_id} {self.fulfillment} to {self.date_to:%Y-%m-%d}"
