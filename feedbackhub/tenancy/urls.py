from django.urls import path

from . import views

app_name = "tenancy"
urlpatterns = [
    path("switch/", views.account_switch, name="switch"),
    path("settings/", views.account_settings, name="settings"),
    path("team/", views.team, name="team"),
    path("amazon/", views.amazon_connection, name="amazon"),
]
