from django.contrib import admin

from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["amazon_order_id", "account", "marketplace", "rating", "state", "feedback_date"]
    list_filter = ["rating", "state", "marketplace"]
    search_fields = ["amazon_order_id"]
