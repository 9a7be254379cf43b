from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import MessageTemplate


@admin.register(MessageTemplate)
class MessageTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "account", "kind", "language", "compliance_blocked", "updated_at"]
    list_filter = ["kind", "language", "compliance_blocked"]
