from django.contrib import admin

from .models import Claim, Order, OrderItem


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["amazon_order_id", "account", "marketplace", "status", "fulfillment_channel", "purchase_date"]
    list_filter = ["marketplace", "status", "fulfillment_channel"]
    search_fields = ["amazon_order_id"]
    exclude = ["buyer_name", "buyer_email"]
    inlines = [OrderItemInline]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["amazon_order_id", "account", "kind", "status", "opened_at", "closed_at"]
    list_filter = ["kind", "status"]
