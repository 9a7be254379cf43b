from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "messaging"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the signal receivers
