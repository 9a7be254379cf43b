"""Which campaign asks which order, and when: set-based SQL.

One SQL expression (eligibility_sql()) pairs orders with campaigns and gives
each pair either a send time or the reason it is excluded. Everything that
decides "may this order be asked?" lives there, once:

- planning (requests_plan) keeps the pairs without a reason, lets the
  lowest priority number win each order, and upserts at most one
  FeedbackRequest per order — one INSERT … ON CONFLICT, no loop per order;
- the campaign page (messaging.preview.campaign_preview) groups the same
  pairs by reason;
- the dispatcher (messaging.dispatch) evaluates it again for the rows it is
  about to send (conditions are re-checked at send time, not only when planned).

The rules (which date counts, Amazon's 5–30-day window, what is negative)
come from feedbackhub.rules. Times follow messaging.windows: calendar days are counted in the
marketplace's time zone and local times are turned back into instants with
PostgreSQL's AT TIME ZONE, so a daylight-saving change never moves a day.
tests/messaging/test_planning.py holds the SQL to the Python functions.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from feedbackhub.rules import (
    DELIVERY_TRIGGER_DATES,
    ESTIMATED_DELIVERY_DATES,
    SHIPMENT_TRIGGER_DATES,
    coalesce_sql,
    delivery_estimated_sql,
    low_rating_sql,
    negative_sql,
    request_window_closes_sql,
    request_window_opens_sql,
)
from feedbackhub.statistics import analyze_when_grown
from feedbackhub.tenancy.models import SellerAccount

from .facts import order_feedback_sql
from .models import Campaign, CampaignState, FeedbackRequest, SendingSettings

# Orders older than this cannot be inside any window (delivery + 30 days).
PLANNING_HORIZON = timedelta(days=90)


class ExclusionReason(models.TextChoices):
    """Why an order is not (or no longer) asked; the order of the CASE in
    _reason_sql() is the order of precedence."""

    CANCELED = "canceled", "Order canceled"
    NOT_SHIPPED = "not_shipped", "Not shipped yet"
    FULFILLMENT = "fulfillment", "FBA/FBM condition not met"
    MIN_TOTAL = "min_total", "Order total below the campaign's minimum"
    SKU_NOT_INCLUDED = "sku_not_included", "No SKU in the include list"
    SKU_EXCLUDED = "sku_excluded", "SKU on the exclude list"
    ASIN_NOT_INCLUDED = "asin_not_included", "No ASIN in the include list"
    ASIN_EXCLUDED = "asin_excluded", "ASIN on the exclude list"
    REPEAT_BUYER = "repeat_buyer", "Repeat buyer (campaign is for first-time buyers)"
    FIRST_TIME_BUYER = "first_buyer", "First-time buyer (campaign is for repeat buyers)"
    RETURNED = "returned", "Refunded or returned"
    HAS_FEEDBACK = "has_feedback", "Buyer already left feedback"
    NEGATIVE_FEEDBACK = "negative_feedback", "Negative feedback on the order"
    OPEN_CLAIM = "open_claim", "Open A-to-z claim or chargeback"
    OPEN_MESSAGE = "open_message", "Unanswered buyer message"
    LATE_SHIPPED = "late_shipped", "Shipped late"
    DNS_ORDER = "dns_order", "Order on the do-not-solicit list"
    DNS_BUYER = "dns_buyer", "Buyer on the do-not-solicit list or opted out"
    BLACKLISTED = "blacklisted", "Buyer left 3 stars or fewer before (auto-blacklist)"
    NO_DELIVERY_DATE = "no_delivery", "No delivery date known yet"
    WINDOW_CLOSED = "window_closed", "Past the latest allowed day"
    FBA_NO_ADDRESS = "fba_no_address", "FBA order: Amazon gives no buyer address — use Request a Review"
    NO_ADDRESS = "no_address", "No buyer address (purged or not synced)"
    NO_TEMPLATE = "no_template", "Campaign has no template"
    CAMPAIGN_CHANGED = "campaign_changed", "The campaign no longer covers the order's marketplace"


def reason_label(code: str) -> str:
    try:
        return ExclusionReason(code).label
    except ValueError:
        return code


_ITEM_MATCH = """EXISTS (SELECT 1 FROM orders_orderitem i WHERE i.order_id = o.id
                         AND upper(i.{column}) = ANY(SELECT upper(x) FROM unnest(c.{field}) x))"""


def eligibility_sql(
    *, for_order_ids: bool = False, order_table: str | None = None, campaigns_param: str = "campaign_ids"
) -> str:
    """Pairs of (order, campaign) with the reason each is excluded, or NULL
    and the send time. Parameters: account, now, since, blacklist,
    buyer_history, the campaign ids under `campaigns_param`, and order_ids
    when for_order_ids narrows the orders (the dispatcher's re-check of a
    few rows). order_table narrows them to the order_id column of a table
    instead (planning a subset: thousands of ids, joined rather than
    compared one by one against an array)."""
    campaigns = f"%({campaigns_param})s"
    order_filter = ""
    if for_order_ids:
        order_filter = "AND o.id = ANY(%(order_ids)s)"
    elif order_table:
        order_filter = f"AND o.id IN (SELECT order_id FROM {order_table})"
    feedback = order_feedback_sql()
    return f"""
