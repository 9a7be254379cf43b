from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from feedbackhub.freshness import account_changed
from messaging.models import BuyerMessage, Campaign, CampaignVariant, FeedbackRequest, MessageTemplate
from orders.models import Claim, Order
from orders.signals import imported_rows_link, imported_rows_linked

from .models import AccountHealthSnapshot, DailyRollup, Feedback, MetricAlert, ResolutionCase
from .rollups import rollups_refresh_changed
from .services import cases_open

LINK_SQL = """
UPDATE feedback_feedback f SET order_id = o.id
FROM orders_order o
WHERE f.account_id = %s AND f.order_id IS NULL
  AND o.account_id = f.account_id AND o.amazon_order_id = f.amazon_order_id
"""


@receiver(imported_rows_link, dispatch_uid="feedback.link_feedback_to_orders")
def link_feedback_to_orders(sender, account, **kwargs):
    """Feedback that arrived before its order is linked once the order is in."""
    with connection.cursor() as cursor:
        cursor.execute(LINK_SQL, [account.pk])


@receiver(imported_rows_linked, dispatch_uid="feedback.open_resolution_cases")
def open_resolution_cases(sender, account, **kwargs):
    """New negative feedback gets its case (with its verdict) in the import's transaction."""
    cases_open(account=account)


@receiver(imported_rows_linked, dispatch_uid="feedback.refresh_rollups")
def refresh_rollups(sender, account, **kwargs):
    """The dashboard's daily rollups follow the import: only the days it touched."""
    rollups_refresh_changed(account=account)


# The models the dashboard's figures read: a save or delete through the ORM
# moves the account's generation, so its cached dashboard is not served again.
# (SQL writers — imports, the rollup refresh — call account_changed themselves.)
DASHBOARD_MODELS = (
    AccountHealthSnapshot,
    BuyerMessage,
    Campaign,
    Claim,
    DailyRollup,
    Feedback,
    FeedbackRequest,
    MessageTemplate,
    MetricAlert,
    Order,
    ResolutionCase,
)


def _dashboard_data_changed(sender, instance, **kwargs):
    account_changed(instance.account_id)


def _variant_changed(sender, instance, **kwargs):
    account_changed(instance.campaign.account_id)


for model in DASHBOARD_MODELS:
    post_save.connect(_dashboard_data_changed, sender=model, dispatch_uid=f"feedback.fresh.save.{model.__name__}")
    post_delete.connect(_dashboard_data_changed, sender=model, dispatch_uid=f"feedback.fresh.delete.{model.__name__}")
post_save.connect(_variant_changed, sender=CampaignVariant, dispatch_uid="feedback.fresh.save.variant")
post_delete.connect(_variant_changed, sender=CampaignVariant, dispatch_uid="feedback.fresh.delete.variant")
