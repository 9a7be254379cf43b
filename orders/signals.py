"""Events the orders app announces; higher apps react (DESIGN: one direction).

An import (a report upload or an SP-API sync page) announces itself in two
steps, inside its transaction, so that reactions that depend on each other
run in a fixed order whatever INSTALLED_APPS says:

1. ``imported_rows_link``: receivers attach the rows just imported to rows
   already stored (feedback that arrived before its order gets its order);
2. ``imported_rows_linked``: receivers derive state from the linked rows
   (messaging plans feedback requests, feedback opens cases, metrics).

Both carry account and job (an ImportJob, or None for an SP-API sync page),
and are sent for every kind of import: orders, claims, feedback, account
health. Send them with ``imported_rows_announce``.
"""

from django.dispatch import Signal

from feedbackhub.freshness import account_changed

imported_rows_link = Signal()
imported_rows_linked = Signal()


def imported_rows_announce(*, account, job=None) -> None:
    imported_rows_link.send(sender=None, account=account, job=job)
    imported_rows_linked.send(sender=None, account=account, job=job)
    account_changed(account.pk)  # pages cached on the account's data are stale once this commits
