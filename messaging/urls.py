from django.urls import path

from . import views

app_name = "messaging"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("templates/", views.templates, name="templates"),
    path("reply-templates/", views.reply_templates, name="reply_templates"),
    path("templates/new/", views.template_new, name="template_new"),
    path("templates/preview/", views.template_preview, name="template_preview"),
    path("templates/<int:template_id>/", views.template_edit, name="template_edit"),
    path("templates/<int:template_id>/history/", views.template_history, name="template_history"),
    path(
        "templates/<int:template_id>/history/<int:history_id>/restore/",
        views.template_restore,
        name="template_restore",
    ),
]
