"""Orders, their items, A-to-z claims and chargebacks."""

from django.conf import settings
from django.contrib.postgres.indexes import BrinIndex
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper

from feedbackhub.crypto import EncryptedTextField
from feedbackhub.tenancy.models import AccountScopedQuerySet, Marketplace, SellerAccount

AMAZON_ORDER_ID_PATTERN = r"^[0-9]{3}-[0-9]{7}-[0-9]{7}$"
validate_amazon_order_id = RegexValidator(
    AMAZON_ORDER_ID_PATTERN,
    "An Amazon order id is 17 digits written 3-7-7, e.g. 112-1234567-1234567.",
)


class OrderStatus(models.TextChoices):
    PENDING = "Pending"
    UNSHIPPED = "Unshipped"
    PARTIALLY_SHIPPED = "PartiallyShipped", "Partially shipped"
    SHIPPED = "Shipped"
    CANCELED = "Canceled"
    UNFULFILLABLE = "Unfulfillable"
    INVOICE_UNCONFIRMED = "InvoiceUnconfirmed", "Invoice unconfirmed"
    PENDING_AVAILABILITY = "PendingAvailability", "Pending availability"


class FulfillmentChannel(models.TextChoices):
    AFN = "AFN", "FBA (Amazon)"
    MFN = "MFN", "FBM (merchant)"


class Order(models.Model):
    # Indexes are few on purpose: every one slows the bulk import. The unique
    # (account, amazon_order_id) index serves account look-ups.
    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="orders", db_index=False)
    marketplace = models.ForeignKey(Marketplace, on_delete=models.PROTECT, related_name="+", db_index=False)
    amazon_order_id = models.CharField(max_length=19, validators=[validate_amazon_order_id])
    merchant_order_id = models.CharField(max_length=64, blank=True)
    purchase_date = models.DateTimeField()
    last_updated = models.DateTimeField()
    status = models.CharField(max_length=20, choices=OrderStatus.choices)
    fulfillment_channel = models.CharField(max_length=3, choices=FulfillmentChannel.choices)
    sales_channel = models.CharField(max_length=30, blank=True)
    ship_service_level = models.CharField(max_length=40, blank=True)

    earliest_ship_date = models.DateTimeField(null=True, blank=True)
    latest_ship_date = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    earliest_delivery_date = models.DateTimeField(null=True, blank=True)
    latest_delivery_date = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)

    order_total = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    is_business_order = models.BooleanField(default=False)
    is_prime = models.BooleanField(default=False)
    is_replacement_order = models.BooleanField(default=False)
    ship_country = models.CharField(max_length=2, blank=True)

    # Buyer personal data: encrypted at rest, purged 30 days after delivery.
    buyer_name = EncryptedTextField(blank=True)
    buyer_email = EncryptedTextField(blank=True)
    # City, state/region and postal code as one encrypted value.
    ship_to = EncryptedTextField(blank=True)
    # A keyed digest of the buyer email: finds repeat buyers after the purge.
    buyer_key = models.CharField(max_length=64, blank=True)
    pii_purged_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-purchase_date"]
        constraints = [
            models.UniqueConstraint(fields=["account", "amazon_order_id"], name="uniq_order_account_amazon_id"),
            models.CheckConstraint(
                condition=Q(amazon_order_id__regex=AMAZON_ORDER_ID_PATTERN), name="order_amazon_id_3_7_7"
            ),
            models.CheckConstraint(condition=Q(fulfillment_channel__in=["AFN", "MFN"]), name="order_channel_afn_mfn"),
            models.CheckConstraint(
                condition=Q(order_total__gte=0) | Q(order_total__isnull=True), name="order_total_ge_0"
            ),
        ]
        indexes = [
            models.Index(fields=["account", "-purchase_date"], name="order_account_purchase"),
            models.Index(
                fields=["account", "marketplace", "fulfillment_channel", "purchase_date"], name="order_odr_window"
            ),
            # The rollup refresh finds what an import wrote by updated_at: a BRIN index
            # (a few pages, next to nothing to keep up on insert) reads only the newest pages.
            BrinIndex(fields=["updated_at"], name="order_updated_brin", autosummarize=True),
        ]

    def __str__(self):
        return self.amazon_order_id


