from django.contrib import admin

from .models import Claim, Order, OrderItem

BUYER_FIELDS = ["buyer_name", "buyer_email", "ship_to", "buyer_key"]


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["amazon_order_id", "account", "marketplace", "status", "fulfillment_channel", "purchase_date"]
    list_filter = ["marketplace", "status", "fulfillment_channel"]
    search_fields = ["amazon_order_id"]
    # Buyer data never shows here: the name, email and address decrypt on read,
    # and buyer_key links a buyer's orders across accounts' purges.
    exclude = BUYER_FIELDS
    inlines = [OrderItemInline]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["amazon_order_id", "account", "kind", "status", "opened_at", "closed_at"]
    list_filter = ["kind", "status"]
