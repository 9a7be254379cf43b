from django.urls import path

from . import views

app_name = "messaging"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("templates/", views.templates, name="templates"),
]
