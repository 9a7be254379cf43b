"""The dashboard's figures, read from the daily rollups (feedback.rollups)
with a handful of aggregate queries whatever the number of orders.

Definitions (DOMAIN.md, feedbackhub.rules): ratings by feedback date, live
feedback only; the Order Defect Rate and the order-correlated negative
feedback rate by order date over a 60-day window, each order counted once;
Amazon's window ends about 14 days before today (an estimate of its offset),
the live window today.
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from django.db.models import Q, Sum

from feedbackhub.rules import (
    AMAZON_ODR_LAG_DAYS,
    NEGATIVE_RATE_GOOD,
    NEGATIVE_RATE_REVIEW,
    ODR_TARGET,
    ODR_WARNING,
    ODR_WINDOW_DAYS,
)

from .models import DailyRollup

RATING_COLUMNS = ("rating_1", "rating_2", "rating_3", "rating_4", "rating_5")
ORDER_COLUMNS = (
    "orders",
    "defect_orders",
    "negative_feedback_orders",
    "claim_orders",
    "chargeback_orders",
    "feedback_orders",
)
SCORE_PERIODS = (30, 90, 365)
# Shoppers see the 12-month score only with more than this many ratings in 12 months.
SHOPPER_MIN_RATINGS = 10
BUY_BOX_DAYS = 90
BUY_BOX_GOOD_ORDER, BUY_BOX_NEGATIVE = 100, -500  # the sellers' rule of thumb, not Amazon's


def _share(part, whole):
    return part / whole if whole else None


@dataclass(frozen=True)
class Ratings:
    """Live feedback per star over a period."""

    stars: tuple  # counts of 1..5 stars

    @property
    def total(self):
        return sum(self.stars)

    @property
    def positive(self):
        return self.stars[3] + self.stars[4]

    @property
    def neutral(self):
        return self.stars[2]

    @property
    def negative(self):
        return self.stars[0] + self.stars[1]

    @property
    def positive_share(self):
        return _share(self.positive, self.total)

    @property
    def neutral_share(self):
        return _share(self.neutral, self.total)

    @property
    def negative_share(self):
        return _share(self.negative, self.total)


@dataclass(frozen=True)
class DefectWindow:
    """One 60-day window by order date."""

    label: str
    first_day: date
    last_day: date
    orders: int = 0
    defect_orders: int = 0
    negative_feedback_orders: int = 0
    claim_orders: int = 0
    chargeback_orders: int = 0
    feedback_orders: int = 0

    @property
    def odr(self):
        return _share(self.defect_orders, self.orders)

    @property
    def negative_rate(self):
        return _share(self.negative_feedback_orders, self.orders)

    @property
    def feedback_rate(self):
        return _share(self.feedback_orders, self.orders)

    @property
    def odr_level(self):
        return _level(self.odr, warning=ODR_WARNING, bad=ODR_TARGET, strictly_below=True)

    @property
    def negative_level(self):
        return _level(self.negative_rate, warning=NEGATIVE_RATE_GOOD, bad=NEGATIVE_RATE_REVIEW)

    @property
    def defects_before_target(self):
        """How many more defective orders the window takes before ODR reaches 1 %."""
        return headroom(self.defect_orders, self.orders, ODR_TARGET)

    @property
    def negatives_before_review(self):
        """How many more negative-feedback orders before the rate passes 5 %."""
        return headroom(self.negative_feedback_orders, self.orders, NEGATIVE_RATE_REVIEW, reach=False)


def _level(rate, *, warning, bad, strictly_below=False):
    """'good' / 'warning' / 'bad' against the thresholds (None: no orders)."""
    if rate is None:
        return None
    over_bad = rate >= bad if strictly_below else rate > bad
    if over_bad:
        return "bad"
    return "warning" if rate > warning or (strictly_below and rate >= warning) else "good"


def headroom(count: int, orders: int, limit: float, *, reach: bool = True) -> int | None:
    """The most extra `count` the window can take, its orders unchanged, while
    count / orders stays below `limit` (reach=True: "reaches" means ≥ limit)
    or at most `limit` (reach=False: the limit itself is still fine)."""
    if not orders:
        return None
    allowed = Fraction(str(limit)) * orders  # exact: 1 % of 1,000 orders is 10, not 10.000000000000002
    most = math.ceil(allowed) - 1 if reach else math.floor(allowed)
    return max(most - count, 0)


@dataclass
class Dashboard:
    today: date
    ratings: dict = field(default_factory=dict)  # period (30/90/365/"lifetime") -> Ratings
    shopper_period: str = "12 months"
    shopper_ratings: Ratings | None = None
    amazon_window: DefectWindow | None = None
    live_window: DefectWindow | None = None
    per_marketplace: list = field(default_factory=list)  # [(marketplace code, channel, amazon, live)]
    leaving: list = field(default_factory=list)  # [(date, defects leaving, ODR after)] in Amazon's window
    buy_box_points: int = 0
    trend_days: list = field(default_factory=list)
    trend_odr: list = field(default_factory=list)  # live 60-day ODR of each day, in %
    trend_positive: list = field(default_factory=list)
    trend_negative: list = field(default_factory=list)


def _rollups(account, *, marketplace=None, channel=None):
    rows = DailyRollup.objects.for_account(account)
    if marketplace:
        rows = rows.filter(marketplace__code=marketplace)
    if channel:
        rows = rows.filter(channel=channel)
    return rows


def _window(rows, label, last_day):
    first_day = last_day - timedelta(days=ODR_WINDOW_DAYS - 1)
    sums = rows.filter(day__range=(first_day, last_day)).aggregate(**{c: Sum(c) for c in ORDER_COLUMNS})
    return DefectWindow(label, first_day, last_day, **{c: sums[c] or 0 for c in ORDER_COLUMNS})


def windows(*, today: date) -> dict[str, date]:
    """The last day of each window: Amazon's estimate and the live one."""
    return {"amazon": today - timedelta(days=AMAZON_ODR_LAG_DAYS), "live": today}


