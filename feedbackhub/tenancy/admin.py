from django.contrib import admin

from .models import AmazonConnection, Marketplace, Membership, SellerAccount, SellerMarketplace


class SellerMarketplaceInline(admin.TabularInline):
    model = SellerMarketplace
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(SellerAccount)
class SellerAccountAdmin(admin.ModelAdmin):
    list_display = ["name", "merchant_id", "time_zone", "created_at"]
    search_fields = ["name", "merchant_id"]
    inlines = [SellerMarketplaceInline, MembershipInline]


@admin.register(Marketplace)
class MarketplaceAdmin(admin.ModelAdmin):
    list_display = ["code", "id", "domain", "currency", "time_zone", "date_format", "region"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "account", "role"]
    list_filter = ["role"]


@admin.register(AmazonConnection)
class AmazonConnectionAdmin(admin.ModelAdmin):
    list_display = ["account", "region", "status", "orders_cursor", "last_sync_finished_at", "consecutive_failures"]
    list_filter = ["status", "region"]
    # The refresh token is set from the account's Amazon page only; never shown here.
    exclude = ["refresh_token"]
    readonly_fields = ["report_requests", "created_at"]
