"""Daily rollups behind the dashboard: one row per seller account ×
marketplace × fulfilment channel × day, so the dashboard's cost grows with
the days shown, not with the orders."""

from django.db import models

from feedbackhub.tenancy.models import AccountScopedQuerySet, Marketplace, SellerAccount


class DailyRollup(models.Model):
    """Order-date figures (orders, defects: ODR and the order-correlated
    negative rate) and feedback-date figures (ratings) of one local day.
    channel is '' for feedback whose order is not imported yet."""

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="+")
    marketplace = models.ForeignKey(Marketplace, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=3, blank=True)
    day = models.DateField()
    # By order date (the marketplace's calendar).
    orders = models.PositiveIntegerField(default=0)
    defect_orders = models.PositiveIntegerField(default=0)  # at least one defect, counted once
    negative_feedback_orders = models.PositiveIntegerField(default=0)
    claim_orders = models.PositiveIntegerField(default=0)  # A-to-z claim not denied
    chargeback_orders = models.PositiveIntegerField(default=0)
    feedback_orders = models.PositiveIntegerField(default=0)  # orders with (live) feedback
    # By feedback date: live feedback per star (removed and struck-through feedback drop out).
    rating_1 = models.PositiveIntegerField(default=0)
    rating_2 = models.PositiveIntegerField(default=0)
    rating_3 = models.PositiveIntegerField(default=0)
    rating_4 = models.PositiveIntegerField(default=0)
    rating_5 = models.PositiveIntegerField(default=0)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "marketplace", "channel", "day"], name="uniq_rollup_day")
        ]
        indexes = [models.Index(fields=["account", "day"], name="rollup_account_day")]

    def __str__(self):
        return f"{self.marketplace_id} {self.channel} {self.day}"


class AlertMetric(models.TextChoices):
    ODR = "odr", "Order Defect Rate"
    NEGATIVE_RATE = "negative_rate", "Negative feedback rate"


class MetricAlert(models.Model):
    """Whether a marketplace × channel's rate is above the account's alert
    threshold: the owner is told when it crosses over, once, not every night."""

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="+")
    marketplace = models.ForeignKey(Marketplace, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=3)
    metric = models.CharField(max_length=20, choices=AlertMetric.choices)
    above = models.BooleanField(default=False)
    crossed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "marketplace", "channel", "metric"], name="uniq_metric_alert")
        ]

    def __str__(self):
        return f"{self.metric} {self.marketplace_id} {self.channel}: {'above' if self.above else 'below'}"
