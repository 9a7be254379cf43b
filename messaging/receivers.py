from django.db.models.signals import post_save
from django.dispatch import receiver

from feedbackhub.tenancy.models import SellerAccount


@receiver(post_save, sender=SellerAccount, dispatch_uid="messaging.load_starter_templates")
def load_starter_templates(sender, instance, created, raw=False, **kwargs):
    """Every new seller account starts with the compliant starter library."""
    if created and not raw:
        from .services import starter_templates_load

        starter_templates_load(account=instance)
