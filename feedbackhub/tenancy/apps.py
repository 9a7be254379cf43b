from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "feedbackhub.tenancy"
    label = "tenancy"
    verbose_name = "Seller accounts"
