from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("", views.feedback_index, name="list"),
    path("queue/", views.resolution_queue, name="queue"),
]
