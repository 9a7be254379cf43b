"""Amazon's rules and the product's thresholds: the one place each is written.

Every app imports them from here (feedbackhub is the lowest layer, so every
app may). Where a rule is also needed inside SQL, its SQL form stands beside
the Python one and is built from the same constants; tests hold the two to
each other (tests/test_rules.py, tests/messaging/test_planning.py).

SQL forms are fragments over an orders_order row whose alias the caller
names (``o`` by default) and, for calendar days, a marketplace's time-zone
column (``m.time_zone`` by default). They contain no user input.
"""

import zoneinfo
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta

# --- Ratings (DOMAIN: 4–5 positive, 3 neutral, 1–2 negative) -----------------

POSITIVE_MIN_RATING = 4
NEUTRAL_RATING = 3
NEGATIVE_MAX_RATING = 2
# "Buyers who left 3 stars or fewer": the auto-blacklist (and, when the
# account asks for it, the resolution queue) treats these as unhappy.
LOW_RATING_MAX = 3


def sentiment(rating: int) -> str:
    """ "positive", "neutral" or "negative" for a 1–5 star rating."""
    if rating >= POSITIVE_MIN_RATING:
        return "positive"
    return "neutral" if rating == NEUTRAL_RATING else "negative"


def is_negative(rating: int) -> bool:
    return rating <= NEGATIVE_MAX_RATING


def negative_sql(column: str = "rating") -> str:
    return f"{column} <= {NEGATIVE_MAX_RATING}"


def low_rating_sql(column: str = "rating") -> str:
    return f"{column} <= {LOW_RATING_MAX}"


def sentiment_lookups(field: str = "rating") -> dict[str, dict]:
    """ORM lookups per sentiment, e.g. Q(**sentiment_lookups()["negative"])."""
    return {
        "positive": {f"{field}__gte": POSITIVE_MIN_RATING},
        "neutral": {field: NEUTRAL_RATING},
        "negative": {f"{field}__lte": NEGATIVE_MAX_RATING},
    }


# --- Windows, in days ---------------------------------------------------------

# A buyer can leave feedback for 90 days from the order date; feedback counts
# toward a request only inside that window.
FEEDBACK_WINDOW_DAYS = 90
# A buyer can remove their own feedback within 60 days of leaving it.
BUYER_REMOVAL_WINDOW_DAYS = 60
# Amazon "Request a Review": from 5 days after the earliest delivery date to
# 30 days after the latest one. Custom emails keep the same outer limit.
REQUEST_WINDOW_OPENS_DAYS = 5
REQUEST_WINDOW_CLOSES_DAYS = 30
# Buyer personal data is kept no longer than 30 days after delivery.
PII_RETENTION_DAYS = 30
# Order Defect Rate: orders of a 60-day window by order date. Amazon's window
# ends about two weeks before today (an estimate of its offset, not a rule
# Amazon publishes).
ODR_WINDOW_DAYS = 60
AMAZON_ODR_LAG_DAYS = 14
# Resolution cases: escalated (the owner is told) with 10 or fewer days left
# in the removal window, shown in red with 7 or fewer.
CASE_ESCALATION_DAYS_LEFT = 10
CASE_URGENT_DAYS_LEFT = 7
# A removal request filed with Amazon that has no answer after 3 days is
# followed up.
AMAZON_REMOVAL_FOLLOW_UP_DAYS = 3
# Amazon's metric: every buyer message answered within 24 hours.
BUYER_REPLY_HOURS = 24
# Request a Review for an order whose delivery dates are unknown (an All Orders
# upload carries none): planned from the best date known (ESTIMATED_DELIVERY_DATES),
# and Amazon, asked before each send (getSolicitationActionsForOrder), is the
# authority on its window. It is given up once even the latest plausible
# delivery — the order date plus the longest delivery estimate Amazon gives in
# any marketplace (international standard shipping runs to about four weeks) —
# is more than 30 days past.
LONGEST_DELIVERY_DAYS = 30
# When only the ship date is known, a message's "delivery date" is the ship
# date plus a typical transit time (it is shown to the buyer, never used to
# decide whether a request may be sent).
TYPICAL_TRANSIT_DAYS = 3


# Dates an import accepts (orders, feedback, claims, account health, the
# SP-API sync): from 2000-01-01 (before any Amazon seller report) to one year
# after now (delivery estimates lie ahead). Anything outside is a typo or an
# attack: year 9999 with a negative offset is year 10000 in UTC, which Python
# cannot hold, and one page showing such a row answers 500 for the account.
EARLIEST_IMPORTED_DATE = date(2000, 1, 1)
LATEST_IMPORTED_DAYS_AHEAD = 365


