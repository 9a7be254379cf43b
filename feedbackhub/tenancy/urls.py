from django.urls import path

from . import two_factor_views, views

app_name = "tenancy"
urlpatterns = [
    path("switch/", views.account_switch, name="switch"),
    path("settings/", views.account_settings, name="settings"),
    path("team/", views.team, name="team"),
    path("amazon/", views.amazon_connection, name="amazon"),
    path("two-factor/", two_factor_views.two_factor_requirement, name="two_factor_requirement"),
]
