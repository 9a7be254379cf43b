"""Keeping the daily rollups (feedback.models.DailyRollup) equal to the data.

A refresh recomputes whole (marketplace, local day) keys from the base
tables in SQL and replaces their rows: after an import only the keys its rows
touched (rows updated since the import began), nightly and by
`manage.py recompute_metrics` every key of the account. The definitions come
from feedbackhub.rules (negative = 1–2 stars) and the models (live feedback
only; a denied claim is no defect); tests/feedback/test_rollups.py holds the
rollup figures to a direct computation on random data.
"""

from datetime import datetime, timedelta

from django.db import connection, transaction

from feedbackhub.freshness import account_changed
from feedbackhub.rules import negative_sql
from feedbackhub.tenancy.models import SellerAccount

from .models import DailyRollup

# The (marketplace, local order day) of an orders_order row `o` joined to its marketplace `m`.
_ORDER_DAY = "(o.purchase_date AT TIME ZONE m.time_zone)::date"

# Keys whose figures may have changed since %(since)s: days of orders, feedback
# and claims written since then (a claim or a feedback moves its order's day).
# One branch per table so each reads its BRIN index on updated_at (the newest
# pages only) instead of a scan of the account's orders.
TOUCHED_KEYS_SQL = f"""
SELECT o.marketplace_id, {_ORDER_DAY}
  FROM orders_order o JOIN tenancy_marketplace m ON m.id = o.marketplace_id
 WHERE o.account_id = %(account)s AND o.updated_at >= %(since)s
UNION
SELECT o.marketplace_id, {_ORDER_DAY}
  FROM feedback_feedback f
  JOIN orders_order o ON o.id = f.order_id JOIN tenancy_marketplace m ON m.id = o.marketplace_id
 WHERE f.account_id = %(account)s AND f.updated_at >= %(since)s
UNION
SELECT o.marketplace_id, {_ORDER_DAY}
  FROM orders_claim c
  JOIN orders_order o ON o.id = c.order_id JOIN tenancy_marketplace m ON m.id = o.marketplace_id
 WHERE c.account_id = %(account)s AND c.updated_at >= %(since)s
UNION
SELECT f.marketplace_id, f.feedback_date
  FROM feedback_feedback f
 WHERE f.account_id = %(account)s AND f.updated_at >= %(since)s
"""

ALL_KEYS_SQL = f"""
SELECT DISTINCT o.marketplace_id, {_ORDER_DAY}
  FROM orders_order o JOIN tenancy_marketplace m ON m.id = o.marketplace_id
 WHERE o.account_id = %(account)s
UNION
SELECT DISTINCT marketplace_id, feedback_date FROM feedback_feedback WHERE account_id = %(account)s
"""

DELETE_KEYS_SQL = """
DELETE FROM feedback_dailyrollup
 WHERE account_id = %(account)s
   AND (marketplace_id, day) IN (SELECT * FROM unnest(%(marketplaces)s::text[], %(days)s::date[]))
"""

