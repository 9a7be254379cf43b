from django.urls import path

from . import queue_views, views

app_name = "feedback"
urlpatterns = [
    path("", views.feedback_index, name="list"),
    path("queue/", queue_views.queue, name="queue"),
    path("queue/assign/", queue_views.queue_assign, name="queue_assign"),
    path("queue/outcomes/", queue_views.outcomes, name="queue_outcomes"),
    path("queue/settings/", queue_views.queue_settings, name="queue_settings"),
    path("queue/<int:case_id>/", queue_views.case_detail, name="case"),
    path("queue/<int:case_id>/take/", queue_views.case_take_view, name="case_take"),
    path("queue/<int:case_id>/move/", queue_views.case_move, name="case_move"),
    path("queue/<int:case_id>/message/", queue_views.case_message, name="case_message"),
    path("queue/<int:case_id>/message/preview/", queue_views.case_message_preview, name="case_message_preview"),
    path("queue/<int:case_id>/resolve/", queue_views.case_resolve_view, name="case_resolve"),
    path("queue/<int:case_id>/amazon/", queue_views.case_amazon, name="case_amazon"),
    path("queue/<int:case_id>/response/", queue_views.case_response, name="case_response"),
]