class OrderItem(models.Model):
    # The unique (order, sku) index serves look-ups by order.
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items", db_index=False)
    asin = models.CharField("ASIN", max_length=10)
    sku = models.CharField("SKU", max_length=64)
    title = models.CharField(max_length=500, blank=True)
    quantity = models.PositiveIntegerField()
    item_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    item_status = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "sku"], name="uniq_item_order_sku"),
            models.CheckConstraint(condition=Q(item_price__gte=0) | Q(item_price__isnull=True), name="item_price_ge_0"),
        ]
        indexes = [
            # The orders list searches SKU and ASIN case-insensitively.
            models.Index(Upper("sku"), name="item_upper_sku"),
            models.Index(Upper("asin"), name="item_upper_asin"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.sku}"


class ClaimKind(models.TextChoices):
    A_TO_Z = "atoz", "A-to-z Guarantee claim"
    CHARGEBACK = "chargeback", "Chargeback"


class ClaimStatus(models.TextChoices):
    OPEN = "open", "Open"
    GRANTED = "granted", "Granted"
    DENIED = "denied", "Denied"
    CLOSED = "closed", "Closed"


class ClaimQuerySet(AccountScopedQuerySet):
    def open(self):
        return self.filter(status=ClaimStatus.OPEN)

    def defects(self):
        """Claims that count toward the Order Defect Rate: all but denied ones."""
        return self.exclude(status=ClaimStatus.DENIED)


class Claim(models.Model):
    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="claims")
    order = models.ForeignKey(Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims")
    amazon_order_id = models.CharField(max_length=19, validators=[validate_amazon_order_id])
    kind = models.CharField(max_length=12, choices=ClaimKind.choices)
    status = models.CharField(max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.OPEN)
    reason = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    # What the daily metrics rollups look at to refresh only what an import changed.
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["account", "amazon_order_id", "kind"], name="uniq_claim_order_kind"),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=models.F("opened_at")),
                name="claim_closed_after_opened",
            ),
        ]
        indexes = [
            models.Index(fields=["account", "opened_at"], name="claim_account_opened"),
            BrinIndex(fields=["updated_at"], name="claim_updated_brin", autosummarize=True),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.amazon_order_id}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class ImportSource(models.TextChoices):
    UPLOAD = "upload", "Upload"
    SP_API = "sp-api", "Amazon SP-API"


class ImportJob(models.Model):
    """One file (or downloaded report) brought in, with its outcome."""

    account = models.ForeignKey(SellerAccount, on_delete=models.CASCADE, related_name="import_jobs")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=10, choices=ImportSource.choices, default=ImportSource.UPLOAD)
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255)
    size_bytes = models.BigIntegerField(default=0)
    requested_type = models.CharField(max_length=40, blank=True, help_text="Empty: detect from the header.")
    report_type = models.CharField(max_length=40, blank=True)
    marketplace = models.ForeignKey(Marketplace, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    encoding = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    error = models.TextField(blank=True, help_text="Why the whole file was rejected.")
    rows_total = models.BigIntegerField(null=True, blank=True)
    created = models.BigIntegerField(default=0)
    updated = models.BigIntegerField(default=0)
    unchanged = models.BigIntegerField(default=0)
    rejected = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = AccountScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["account", "-created_at"], name="importjob_account_created")]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def is_finished(self):
        return self.status in (ImportStatus.SUCCEEDED, ImportStatus.FAILED)

    @property
    def report_type_label(self):
        """The report's name as Seller Central calls it ("All Orders report"), for people."""
        from .imports.registry import report_type_get  # the registry's modules read these models

        report_type = report_type_get(self.report_type) if self.report_type else None
        return report_type.label if report_type else self.report_type


class ImportRejection(models.Model):
    """A row an import refused, with where and why."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rejections")
    line_no = models.BigIntegerField()
    # A CSV header name, or a JSON path such as performanceMetrics[0].orderDefectRate.afn.orderCount.
    column = models.CharField(max_length=120, blank=True)
    value = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["line_no", "id"]
        indexes = [models.Index(fields=["job", "line_no"], name="importrejection_job_line")]

    def __str__(self):
        return f"line {self.line_no}: {self.reason}"