def imported_date_range(now: datetime) -> tuple[datetime, datetime]:
    """The first and last moment an imported date may name (inclusive)."""
    earliest = datetime.combine(EARLIEST_IMPORTED_DATE, time(0), tzinfo=UTC)
    return earliest, now + timedelta(days=LATEST_IMPORTED_DAYS_AHEAD)


def imported_date_ok(moment: datetime | date, now: datetime) -> bool:
    """Whether an imported date or date-time lies in imported_date_range."""
    earliest, latest = imported_date_range(now)
    if not isinstance(moment, datetime):
        return earliest.date() <= moment <= latest.date()
    return earliest <= moment <= latest


def imported_date_ok_sql(column_sql: str, *, now_sql: str = "%(now)s") -> str:
    """SQL form of imported_date_ok for a timestamptz expression."""
    return (
        f"({column_sql} >= TIMESTAMPTZ '{EARLIEST_IMPORTED_DATE.isoformat()} 00:00:00+00' "
        f"AND {column_sql} <= {now_sql}::timestamptz + interval '{LATEST_IMPORTED_DAYS_AHEAD} days')"
    )


IMPORTED_DATE_REASON = (
    f"outside the dates an import accepts ({EARLIEST_IMPORTED_DATE.isoformat()} "
    f"to {LATEST_IMPORTED_DAYS_AHEAD} days from now)"
)


def buyer_removal_deadline(feedback_date: date) -> date:
    """The last day the buyer can still remove a feedback left on feedback_date."""
    return feedback_date + timedelta(days=BUYER_REMOVAL_WINDOW_DAYS)


# --- Thresholds ---------------------------------------------------------------

ODR_TARGET = 0.01  # above 1 % Amazon may deactivate the account
ODR_WARNING = 0.0075
NEGATIVE_RATE_GOOD = 0.02  # 0–2 % is good
NEGATIVE_RATE_REVIEW = 0.05  # above 5 % Amazon asks the seller to review its practices
# The most feedback requests an account sends per day, unless the seller sets
# its own cap: 5 × the 7-day daily order average + 600 (common practice among
# feedback tools; Amazon sets no number).
DAILY_CAP_FACTOR = 5
DAILY_CAP_BASE = 600
DAILY_CAP_DAYS = 7


def daily_cap_default(orders_last_days: int) -> int:
    """The default daily cap from the orders of the last DAILY_CAP_DAYS days."""
    return DAILY_CAP_FACTOR * orders_last_days // DAILY_CAP_DAYS + DAILY_CAP_BASE


# --- Which date counts, for each purpose --------------------------------------
# Each purpose is an ordered list of Order columns: the first one known wins.

# Amazon's window opens counted from the EARLIEST delivery date…
REQUEST_WINDOW_START_DATES = ("earliest_delivery_date", "delivered_at", "latest_delivery_date")
# …and closes counted from the LATEST one.
REQUEST_WINDOW_END_DATES = ("latest_delivery_date", "delivered_at", "earliest_delivery_date")
# …and when no delivery date is known (Request a Review only), the ship date,
# else the order date: a delivery is never earlier than either.
ESTIMATED_DELIVERY_DATES = ("shipped_at", "purchase_date")
# A campaign's "N days after delivery" trigger: the real delivery when known.
DELIVERY_TRIGGER_DATES = ("delivered_at", "latest_delivery_date", "earliest_delivery_date")
# A campaign's "N days after shipment" trigger.
SHIPMENT_TRIGGER_DATES = ("shipped_at", "latest_ship_date")
# Buyer data is purged 30 days after delivery, or after the best earlier date
# known when delivery is unknown.
PII_RETENTION_DATES = ("delivered_at", "latest_delivery_date", "latest_ship_date", "shipped_at", "purchase_date")


def first_known(order, columns: Sequence[str]) -> datetime | None:
    """The first of `columns` that the order has a value for."""
    for column in columns:
        value = getattr(order, column)
        if value is not None:
            return value
    return None


def coalesce_sql(columns: Sequence[str], *, alias: str = "o", column_sql: Callable[[str], str] | None = None) -> str:
    """SQL for first_known(): COALESCE over the columns, in the same order.
    column_sql maps a column name to its SQL when the row is not a plain
    orders_order (e.g. a staging table with text columns)."""
    column_sql = column_sql or (lambda name: f"{alias}.{name}")
    return f"COALESCE({', '.join(column_sql(column) for column in columns)})"


def request_window_start(order) -> datetime | None:
    return first_known(order, REQUEST_WINDOW_START_DATES)