-- MATERIALIZED here and below: once per statement, not once per order (an inlined CTE
-- would recompute next_send_day and the variant windows for every pair).
WITH camp AS MATERIALIZED (
    SELECT c.*, cm.marketplace_id,
           -- For each ISO weekday 1..7: days until the next allowed send day (1..7).
           ARRAY(SELECT (SELECT min(k) FROM generate_series(1, 7) k
                          WHERE ((w + k - 1) %% 7) + 1 = ANY(c.send_weekdays))
                   FROM generate_series(1, 7) w ORDER BY w) AS next_send_day
      FROM messaging_campaign c
      JOIN messaging_campaign_marketplaces cm ON cm.campaign_id = c.id
     WHERE c.account_id = %(account)s AND c.id = ANY({campaigns})
),
-- Buyers' first purchase (repeat vs first-time) and buyers who rated 3 stars or
-- fewer (auto-blacklist): computed once per statement, and only when a campaign
-- or the settings need them (a false parameter empties the CTE at plan time).
buyer_first AS (
    SELECT buyer_key, min(purchase_date) AS first_purchase
      FROM orders_order
     WHERE account_id = %(account)s AND buyer_key <> '' AND %(buyer_history)s
     GROUP BY buyer_key
),
unhappy_buyer AS (
    SELECT DISTINCT o3.buyer_key
      FROM {feedback} f3 JOIN orders_order o3 ON o3.id = f3.order_id
     WHERE f3.account_id = %(account)s AND {low_rating_sql("f3.rating")} AND o3.buyer_key <> '' AND %(blacklist)s
),
variant AS MATERIALIZED (
    SELECT id, campaign_id,
           sum(weight) OVER w - weight AS lo,
           sum(weight) OVER w AS hi,
           sum(weight) OVER (PARTITION BY campaign_id) AS total
      FROM messaging_campaignvariant
     WHERE campaign_id = ANY({campaigns})
    WINDOW w AS (PARTITION BY campaign_id ORDER BY label, id)
),
pair AS (
    SELECT o.id AS order_id, o.amazon_order_id, c.id AS campaign_id, c.channel, c.priority,
           c.send_weekdays, c.send_start_hour, c.send_end_hour, c.next_send_day, m.time_zone,
           {_reason_sql(feedback)} AS reason,
           GREATEST(
               CASE c.trigger_event
                   WHEN 'ordered' THEN o.purchase_date
                   -- No date known (an All Orders upload): the best one known
                   -- (Request a Review only; email needs a delivery date).
                   WHEN 'shipped' THEN {coalesce_sql(SHIPMENT_TRIGGER_DATES + ("purchase_date",))}
                   ELSE {coalesce_sql(DELIVERY_TRIGGER_DATES + ESTIMATED_DELIVERY_DATES)}
               END + c.trigger_days * interval '1 day',
               -- Amazon's window opens at the 5th local day after the earliest
               -- delivery (after the ship or order date when none is known).
               CASE WHEN c.channel = 'amazon' THEN {request_window_opens_sql()} END,
               %(now)s
           ) AS earliest_send,
           -- Never beyond 30 days after delivery (Amazon's window closes at the
           -- end of the 30th local day after the latest delivery date), nor past
           -- the campaign's own latest day.
           {request_window_closes_sql(latest_day_sql="c.latest_day")} AS closes_at,
           {delivery_estimated_sql()} AS estimated
      FROM orders_order o
      JOIN camp c ON c.marketplace_id = o.marketplace_id
      JOIN tenancy_marketplace m ON m.id = o.marketplace_id
      LEFT JOIN buyer_first bf ON bf.buyer_key = o.buyer_key AND o.buyer_key <> ''
     WHERE o.account_id = %(account)s AND o.purchase_date >= %(since)s {order_filter}
    -- OFFSET 0: a fence against pulling the subquery up, so that each expression above is
    -- evaluated once per pair (pulled up, the reason CASE and earliest_send were copied into
    -- every expression that uses them: a dozen time-zone conversions per pair).
    OFFSET 0
),
-- The first moment at or after earliest_send inside the send days and hours,
-- in closed form: today if its weekday is allowed and the hours have not
-- ended, else the start hour of the next allowed weekday (next_send_day).
slotted AS (
    SELECT l.*,
           (CASE WHEN extract(isodow FROM l.day)::int = ANY(l.send_weekdays)
                      AND l.moment < l.day + make_interval(hours => l.send_end_hour)
                 THEN GREATEST(l.day + make_interval(hours => l.send_start_hour), l.moment)
                 ELSE (l.day + l.next_send_day[extract(isodow FROM l.day)::int])
                      + make_interval(hours => l.send_start_hour)
            END) AT TIME ZONE l.time_zone AS slot
      FROM (SELECT p.*,
                   p.earliest_send AT TIME ZONE p.time_zone AS moment,
                   (p.earliest_send AT TIME ZONE p.time_zone)::date AS day
              FROM pair p OFFSET 0) l
    OFFSET 0
)
SELECT s.order_id, s.campaign_id, s.channel, s.priority,
       COALESCE(s.reason,
                CASE WHEN s.slot IS NULL OR s.slot >= s.closes_at THEN 'window_closed' END) AS reason,
       CASE WHEN s.reason IS NULL AND s.slot < s.closes_at THEN s.slot END AS scheduled_for,
       s.estimated,
       v.id AS variant_id
  FROM slotted s
  -- The variant whose weight range holds the pair's hash (the ranges are disjoint: one at most).
  LEFT JOIN variant v
    ON v.campaign_id = s.campaign_id
   AND (hashtextextended(s.amazon_order_id, s.campaign_id) & 9223372036854775807) %% v.total >= v.lo
   AND (hashtextextended(s.amazon_order_id, s.campaign_id) & 9223372036854775807) %% v.total < v.hi
