"""The benches' own seller accounts, removed in SQL before each run."""


def bench_account_delete(merchant_id):
    """In SQL: the ORM's cascade would load every order into memory first."""
    from django.db import connection

    from feedbackhub.tenancy.models import SellerAccount

    account = SellerAccount.objects.filter(merchant_id=merchant_id).first()
    if account is None:
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM messaging_feedbackrequest WHERE account_id = %s", [account.pk])
        cursor.execute(
            "DELETE FROM orders_orderitem i USING orders_order o WHERE i.order_id = o.id AND o.account_id = %s",
            [account.pk],
        )
        cursor.execute("DELETE FROM orders_order WHERE account_id = %s", [account.pk])
    # A campaign's variants protect their templates: campaigns go first.
    account.campaigns.all().delete()
    account.delete()
