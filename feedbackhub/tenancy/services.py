"""Every write to seller accounts and memberships."""

from django.db import transaction

from .models import Marketplace, Membership, SellerAccount, SellerMarketplace


@transaction.atomic
def seller_account_create(*, name, time_zone, marketplace_codes, merchant_id=None):
    account = SellerAccount.objects.create(name=name, time_zone=time_zone, merchant_id=merchant_id)
    seller_account_marketplaces_set(
        account=account, marketplaces=Marketplace.objects.filter(code__in=marketplace_codes)
    )
    return account


@transaction.atomic
def seller_account_update(*, account, name, time_zone, merchant_id, marketplaces):
    account.name = name
    account.time_zone = time_zone
    account.merchant_id = merchant_id or None
    account.full_clean()
    account.save(update_fields=["name", "time_zone", "merchant_id"])
    seller_account_marketplaces_set(account=account, marketplaces=marketplaces)
    return account


def seller_account_marketplaces_set(*, account, marketplaces):
    wanted = {marketplace.pk for marketplace in marketplaces}
    SellerMarketplace.objects.filter(account=account).exclude(marketplace_id__in=wanted).delete()
    existing = set(SellerMarketplace.objects.filter(account=account).values_list("marketplace_id", flat=True))
    SellerMarketplace.objects.bulk_create(
        [SellerMarketplace(account=account, marketplace_id=pk) for pk in sorted(wanted - existing)]
    )


def membership_set(*, user, account, role):
    membership, _ = Membership.objects.update_or_create(user=user, account=account, defaults={"role": role})
    return membership
