"""The dashboard's URL, outside the feedback namespace: it is the site's "dashboard"."""

from django.urls import path

from . import views

urlpatterns = [path("", views.dashboard, name="dashboard")]
