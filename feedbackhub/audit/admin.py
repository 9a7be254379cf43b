from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: the trail is written by the services, never edited."""

    list_display = ["created_at", "account", "actor_name", "action", "target", "ip"]
    list_filter = ["action"]
    search_fields = ["actor_name", "target"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
