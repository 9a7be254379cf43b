"""The app's URLs plus one that fails, for the 500 page's tests."""

from django.urls import path

from feedbackhub.urls import urlpatterns as app_urlpatterns


def fails(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [*app_urlpatterns, path("test-failure/", fails)]
