"""The dashboard's URLs, outside the feedback namespace: it is the site's "dashboard"."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.csv", views.dashboard_export, name="dashboard_export"),
]