"""


def _reason_sql(feedback: str) -> str:
    """The first exclusion that applies to a pair (NULL: none). The per-order
    look-ups are uncorrelated IN (…) lists: PostgreSQL hashes each once per
    statement instead of probing an index for every (order, campaign)."""
    return f"""CASE
    WHEN o.status = 'Canceled' THEN 'canceled'
    WHEN o.status <> 'Shipped' THEN 'not_shipped'
    WHEN c.fulfillment <> '' AND o.fulfillment_channel <> c.fulfillment THEN 'fulfillment'
    WHEN c.min_order_total IS NOT NULL AND COALESCE(o.order_total, 0) < c.min_order_total THEN 'min_total'
    WHEN cardinality(c.sku_include) > 0
         AND NOT {_ITEM_MATCH.format(column="sku", field="sku_include")} THEN 'sku_not_included'
    WHEN cardinality(c.sku_exclude) > 0 AND {_ITEM_MATCH.format(column="sku", field="sku_exclude")} THEN 'sku_excluded'
    WHEN cardinality(c.asin_include) > 0
         AND NOT {_ITEM_MATCH.format(column="asin", field="asin_include")} THEN 'asin_not_included'
    WHEN cardinality(c.asin_exclude) > 0
         AND {_ITEM_MATCH.format(column="asin", field="asin_exclude")} THEN 'asin_excluded'
    WHEN c.buyers <> '' AND (c.buyers = 'repeat') <> COALESCE(bf.first_purchase < o.purchase_date, false)
         THEN CASE c.buyers WHEN 'first' THEN 'repeat_buyer' ELSE 'first_buyer' END
    WHEN c.exclude_returned AND (o.returned_at IS NOT NULL OR o.refunded_at IS NOT NULL) THEN 'returned'
    WHEN c.exclude_negative_feedback AND o.id IN (
             SELECT order_id FROM {feedback} f
              WHERE account_id = %(account)s AND {negative_sql()}) THEN 'negative_feedback'
    WHEN o.id IN (SELECT order_id FROM {feedback} f WHERE account_id = %(account)s) THEN 'has_feedback'
    WHEN c.exclude_open_claim AND o.id IN (
             SELECT order_id FROM orders_claim
              WHERE account_id = %(account)s AND order_id IS NOT NULL AND status = 'open') THEN 'open_claim'
    WHEN c.exclude_open_message AND o.id IN (
             SELECT order_id FROM messaging_buyermessage
              WHERE account_id = %(account)s AND order_id IS NOT NULL AND direction = 'in' AND answered_at IS NULL
                -- the mailbox's "hold requests while a buyer message is unanswered" (no mailbox: on)
                AND NOT EXISTS (SELECT 1 FROM messaging_mailbox
                                 WHERE account_id = %(account)s AND NOT hold_requests_while_unanswered))
         THEN 'open_message'
    WHEN c.exclude_late_shipped AND o.shipped_at > o.latest_ship_date THEN 'late_shipped'
    WHEN o.id IN (SELECT order_id FROM messaging_donotsolicit WHERE account_id = %(account)s AND order_id IS NOT NULL)
         THEN 'dns_order'
    WHEN o.buyer_key IN (
             SELECT buyer_key FROM messaging_donotsolicit WHERE account_id = %(account)s AND buyer_key <> '')
         THEN 'dns_buyer'
    WHEN o.buyer_key IN (SELECT buyer_key FROM unhappy_buyer) THEN 'blacklisted'
    WHEN c.channel = 'email' AND {delivery_estimated_sql()} THEN 'no_delivery'
    WHEN c.channel = 'email' AND o.buyer_email = '' AND o.fulfillment_channel = 'AFN' THEN 'fba_no_address'
    WHEN c.channel = 'email' AND o.buyer_email = '' THEN 'no_address'
    WHEN c.channel = 'email' AND NOT EXISTS (
             SELECT 1 FROM messaging_campaignvariant cv WHERE cv.campaign_id = c.id) THEN 'no_template'
