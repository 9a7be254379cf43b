from django.contrib import admin

from .models import Marketplace, Membership, SellerAccount, SellerMarketplace


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