def request_window_end(order) -> datetime | None:
    return first_known(order, REQUEST_WINDOW_END_DATES)


def pii_retention_end(order) -> datetime:
    return first_known(order, PII_RETENTION_DATES) + timedelta(days=PII_RETENTION_DAYS)


def pii_retention_end_sql(*, alias: str = "o", column_sql: Callable[[str], str] | None = None) -> str:
    known = coalesce_sql(PII_RETENTION_DATES, alias=alias, column_sql=column_sql)
    return f"{known} + interval '{PII_RETENTION_DAYS} days'"


def message_delivery_date(order) -> datetime | None:
    """The delivery date a message names: the real or latest estimated one,
    else the ship date plus a typical transit time."""
    delivered = order.delivered_at or order.latest_delivery_date
    if delivered is None and order.shipped_at is not None:
        delivered = order.shipped_at + timedelta(days=TYPICAL_TRANSIT_DAYS)
    return delivered


# --- Calendar days in a marketplace's time zone -------------------------------


def zone(time_zone: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(time_zone)


def local_day(moment: datetime, time_zone: str) -> date:
    """The calendar day a moment falls on in the time zone."""
    return moment.astimezone(zone(time_zone)).date()


def local_midnight(day: date, time_zone: str) -> datetime:
    """The instant a local calendar day starts (DST-safe)."""
    return datetime.combine(day, time.min, tzinfo=zone(time_zone))


def local_midnight_sql(moment_sql: str, days_sql: str, *, zone_sql: str = "m.time_zone") -> str:
    """SQL for local_midnight(local_day(moment) + days): the instant the local
    day `days` after the moment's local day starts."""
    return f"((({moment_sql}) AT TIME ZONE {zone_sql})::date + ({days_sql}))::timestamp AT TIME ZONE {zone_sql}"


def request_window(*, earliest_delivery: datetime, latest_delivery: datetime | None, time_zone: str):
    """Amazon's window in the marketplace's calendar: (opens, closes). It opens
    at the start of the 5th local day after the earliest delivery date and
    closes at the end of the 30th local day after the latest delivery date."""
    latest_delivery = latest_delivery or earliest_delivery
    opens_day = local_day(earliest_delivery, time_zone) + timedelta(days=REQUEST_WINDOW_OPENS_DAYS)
    closes_day = local_day(latest_delivery, time_zone) + timedelta(days=REQUEST_WINDOW_CLOSES_DAYS + 1)
    return local_midnight(opens_day, time_zone), local_midnight(closes_day, time_zone)


def delivery_estimated(order) -> bool:
    """True when no delivery date of the order is known: its Request a Review
    is planned on an estimate and Amazon decides when the window opens."""
    return request_window_start(order) is None


def latest_plausible_delivery(order) -> datetime:
    return order.purchase_date + timedelta(days=LONGEST_DELIVERY_DAYS)


def request_window_estimate(order, *, time_zone: str):
    """The widest window Amazon could have for an order with no delivery date
    known: (opens, closes) — from 5 days after the ship date (else the order
    date) to 30 days after the latest plausible delivery."""
    return request_window(
        earliest_delivery=first_known(order, ESTIMATED_DELIVERY_DATES),
        latest_delivery=latest_plausible_delivery(order),
        time_zone=time_zone,
    )


def delivery_estimated_sql(*, alias: str = "o") -> str:
    return f"{coalesce_sql(REQUEST_WINDOW_START_DATES, alias=alias)} IS NULL"


def request_window_opens_sql(*, alias: str = "o", zone_sql: str = "m.time_zone") -> str:
    """SQL for request_window()'s opening instant over an orders_order row
    (from the estimate when no delivery date is known)."""
    return local_midnight_sql(
        coalesce_sql(REQUEST_WINDOW_START_DATES + ESTIMATED_DELIVERY_DATES, alias=alias),
        str(REQUEST_WINDOW_OPENS_DAYS),
        zone_sql=zone_sql,
    )


def request_window_closes_sql(*, latest_day_sql: str, alias: str = "o", zone_sql: str = "m.time_zone") -> str:
    """SQL for the closing instant: the end of the local day `latest_day`
    after the latest delivery date (else the latest plausible one), never past
    Amazon's 30th."""
    latest = coalesce_sql(REQUEST_WINDOW_END_DATES, alias=alias)
    plausible = f"{alias}.purchase_date + interval '{LONGEST_DELIVERY_DAYS} days'"
    return local_midnight_sql(
        f"COALESCE({latest}, {plausible})",
        f"LEAST({latest_day_sql}, {REQUEST_WINDOW_CLOSES_DAYS}) + 1",
        zone_sql=zone_sql,
    )
