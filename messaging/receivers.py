from django.db.models.signals import post_save
from django.dispatch import receiver

from feedbackhub.tenancy.models import SellerAccount
from orders.signals import imported_rows_linked

from .inbox import webhook  # noqa: F401 - connects the inbound-mail receiver
from .planning import requests_plan_changed
from .services import starter_templates_load


@receiver(post_save, sender=SellerAccount, dispatch_uid="messaging.load_starter_templates")
def load_starter_templates(sender, instance, created, raw=False, **kwargs):
    """Every new seller account starts with the compliant starter library."""
    if created and not raw:
        starter_templates_load(account=instance)


@receiver(imported_rows_linked, dispatch_uid="messaging.plan_feedback_requests")
def plan_feedback_requests(sender, account, **kwargs):
    """New or changed orders: (re-)plan their feedback requests in the same
    transaction as the import (set-based SQL, see messaging.planning), after
    feedback that arrived first has been linked to its order. Only the
    orders the import wrote, or whose feedback or claims it wrote, are
    planned: the rest of the account has not changed."""
    requests_plan_changed(account=account)