END"""


def eligibility_params(account, *, campaign_ids, now):
    """The parameters eligibility_sql() needs for the account's campaigns at `now`."""
    blacklist = SendingSettings.objects.filter(account=account, auto_blacklist_low_ratings=True).exists()
    buyer_history = Campaign.objects.filter(pk__in=list(campaign_ids)).exclude(buyers="").exists()
    return {
        "account": account.pk,
        "buyer_history": buyer_history,
        "campaign_ids": list(campaign_ids),
        "now": now,
        "since": now - PLANNING_HORIZON,
        "blacklist": blacklist,
    }


@dataclass
class PlanResult:
    scheduled: int = 0  # rows created or moved to another campaign/time
    removed: int = 0  # scheduled rows whose order no longer qualifies
    seconds: float = 0.0


def live_campaign_ids(*, account: SellerAccount) -> list[int]:
    return list(Campaign.objects.filter(account=account, state=CampaignState.LIVE).values_list("id", flat=True))


@transaction.atomic
def requests_plan(
    *, account: SellerAccount, now: datetime | None = None, order_ids: Iterable[int] | None = None
) -> PlanResult:
    """Create or re-plan the account's FeedbackRequest rows from its live
    campaigns (only those of order_ids when given). Only rows still
    `scheduled` change: claimed, sent, skipped, failed and uncertain rows
    are final for planning. Runs inside the caller's transaction when there
    is one (an import's)."""
    if order_ids is None:
        return _plan(account=account, now=now, order_table=None)
    with connection.cursor() as cursor:
        _order_table_create(cursor)
        cursor.execute(f"INSERT INTO {PLAN_ORDERS} SELECT DISTINCT unnest(%s::bigint[])", [list(order_ids)])
        cursor.execute(f"ANALYZE {PLAN_ORDERS}")
    return _plan(account=account, now=now, order_table=PLAN_ORDERS)


