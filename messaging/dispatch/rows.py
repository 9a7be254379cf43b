"""A feedback request's state changes, each its own committed statement.

The send's own timestamps (the send lease, sent_at, a retry's next time) are
the real time even when a tick runs with a given `now`: they record when the
message actually left, not the moment the tick was asked to act as of.
"""

import re
import weakref
from datetime import timedelta

from django.db import connection as db_connection
from django.utils import timezone

from feedbackhub.tenancy.models import Marketplace

from ..models import Campaign, CampaignVariant, FeedbackRequest, RequestStatus
from ..planning import live_campaign_ids
from .outcomes import Fail, Sent, Skip, Uncertain, backoff

CLAIM_LEASE = timedelta(minutes=10)
SEND_LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 6


# Due rows of the live campaigns `live` (ids), in the due index's order, to "claimed".
CLAIM_SQL = """
WITH picked AS MATERIALIZED (
    SELECT fr.id FROM messaging_feedbackrequest fr
     WHERE fr.account_id = %(account)s AND fr.status = 'scheduled' AND fr.scheduled_for <= %(now)s
       AND fr.campaign_id = ANY(%(live)s)
     ORDER BY fr.priority, fr.scheduled_for, fr.id
     LIMIT %(limit)s
       FOR UPDATE OF fr SKIP LOCKED
)
UPDATE messaging_feedbackrequest AS held
   SET status = 'claimed', claim_token = %(token)s, lease_until = %(lease)s, updated_at = %(now)s
  FROM picked
 WHERE held.id = picked.id AND held.status = 'scheduled'
RETURNING held.id
"""


def rows_claim(account, *, now, limit, token):
    """Claim up to `limit` due rows of live campaigns, first campaigns first.

    The live campaigns are named by id, not joined: against a join the planner
    cannot tell that nearly every due row is a live campaign's, and it sorted
    every due row of the account for each batch (20,000 due: 10-30 ms a batch,
    the ordered index scan 0.15 ms; bench/dispatch.py). A campaign paused
    between the two statements is seen by batch_send, which gives its rows back."""
    live = live_campaign_ids(account=account)
    if not live:
        return []
    with db_connection.cursor() as cursor:
        cursor.execute(
            CLAIM_SQL,
            {
                "token": token,
                "lease": now + CLAIM_LEASE,
                "now": now,
                "account": account.pk,
                "limit": limit,
                "live": live,
            },
        )
        ids = [row[0] for row in cursor.fetchall()]
    rows = list(
        FeedbackRequest.objects.filter(pk__in=ids, claim_token=token)
        .select_related("order")
        .prefetch_related("order__items")
        .order_by("priority", "scheduled_for", "id")
    )
    # The batch's one account and its few campaigns, templates and marketplaces: loaded once
    # and shared, not built again for every row (bench/dispatch.py: a third of a row's cost).
    campaigns = Campaign.objects.in_bulk({row.campaign_id for row in rows if row.campaign_id})
    variants = CampaignVariant.objects.select_related("template").in_bulk(
        {row.variant_id for row in rows if row.variant_id}
    )
    marketplaces = Marketplace.objects.in_bulk({row.order.marketplace_id for row in rows})
    for row in rows:
        row.account = account
        row.campaign = campaigns.get(row.campaign_id)
        row.variant = variants.get(row.variant_id)
        row.order.marketplace = marketplaces[row.order.marketplace_id]
    return rows


def _update_held(row, token, from_status, **changes):
    """One committed UPDATE of a row this dispatcher still holds; False when
    the claim was lost. Plain SQL: it runs twice per message, and building
    the ORM query cost as much as running it (bench/dispatch.py)."""
    assignments = ", ".join(f"{column} = %s" for column in changes)
    with db_connection.cursor() as cursor:
        _execute_prepared(
            cursor,
            f"UPDATE messaging_feedbackrequest SET {assignments} WHERE id = %s AND claim_token = %s AND status = %s",
            [*changes.values(), row.pk, token, from_status],
        )
        return cursor.rowcount == 1


# The statements each message runs, prepared once per database session: the driver's
# connection -> {statement text: the EXECUTE that runs it}. Parsed and planned anew each time, the
# statement that marks one row sent and the next sending took 0.65-0.82 ms with its commit,
# prepared 0.46-0.54 ms (10,000 messages of bench/dispatch.py's setup). PREPARE outlives a
# rolled-back transaction; a new session prepares again.
_PREPARED = weakref.WeakKeyDictionary()
_PLACEHOLDER_RE = re.compile(r"%s")