REFRESH_SQL = f"""
WITH wanted AS (
    SELECT w.marketplace_id, w.day,
           w.day::timestamp AT TIME ZONE m.time_zone AS starts,
           (w.day + 1)::timestamp AT TIME ZONE m.time_zone AS ends
      FROM unnest(%(marketplaces)s::text[], %(days)s::date[]) AS w(marketplace_id, day)
      JOIN tenancy_marketplace m ON m.id = w.marketplace_id
),
order_facts AS (
    SELECT o.marketplace_id, o.fulfillment_channel AS channel, w.day,
           COALESCE({negative_sql("f.rating")}, false) AS negative,
           EXISTS (SELECT 1 FROM orders_claim c WHERE c.order_id = o.id AND c.kind = 'atoz'
                      AND c.status <> 'denied') AS claim,
           EXISTS (SELECT 1 FROM orders_claim c WHERE c.order_id = o.id AND c.kind = 'chargeback'
                      AND c.status <> 'denied') AS chargeback,
           f.id IS NOT NULL AS has_feedback
      FROM wanted w
      -- One index range per key and channel (the (account, marketplace, channel,
      -- purchase_date) index), forced by LATERAL … OFFSET 0: the planner cannot see
      -- how narrow the wanted days are and would otherwise scan the account's orders.
      CROSS JOIN (VALUES ('AFN'), ('MFN')) AS side(channel)
      CROSS JOIN LATERAL (
          SELECT o.id, o.marketplace_id, o.fulfillment_channel FROM orders_order o
           WHERE o.account_id = %(account)s AND o.marketplace_id = w.marketplace_id
             AND o.fulfillment_channel = side.channel
             AND o.purchase_date >= w.starts AND o.purchase_date < w.ends
          OFFSET 0  -- keeps the subquery a per-key index range (not flattened into one join)
      ) o
      -- An order has at most one feedback (a unique order_id): one lookup gives both facts.
      LEFT JOIN feedback_feedback f ON f.order_id = o.id AND f.state = 'live'
),
by_order AS (
    SELECT marketplace_id, channel, day, count(*) AS orders,
           count(*) FILTER (WHERE negative OR claim OR chargeback) AS defect_orders,
           count(*) FILTER (WHERE negative) AS negative_feedback_orders,
           count(*) FILTER (WHERE claim) AS claim_orders,
           count(*) FILTER (WHERE chargeback) AS chargeback_orders,
           count(*) FILTER (WHERE has_feedback) AS feedback_orders
      FROM order_facts GROUP BY 1, 2, 3
),
by_feedback AS (
    SELECT f.marketplace_id, COALESCE(o.fulfillment_channel, '') AS channel, f.feedback_date AS day,
           count(*) FILTER (WHERE f.rating = 1) AS rating_1, count(*) FILTER (WHERE f.rating = 2) AS rating_2,
           count(*) FILTER (WHERE f.rating = 3) AS rating_3, count(*) FILTER (WHERE f.rating = 4) AS rating_4,
           count(*) FILTER (WHERE f.rating = 5) AS rating_5
      FROM wanted w
      JOIN feedback_feedback f ON f.account_id = %(account)s AND f.marketplace_id = w.marketplace_id
                              AND f.feedback_date = w.day AND f.state = 'live'
      LEFT JOIN orders_order o ON o.id = f.order_id
     GROUP BY 1, 2, 3
)
INSERT INTO feedback_dailyrollup (account_id, marketplace_id, channel, day, orders, defect_orders,
       negative_feedback_orders, claim_orders, chargeback_orders, feedback_orders,
       rating_1, rating_2, rating_3, rating_4, rating_5)
SELECT %(account)s, COALESCE(bo.marketplace_id, bf.marketplace_id), COALESCE(bo.channel, bf.channel),
       COALESCE(bo.day, bf.day), COALESCE(bo.orders, 0), COALESCE(bo.defect_orders, 0),
       COALESCE(bo.negative_feedback_orders, 0), COALESCE(bo.claim_orders, 0), COALESCE(bo.chargeback_orders, 0),
       COALESCE(bo.feedback_orders, 0), COALESCE(bf.rating_1, 0), COALESCE(bf.rating_2, 0),
       COALESCE(bf.rating_3, 0), COALESCE(bf.rating_4, 0), COALESCE(bf.rating_5, 0)
  FROM by_order bo
  FULL JOIN by_feedback bf ON bf.marketplace_id = bo.marketplace_id AND bf.channel = bo.channel AND bf.day = bo.day
"""


def _refresh(cursor, account_id, keys):
    if not keys:
        return 0
    params = {"account": account_id, "marketplaces": [k[0] for k in keys], "days": [k[1] for k in keys]}
    cursor.execute(DELETE_KEYS_SQL, params)
    cursor.execute(REFRESH_SQL, params)
    return len(keys)


@transaction.atomic
def rollups_refresh(*, account: SellerAccount, since: datetime | None = None) -> int:
    """Recompute the account's rollups: the keys touched since `since`, or
    all of them. Returns the number of (marketplace, day) keys recomputed."""
    with connection.cursor() as cursor:
        if since is None:
            cursor.execute(ALL_KEYS_SQL, {"account": account.pk})
            keys = cursor.fetchall()
            DailyRollup.objects.filter(account=account).delete()
        else:
            cursor.execute(TOUCHED_KEYS_SQL, {"account": account.pk, "since": since})
            keys = cursor.fetchall()
        if keys:
            account_changed(account.pk)  # the cached dashboard is stale once this commits
        return _refresh(cursor, account.pk, keys)


# Rows the ORM saves carry the app server's clock, rows the import SQL writes
# the database's: look back a little before the transaction began so a small
# clock difference never hides a change (recomputing a few more days is harmless,
# and the nightly rebuild catches anything else).
CLOCK_MARGIN = timedelta(minutes=5)


def rollups_refresh_changed(*, account: SellerAccount) -> int:
    """Inside the transaction that changed the data (an import, a case that
    removed a feedback): recompute the keys of every row it wrote."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT transaction_timestamp()")
        began = cursor.fetchone()[0]
    return rollups_refresh(account=account, since=began - CLOCK_MARGIN)
