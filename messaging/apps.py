from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "messaging"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the signal receivers
        from .dispatch import shutdown  # noqa: F401 - the warm-shutdown flag, made before a worker forks