# The orders a partial plan covers: a temporary table the plan joins.
PLAN_ORDERS = "plan_order"


def _order_table_create(cursor) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {PLAN_ORDERS}")
    cursor.execute(f"CREATE TEMP TABLE {PLAN_ORDERS} (order_id bigint PRIMARY KEY) ON COMMIT DROP")


def _plan(*, account: SellerAccount, now: datetime | None, order_table: str | None) -> PlanResult:
    started = timezone.now()
    now = now or started
    params = eligibility_params(account, campaign_ids=live_campaign_ids(account=account), now=now)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS planned_request")
        cursor.execute(
            "CREATE TEMP TABLE planned_request ON COMMIT DROP AS "
            "SELECT DISTINCT ON (order_id) order_id, campaign_id, variant_id, channel, priority, scheduled_for "
            f"FROM ({eligibility_sql(order_table=order_table)}) e WHERE reason IS NULL "
            "ORDER BY order_id, priority, campaign_id",
            params,
        )
        if order_table:
            cursor.execute("ANALYZE planned_request")  # a few rows: the upsert and removal then probe indexes
        # Removal before the upsert: it touches only orders the plan left out and the upsert only
        # orders it planned, so the result is the same either way, and removal then reads the
        # rows as they were (none at an account's first plan), not a million just written.
        if order_table:
            # The orders no longer planned, then their rows by the unique index on order_id: a join
            # would read the whole account's requests.
            cursor.execute(
                f"SELECT order_id FROM {order_table} t "
                "WHERE NOT EXISTS (SELECT 1 FROM planned_request p WHERE p.order_id = t.order_id)"
            )
            params["unplanned"] = [order_id for (order_id,) in cursor.fetchall()]
            removal = """
            DELETE FROM messaging_feedbackrequest fr
             WHERE fr.order_id = ANY(%(unplanned)s) AND fr.account_id = %(account)s AND fr.status = 'scheduled'
            """
        else:
            removal = """
            DELETE FROM messaging_feedbackrequest fr
             WHERE fr.account_id = %(account)s AND fr.status = 'scheduled'
               AND NOT EXISTS (SELECT 1 FROM planned_request p WHERE p.order_id = fr.order_id)
            """
        cursor.execute(removal, params)
        removed = cursor.rowcount
        if order_table is None and _first_plan(cursor, params):
            scheduled = _first_plan_insert(cursor, params)
        else:
            cursor.execute(_PLANNED_UPSERT_SQL, params)
            scheduled = cursor.rowcount
        # The dispatcher claims due rows in the order of the due index; planned from statistics
        # that put a first plan's 20,000 rows at one, it sorted every due row of the account for
        # each batch of 100 (bench/dispatch.py).
        analyze_when_grown(
            cursor,
            added=scheduled,
            believed_sql="SELECT 1 FROM messaging_feedbackrequest WHERE account_id = %s",
            params=[account.pk],
            tables=("messaging_feedbackrequest",),
        )
        cursor.execute("DROP TABLE planned_request")
        if order_table:
            cursor.execute(f"DROP TABLE {order_table}")
    return PlanResult(scheduled=scheduled, removed=removed, seconds=(timezone.now() - started).total_seconds())


