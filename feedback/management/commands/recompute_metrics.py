from django.core.management.base import BaseCommand

from feedback.rollups import rollups_refresh
from feedbackhub.tenancy.models import SellerAccount


class Command(BaseCommand):
    help = "Rebuild the dashboard's daily rollups from the orders, feedback and claims (every account, or one)."

    def add_arguments(self, parser):
        parser.add_argument("--account", type=int, help="only this seller account id")

    def handle(self, *args, account=None, **options):
        accounts = SellerAccount.objects.all() if account is None else SellerAccount.objects.filter(pk=account)
        for seller in accounts:
            keys = rollups_refresh(account=seller)
            self.stdout.write(f"{seller.name}: {keys:,} marketplace-days recomputed.")
