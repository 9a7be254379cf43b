from django.urls import path

from . import case_views, queue_views, views

app_name = "feedback"
urlpatterns = [
    path("", views.feedback_index, name="list"),
    path("export.csv", views.feedback_export, name="export"),
    path("queue/", queue_views.queue, name="queue"),
    path("queue/assign/", queue_views.queue_assign, name="queue_assign"),
    path("queue/outcomes/", queue_views.outcomes, name="queue_outcomes"),
    path("queue/settings/", queue_views.queue_settings, name="queue_settings"),
    path("queue/<int:case_id>/", case_views.case_detail, name="case"),
    path("queue/<int:case_id>/take/", case_views.case_take_view, name="case_take"),
    path("queue/<int:case_id>/move/", case_views.case_move, name="case_move"),
    path("queue/<int:case_id>/message/", case_views.case_message, name="case_message"),
    path("queue/<int:case_id>/message/preview/", case_views.case_message_preview, name="case_message_preview"),
    path("queue/<int:case_id>/resolve/", case_views.case_resolve_view, name="case_resolve"),
    path("queue/<int:case_id>/amazon/", case_views.case_amazon, name="case_amazon"),
    path("queue/<int:case_id>/response/", case_views.case_response, name="case_response"),
]