def dashboard(*, account, today: date, marketplace: str = "", channel: str = "", trend_days: int = 90) -> Dashboard:
    """Every figure of the dashboard for the account (optionally one
    marketplace and/or fulfilment channel) as of the local `today`."""
    rows = _rollups(account, marketplace=marketplace, channel=channel)
    result = Dashboard(today=today)
    periods = {str(days): Q(day__gt=today - timedelta(days=days), day__lte=today) for days in SCORE_PERIODS} | {
        "lifetime": Q()
    }
    sums = rows.aggregate(
        **{f"{period}_{column}": Sum(column, filter=q) for period, q in periods.items() for column in RATING_COLUMNS}
    )
    for period in periods:
        result.ratings[period] = Ratings(tuple(sums[f"{period}_{c}"] or 0 for c in RATING_COLUMNS))
    twelve_months = result.ratings["365"]
    if twelve_months.total > SHOPPER_MIN_RATINGS:
        result.shopper_ratings = twelve_months
    else:
        result.shopper_period, result.shopper_ratings = "lifetime", result.ratings["lifetime"]
    ends = windows(today=today)
    result.amazon_window = _window(rows, "Amazon's window (estimate)", ends["amazon"])
    result.live_window = _window(rows, "Live 60 days", ends["live"])
    result.per_marketplace = _per_marketplace(rows, ends)
    result.leaving = _leaving(rows, result.amazon_window)
    buy_box = rows.filter(day__gt=today - timedelta(days=BUY_BOX_DAYS), day__lte=today).aggregate(
        orders=Sum("orders"), defects=Sum("defect_orders"), negative=Sum("rating_1") + Sum("rating_2")
    )
    good_orders = (buy_box["orders"] or 0) - (buy_box["defects"] or 0)
    result.buy_box_points = BUY_BOX_GOOD_ORDER * good_orders + BUY_BOX_NEGATIVE * (buy_box["negative"] or 0)
    _trend(result, rows, today, trend_days)
    return result


def _per_marketplace(rows, ends):
    first = min(ends.values()) - timedelta(days=ODR_WINDOW_DAYS - 1)
    grouped = (
        rows.filter(day__range=(first, ends["live"]))
        .exclude(channel="")
        .values("marketplace__code", "channel")
        .annotate(
            **{
                f"{name}_{column}": Sum(column, filter=Q(day__range=(end - timedelta(days=ODR_WINDOW_DAYS - 1), end)))
                for name, end in ends.items()
                for column in ORDER_COLUMNS
            }
        )
        .order_by("marketplace__code", "channel")
    )
    table = []
    for row in grouped:
        pair = []
        for name, end in ends.items():
            pair.append(
                DefectWindow(
                    name,
                    end - timedelta(days=ODR_WINDOW_DAYS - 1),
                    end,
                    **{c: row[f"{name}_{c}"] or 0 for c in ORDER_COLUMNS},
                )
            )
        table.append((row["marketplace__code"], row["channel"], *pair))
    return table


def _leaving(rows, window):
    """When today's defects leave Amazon's window (if nothing new happens):
    a defect of order day d leaves once the window starts after d."""
    by_day = (
        rows.filter(day__range=(window.first_day, window.last_day), defect_orders__gt=0)
        .values("day")
        .annotate(defects=Sum("defect_orders"))
        .order_by("day")
    )
    remaining, leaving = window.defect_orders, []
    for row in by_day:
        remaining -= row["defects"]
        leaves_on = row["day"] + timedelta(days=ODR_WINDOW_DAYS + AMAZON_ODR_LAG_DAYS)
        leaving.append((leaves_on, row["defects"], _share(remaining, window.orders)))
    return leaving


def _trend(result, rows, today, days):
    """Daily series for the chart: the live 60-day ODR as of each day, and the ratings received."""
    first = today - timedelta(days=days - 1)
    daily = {
        row["day"]: row
        for row in rows.filter(day__range=(first - timedelta(days=ODR_WINDOW_DAYS - 1), today))
        .values("day")
        .annotate(
            orders=Sum("orders"),
            defects=Sum("defect_orders"),
            positive=Sum("rating_4") + Sum("rating_5"),
            negative=Sum("rating_1") + Sum("rating_2"),
        )
    }
    for offset in range(days):
        day = first + timedelta(days=offset)
        window = [daily.get(day - timedelta(days=back)) for back in range(ODR_WINDOW_DAYS)]
        orders = sum(w["orders"] or 0 for w in window if w)
        defects = sum(w["defects"] or 0 for w in window if w)
        today_row = daily.get(day) or {}
        result.trend_days.append(day.isoformat())
        result.trend_odr.append(round(100 * defects / orders, 3) if orders else None)
        result.trend_positive.append(today_row.get("positive") or 0)
        result.trend_negative.append(today_row.get("negative") or 0)