_PLANNED_COLUMNS = """(account_id, order_id, campaign_id, variant_id, channel, priority, status, reason,
       attempts, scheduled_for, provider_id, created_at, updated_at)"""
_PLANNED_ROWS = """SELECT %(account)s, order_id, campaign_id, variant_id, channel, priority, 'scheduled', '',
       0, scheduled_for, '', %(now)s, %(now)s
  FROM planned_request"""
_PLANNED_UPSERT_SQL = f"""
INSERT INTO messaging_feedbackrequest AS fr {_PLANNED_COLUMNS}
{_PLANNED_ROWS}
ON CONFLICT (order_id) DO UPDATE
   SET campaign_id = EXCLUDED.campaign_id, variant_id = EXCLUDED.variant_id,
       channel = EXCLUDED.channel, priority = EXCLUDED.priority,
       -- a row already due for the same campaign keeps its place in the queue,
       -- and one the dispatcher put off (a reason: e.g. Amazon does not offer
       -- Request a Review yet) is not asked again before it said
       scheduled_for = CASE WHEN fr.campaign_id = EXCLUDED.campaign_id AND fr.scheduled_for <= %(now)s
                            THEN fr.scheduled_for
                            WHEN fr.campaign_id = EXCLUDED.campaign_id AND fr.reason <> ''
                            THEN GREATEST(fr.scheduled_for, EXCLUDED.scheduled_for)
                            ELSE EXCLUDED.scheduled_for END,
       updated_at = EXCLUDED.updated_at
 WHERE fr.status = 'scheduled'
   AND (fr.campaign_id IS DISTINCT FROM EXCLUDED.campaign_id
        OR fr.variant_id IS DISTINCT FROM EXCLUDED.variant_id
        OR (fr.scheduled_for > %(now)s AND fr.scheduled_for <> EXCLUDED.scheduled_for))
"""


def _first_plan(cursor, params) -> bool:
    """The account has no request yet (its first plan: a new seller's first import)."""
    cursor.execute("SELECT NOT EXISTS (SELECT 1 FROM messaging_feedbackrequest WHERE account_id = %(account)s)", params)
    return cursor.fetchone()[0]


def _first_plan_insert(cursor, params) -> int:
    """A first plan's rows with a plain INSERT: none can conflict unless another
    plan of the account (a campaign saved during the import) inserts the same
    order's request first; the unique order_id index then refuses this one,
    the savepoint takes the insert back and the upsert runs instead, as it
    would have. The plain insert skips ON CONFLICT's speculative insertion:
    a first plan of 1,000,000 orders, its commit included, 35.6 s -> 33.1 s
    (the insert alone 12.4 s -> 9.7 s; bench/dispatch.py --planning-only)."""
    try:
        with transaction.atomic():
            cursor.execute(f"INSERT INTO messaging_feedbackrequest {_PLANNED_COLUMNS} {_PLANNED_ROWS}", params)
            return cursor.rowcount
    except IntegrityError:
        cursor.execute(_PLANNED_UPSERT_SQL, params)
        return cursor.rowcount


# Rows written by the transaction are found by updated_at from its start;
# the margin covers Django's auto_now (the app's clock) against the database's.
CHANGED_CLOCK_MARGIN = timedelta(minutes=5)
# Beyond this many changed orders one pass over the account costs less than
# carrying the ids through every statement.
CHANGED_ORDERS_FULL_PLAN = 100_000

