from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "orders"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the signal receivers
