from django.contrib import admin

from feedbackhub.audit.models import AuditAction
from feedbackhub.audit.services import audit_record

from .models import AmazonConnection, Marketplace, Membership, SellerAccount, SellerMarketplace


def _role_before(membership):
    """(account id, user id, role) as stored, or None for a new membership."""
    if membership.pk is None:
        return None
    return Membership.objects.filter(pk=membership.pk).values_list("account_id", "user_id", "role").first()


def _audit_role_change(request, membership, before, *, deleted=False):
    """A role change made in Django admin goes into the account's audit trail
    like one made by an owner (tenancy.services.membership_set)."""
    after = None if deleted else (membership.account_id, membership.user_id, membership.role)
    if before == after:
        return
    if before is not None and (after is None or before[:2] != after[:2]):
        old = Membership(account_id=before[0], user_id=before[1])
        audit_record(
            action=AuditAction.ROLE_CHANGED,
            account=old.account,
            actor=request.user,
            target=f"{old.user.get_username()}: {before[2]} → no role (Django admin)",
        )
        before = None
    if after is not None:
        previous = before[2] if before else "no role"
        audit_record(
            action=AuditAction.ROLE_CHANGED,
            account=membership.account,
            actor=request.user,
            target=f"{membership.user.get_username()}: {previous} → {after[2]} (Django admin)",
        )


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

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        before = {f.instance.pk: _role_before(f.instance) for f in formset.initial_forms}
        super().save_formset(request, form, formset, change)
        for membership in formset.deleted_objects:
            _audit_role_change(request, membership, before.get(membership.pk), deleted=True)
        for membership in formset.new_objects:
            _audit_role_change(request, membership, None)
        for membership, _fields in formset.changed_objects:
            _audit_role_change(request, membership, before.get(membership.pk))


@admin.register(Marketplace)
class MarketplaceAdmin(admin.ModelAdmin):
    list_display = ["code", "id", "domain", "currency", "time_zone", "date_format", "region"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "account", "role"]
    list_filter = ["role"]

    def save_model(self, request, obj, form, change):
        before = _role_before(obj)
        super().save_model(request, obj, form, change)
        _audit_role_change(request, obj, before)

    def delete_model(self, request, obj):
        before = _role_before(obj)
        super().delete_model(request, obj)
        _audit_role_change(request, obj, before, deleted=True)

    def delete_queryset(self, request, queryset):
        memberships = list(queryset.select_related("account", "user"))
        before = {m.pk: (m.account_id, m.user_id, m.role) for m in memberships}
        super().delete_queryset(request, queryset)
        for membership in memberships:
            _audit_role_change(request, membership, before[membership.pk], deleted=True)


@admin.register(AmazonConnection)
class AmazonConnectionAdmin(admin.ModelAdmin):
    list_display = ["account", "region", "status", "orders_cursor", "last_sync_finished_at", "consecutive_failures"]
    list_filter = ["status", "region"]
    # The refresh token is set from the account's Amazon page only; never shown here.
    exclude = ["refresh_token"]
    readonly_fields = ["report_requests", "created_at"]
