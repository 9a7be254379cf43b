from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"

    def ready(self):
        from . import importers, receivers  # noqa: F401 - registers report types and signal receivers
