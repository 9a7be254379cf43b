from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "feedbackhub.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from . import receivers  # noqa: F401  (log in / failed log in)
