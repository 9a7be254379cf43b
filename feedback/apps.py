from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"

    def ready(self):
        from messaging.facts import order_feedback_register, order_link_register

        from . import importers, receivers  # noqa: F401 - registers report types and signal receivers
        from .selectors import ORDER_FEEDBACK_SQL, case_links_for_orders

        order_feedback_register(ORDER_FEEDBACK_SQL)
        order_link_register(case_links_for_orders)