_CHANGED_ORDERS_SQL = """
SELECT id FROM orders_order WHERE account_id = %(account)s AND updated_at >= %(changed_since)s
UNION
SELECT order_id FROM feedback_feedback
 WHERE account_id = %(account)s AND updated_at >= %(changed_since)s AND order_id IS NOT NULL
UNION
SELECT order_id FROM orders_claim
 WHERE account_id = %(account)s AND updated_at >= %(changed_since)s AND order_id IS NOT NULL
"""

# A buyer's new order or new low rating changes whether the buyer's other
# orders count as repeat purchases or are blacklisted.
_SAME_BUYER_SQL = f"""
WITH changed AS ({_CHANGED_ORDERS_SQL})
SELECT id FROM changed
UNION
SELECT o.id FROM orders_order o
 WHERE o.account_id = %(account)s AND o.purchase_date >= %(since)s
   AND o.buyer_key IN (SELECT buyer_key FROM orders_order
                        WHERE id IN (SELECT id FROM changed) AND buyer_key <> '')
"""


@transaction.atomic
def requests_plan_changed(*, account: SellerAccount, now: datetime | None = None) -> PlanResult:
    """After an import or sync, inside its transaction: plan only the orders
    it created or changed and those whose facts it changed (feedback,
    claims), found by updated_at through the BRIN indexes; with the same
    buyer's other orders when a campaign or the auto-blacklist looks at the
    buyer's history. The hourly messaging.plan.all and every campaign or
    settings change plan the whole account (time passing, orders leaving
    the horizon)."""
    now = now or timezone.now()
    if not Campaign.objects.filter(account=account, state=CampaignState.LIVE).exists():
        # Nothing to plan: the full plan is one cheap statement that removes what is left.
        return _plan(account=account, now=now, order_table=None)
    params = eligibility_params(account, campaign_ids=[], now=now)
    params["buyer_history"] = (
        Campaign.objects.filter(account=account, state=CampaignState.LIVE).exclude(buyers="").exists()
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT transaction_timestamp()")
        params["changed_since"] = cursor.fetchone()[0] - CHANGED_CLOCK_MARGIN
        _order_table_create(cursor)
        by_buyer = params["buyer_history"] or params["blacklist"]
        cursor.execute(f"INSERT INTO {PLAN_ORDERS} {_SAME_BUYER_SQL if by_buyer else _CHANGED_ORDERS_SQL}", params)
        if cursor.rowcount > CHANGED_ORDERS_FULL_PLAN:
            cursor.execute(f"DROP TABLE {PLAN_ORDERS}")
            return _plan(account=account, now=now, order_table=None)
        cursor.execute(f"ANALYZE {PLAN_ORDERS}")
    return _plan(account=account, now=now, order_table=PLAN_ORDERS)


def send_time_check(*, rows: Sequence[FeedbackRequest], now: datetime) -> dict[int, tuple[str | None, datetime | None]]:
    """For rows the dispatcher holds: {request id: (reason or None, slot)}.
    The reason is the first exclusion that applies now; slot is the next
    moment inside the send hours (None: the window has closed)."""
    if not rows:
        return {}
    account = rows[0].account
    params = eligibility_params(account, campaign_ids={row.campaign_id for row in rows}, now=now)
    params["since"] = now - PLANNING_HORIZON * 2  # a row already planned is judged by its window, not its age
    params["order_ids"] = [row.order_id for row in rows]
    params["pair_campaigns"] = [row.campaign_id for row in rows]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT e.order_id, e.reason, e.scheduled_for
              FROM ({eligibility_sql(for_order_ids=True)}) e
              JOIN unnest(%(order_ids)s, %(pair_campaigns)s) AS held(order_id, campaign_id)
                ON held.order_id = e.order_id AND held.campaign_id = e.campaign_id
            """,
            params,
        )
        found = {order_id: (reason, when) for order_id, reason, when in cursor.fetchall()}
    result = {}
    for row in rows:
        # A pair that no longer exists: the campaign dropped the order's marketplace.
        reason, when = found.get(row.order_id, ("campaign_changed", None))
        result[row.pk] = (reason, when)
    return result