def _execute_prepared(cursor, sql, params):
    """cursor.execute(sql, params) (sql with %s placeholders only) as EXECUTE of
    the session's prepared statement, PREPAREd the first time."""
    prepared = _PREPARED.setdefault(db_connection.connection, {})
    execute = prepared.get(sql)
    if execute is None:
        name = f"dispatch_row_{len(prepared) + 1}"
        numbers = iter(range(1, len(params) + 1))
        cursor.execute(f"PREPARE {name} AS {_PLACEHOLDER_RE.sub(lambda _: f'${next(numbers)}', sql)}")
        execute = prepared[sql] = f"EXECUTE {name} ({', '.join(['%s'] * len(params))})"
    cursor.execute(execute, params)


def row_start_sending(row, token):
    """Committed before the message leaves. False: the claim was lost."""
    now = timezone.now()
    return _update_held(
        row,
        token,
        RequestStatus.CLAIMED,
        status=RequestStatus.SENDING,
        lease_until=now + SEND_LEASE,
        attempts=row.attempts + 1,
        updated_at=now,
    )


def finish_changes(row, outcome, *, from_status):
    """The columns a finished row gets, timed now (when the outcome is known)."""
    now = timezone.now()
    release = {"claim_token": None, "lease_until": None, "updated_at": now}
    if isinstance(outcome, Sent):
        changes = {"status": RequestStatus.SENT, "sent_at": now, "provider_id": outcome.provider_id[:200], "reason": ""}
    elif isinstance(outcome, Skip):
        changes = {"status": RequestStatus.SKIPPED, "reason": outcome.reason[:300]}
    elif isinstance(outcome, Fail):
        changes = {"status": RequestStatus.FAILED, "reason": outcome.reason[:300]}
    elif isinstance(outcome, Uncertain):
        changes = {"status": RequestStatus.UNCERTAIN, "reason": outcome.reason[:300]}
    else:  # Retry
        attempts = row.attempts + (1 if from_status == RequestStatus.SENDING else 0)
        if attempts >= MAX_ATTEMPTS:
            reason = f"Gave up after {attempts} attempts: {outcome.reason}"
            changes = {"status": RequestStatus.FAILED, "reason": reason[:300]}
        else:
            changes = {
                "status": RequestStatus.SCHEDULED,
                "reason": outcome.reason[:300],
                "scheduled_for": now + (outcome.delay or backoff(attempts)),
            }
    return {**changes, **release}


def row_finish(row, token, outcome, *, from_status, changes=None):
    """`changes`: from finish_changes() when the outcome was known earlier."""
    if changes is None:
        changes = finish_changes(row, outcome, from_status=from_status)
    _update_held(row, token, from_status, **changes)


def row_finish_and_start_sending(finished, finished_changes, row, token):
    """One committed statement (one commit, not two): `finished` (a row this
    dispatcher holds in "sending", its message gone) gets `finished_changes`,
    and `row` goes claimed -> sending. Either both or neither. Until it runs
    the finished row stays "sending", so a crash in between leaves it for
    leases_resolve (an email: uncertain, never resent), as a crash right after
    any send does. False: the claim on `row` was lost (the finished row is
    marked all the same)."""
    now = timezone.now()
    assignments = ", ".join(f"{column} = %s" for column in finished_changes)
    with db_connection.cursor() as cursor:
        _execute_prepared(
            cursor,
            f"""
            WITH finished AS (
                UPDATE messaging_feedbackrequest SET {assignments}
                 WHERE id = %s AND claim_token = %s AND status = %s
                RETURNING id
            )
            UPDATE messaging_feedbackrequest
               SET status = %s, lease_until = %s, attempts = %s, updated_at = %s
             WHERE id = %s AND claim_token = %s AND status = %s
            """,
            [
                *finished_changes.values(),
                finished.pk,
                token,
                RequestStatus.SENDING,
                RequestStatus.SENDING,
                now + SEND_LEASE,
                row.attempts + 1,
                now,
                row.pk,
                token,
                RequestStatus.CLAIMED,
            ],
        )
        return cursor.rowcount == 1


def row_leave_sending(row, token, *, reason):
    """Keep a row "sending" with its lease run out, so that the next tick's
    leases_resolve asks Amazon whether the interrupted request went through."""
    _update_held(row, token, RequestStatus.SENDING, lease_until=timezone.now(), reason=reason)


def row_release(row, token, *, scheduled_for=None):
    """Give a claimed row back untouched (send hours not open yet, cap reached)."""
    changes = {"status": RequestStatus.SCHEDULED, "claim_token": None, "lease_until": None}
    if scheduled_for is not None:
        changes["scheduled_for"] = scheduled_for
    _update_held(row, token, RequestStatus.CLAIMED, **changes)


def rows_release_claimed(token):
    """Give back every row still claimed (not started) under `token`: due now,
    no claim. Rows already "sending" are left to finish. Returns the count."""
    return FeedbackRequest.objects.filter(claim_token=token, status=RequestStatus.CLAIMED).update(
        status=RequestStatus.SCHEDULED, claim_token=None, lease_until=None, updated_at=timezone.now()
    )
