"""Reads of messaging: templates, campaigns and their results, the outbox,
the do-not-solicit list and the dispatcher's status; every one takes the
seller account (or an object already scoped to it)."""

import difflib
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from feedbackhub.health import broker_status, worker_heartbeat_age
from feedbackhub.rules import (
    DAILY_CAP_DAYS,
    FEEDBACK_WINDOW_DAYS,
    daily_cap_default,
    local_day,
    local_midnight,
    negative_sql,
)
from feedbackhub.tenancy.models import SellerAccount
from orders.models import Order

from .facts import order_feedback_sql
from .models import (
    Campaign,
    CampaignState,
    CampaignVariant,
    DoNotSolicit,
    FeedbackRequest,
    Language,
    MessageTemplate,
    RequestStatus,
    SendingSettings,
)


def template_list(*, account: SellerAccount) -> QuerySet[MessageTemplate]:
    return MessageTemplate.objects.for_account(account).prefetch_related("marketplaces").select_related("updated_by")


def template_get(*, account: SellerAccount, template_id: int) -> MessageTemplate | None:
    return template_list(account=account).filter(pk=template_id).first()


def preview_orders(*, account: SellerAccount, limit: int = 20) -> QuerySet[Order]:
    """Recent orders of the account to preview a template against."""
    return (
        Order.objects.for_account(account)
        .select_related("marketplace")
        .prefetch_related("items")
        .order_by("-purchase_date")[:limit]
    )


def template_versions(*, template: MessageTemplate) -> QuerySet:
    return template.history.select_related("history_user").order_by("-history_date", "-history_id")


def template_diff(*, template: MessageTemplate, older_id: int | str, newer_id: int | str) -> str:
    """A line diff of subject and body between two versions, as HTML table rows."""
    older = template.history.get(history_id=older_id)
    newer = template.history.get(history_id=newer_id)
    differ = difflib.HtmlDiff(wrapcolumn=80)
    return differ.make_table(
        [f"Subject: {older.subject}", "", *older.body.splitlines()],
        [f"Subject: {newer.subject}", "", *newer.body.splitlines()],
        fromdesc=f"Version of {older.history_date:%Y-%m-%d %H:%M}",
        todesc=f"Version of {newer.history_date:%Y-%m-%d %H:%M}",
        context=False,
    )


# --- campaigns and the outbox -------------------------------------------------


def attributed_feedback_join():
    """Feedback counts for a request when it arrives on or after the day it
    was sent and inside the buyer's 90-day feedback window from the order
    (both in the marketplace's calendar)."""
    return f"""
    LEFT JOIN {order_feedback_sql()} f
           ON f.order_id = fr.order_id AND fr.status = 'sent'
          AND f.feedback_date >= (fr.sent_at AT TIME ZONE m.time_zone)::date
          AND f.feedback_date <= (o.purchase_date AT TIME ZONE m.time_zone)::date + {FEEDBACK_WINDOW_DAYS}
"""


SIGNIFICANCE_LEVEL = 0.05
MIN_SENT_FOR_TEST = 30


def campaign_list(*, account: SellerAccount) -> QuerySet[Campaign]:
    return (
        Campaign.objects.for_account(account)
        .prefetch_related("marketplaces", "variants__template")
        .annotate(
            scheduled_count=Count("requests", filter=Q(requests__status=RequestStatus.SCHEDULED)),
            sent_count=Count("requests", filter=Q(requests__status=RequestStatus.SENT)),
        )
    )


def campaign_get(*, account: SellerAccount, campaign_id: int) -> Campaign | None:
    return Campaign.objects.for_account(account).filter(pk=campaign_id).prefetch_related("marketplaces").first()


@dataclass
class VariantResult:
    label: str
    template_name: str = ""
    weight: int = 0
    scheduled: int = 0
    sent: int = 0
    failed: int = 0
    uncertain: int = 0
    skipped: int = 0
    feedback: int = 0
    average_rating: float | None = None
    negative: int = 0
    # Against the first variant (the control): two-proportion z-test.
    z: float | None = None
    p_value: float | None = None

    @property
    def feedback_rate(self):
        return self.feedback / self.sent if self.sent else None

    @property
    def negative_share(self):
        return self.negative / self.feedback if self.feedback else None

    @property
    def feedback_rate_percent(self):
        return None if self.feedback_rate is None else 100 * self.feedback_rate

    @property
    def negative_share_percent(self):
        return None if self.negative_share is None else 100 * self.negative_share

    @property
    def significant(self):
        return self.p_value is not None and self.p_value < SIGNIFICANCE_LEVEL


@dataclass
class CampaignResults:
    total: VariantResult
    variants: list = field(default_factory=list)
    skipped_by_reason: list = field(default_factory=list)  # [(reason, count)]
    days: list = field(default_factory=list)  # ISO dates
    sent_per_day: list = field(default_factory=list)
    feedback_per_day: list = field(default_factory=list)


def two_proportion_z_test(
    successes_a: int, trials_a: int, successes_b: int, trials_b: int
) -> tuple[float, float] | tuple[None, None]:
    """(z, two-sided p) for "B's rate differs from A's"; None when either
    side has too few trials or the pooled rate is 0 or 1."""
    if min(trials_a, trials_b) < MIN_SENT_FOR_TEST:
        return None, None
    pooled = (successes_a + successes_b) / (trials_a + trials_b)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / trials_a + 1 / trials_b))
    if spread == 0:
        return None, None
    z = (successes_b / trials_b - successes_a / trials_a) / spread
    return z, math.erfc(abs(z) / math.sqrt(2))


def campaign_results(*, campaign: Campaign, days: int = 60) -> CampaignResults:
    """Sent, skipped, failed, attributed feedback, rate, rating and negative
    share per variant, the A/B test, and the daily chart — counted in SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT fr.variant_id,
                   count(*) FILTER (WHERE fr.status = 'scheduled'),
                   count(*) FILTER (WHERE fr.status = 'sent'),
                   count(*) FILTER (WHERE fr.status = 'failed'),
                   count(*) FILTER (WHERE fr.status = 'uncertain'),
                   count(*) FILTER (WHERE fr.status = 'skipped'),
                   count(f.order_id), avg(f.rating), count(f.order_id) FILTER (WHERE {negative_sql("f.rating")})
              FROM messaging_feedbackrequest fr
              JOIN orders_order o ON o.id = fr.order_id
              JOIN tenancy_marketplace m ON m.id = o.marketplace_id
              {attributed_feedback_join()}
             WHERE fr.campaign_id = %s
             GROUP BY fr.variant_id
            """,
            [campaign.pk],
        )
        counted = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(
            """
            SELECT reason, count(*) FROM messaging_feedbackrequest
             WHERE campaign_id = %s AND status = 'skipped' GROUP BY reason ORDER BY count(*) DESC
            """,
            [campaign.pk],
        )
        skipped = cursor.fetchall()
        zone = campaign.account.time_zone
        cursor.execute(
            f"""
            WITH day AS (
                SELECT d::date AS day FROM generate_series(
                    (now() AT TIME ZONE %(zone)s)::date - %(days)s + 1, (now() AT TIME ZONE %(zone)s)::date,
                    interval '1 day') d
            ),
            sent AS (
                SELECT (fr.sent_at AT TIME ZONE %(zone)s)::date AS day, count(*) AS n
                  FROM messaging_feedbackrequest fr
                 WHERE fr.campaign_id = %(campaign)s AND fr.status = 'sent'
                 GROUP BY 1
            ),
            received AS (
                SELECT f.feedback_date AS day, count(*) AS n
                  FROM messaging_feedbackrequest fr
                  JOIN orders_order o ON o.id = fr.order_id
                  JOIN tenancy_marketplace m ON m.id = o.marketplace_id
                  {attributed_feedback_join()}
                 WHERE fr.campaign_id = %(campaign)s AND f.order_id IS NOT NULL
                 GROUP BY 1
            )
            SELECT day.day, COALESCE(sent.n, 0), COALESCE(received.n, 0)
              FROM day LEFT JOIN sent USING (day) LEFT JOIN received USING (day)
             ORDER BY day.day
            """,
            {"zone": zone, "days": days, "campaign": campaign.pk},
        )
        series = cursor.fetchall()

    def result(label, counts, **extra):
        scheduled, sent, failed, uncertain, skipped_count, feedback, rating, negative = counts
        return VariantResult(
            label=label,
            scheduled=scheduled,
            sent=sent,
            failed=failed,
            uncertain=uncertain,
            skipped=skipped_count,
            feedback=feedback,
            average_rating=float(rating) if rating is not None else None,
            negative=negative,
            **extra,
        )

    empty = (0, 0, 0, 0, 0, 0, None, 0)
    variants = []
    for variant in campaign.variants.select_related("template"):
        variants.append(
            result(
                variant.label,
                counted.get(variant.pk, empty),
                template_name=variant.template.name,
                weight=variant.weight,
            )
        )
    if campaign.channel == "amazon" or not variants:
        variants = [result("Request a Review" if campaign.channel == "amazon" else "—", counted.get(None, empty))]
    if len(variants) > 1:
        control = variants[0]
        for challenger in variants[1:]:
            challenger.z, challenger.p_value = two_proportion_z_test(
                control.feedback, control.sent, challenger.feedback, challenger.sent
            )
    total = _sum_results([result("", counts) for counts in counted.values()])
    return CampaignResults(
        total=total,
        variants=variants,
        skipped_by_reason=skipped,
        days=[day.isoformat() for day, _, _ in series],
        sent_per_day=[sent for _, sent, _ in series],
        feedback_per_day=[received for _, _, received in series],
    )


def _sum_results(results):
    total = VariantResult(label="All")
    for part in results:
        for name in ("scheduled", "sent", "failed", "uncertain", "skipped", "feedback", "negative"):
            setattr(total, name, getattr(total, name) + getattr(part, name))
    rated = [part for part in results if part.average_rating is not None]
    if rated:
        total.average_rating = sum(part.average_rating * part.feedback for part in rated) / sum(
            part.feedback for part in rated
        )
    return total


def outbox_rows(
    *, account: SellerAccount, status: str | None = None, campaign: Campaign | None = None
) -> QuerySet[FeedbackRequest]:
    rows = (
        FeedbackRequest.objects.for_account(account)
        .select_related("order__marketplace", "campaign", "variant")
        .order_by("-updated_at")
    )
    if status:
        rows = rows.filter(status=status)
    if campaign is not None:
        rows = rows.filter(campaign=campaign)
    return rows


def outbox_counts(*, account: SellerAccount) -> dict[str, int]:
    counts = dict(FeedbackRequest.objects.for_account(account).values_list("status").annotate(n=Count("id")).order_by())
    return {status: counts.get(status, 0) for status in RequestStatus.values}


def do_not_solicit_list(*, account: SellerAccount) -> QuerySet[DoNotSolicit]:
    return DoNotSolicit.objects.for_account(account).select_related("order", "added_by")


def template_usage(*, template: MessageTemplate) -> QuerySet[CampaignVariant]:
    """The campaigns and variants that send this template."""
    return template.campaign_variants.select_related("campaign").order_by("campaign__name", "label")


@dataclass(frozen=True)
class HeldSends:
    """A live campaign whose template now breaks Amazon's rules: the dispatcher
    holds its sends (retrying hourly within each order's window) until it is fixed."""

    campaign_id: int
    campaign_name: str
    template_id: int
    template_name: str  # with its language: several templates share a name ("Feedback request (German)")
    held: int  # scheduled requests of the campaign on that template


def held_sends(
    *, account: SellerAccount, campaign: Campaign | None = None, template: MessageTemplate | None = None
) -> list[HeldSends]:
    """Live campaigns held by a blocked template, one row per campaign and template."""
    variants = CampaignVariant.objects.filter(
        campaign__account=account, campaign__state=CampaignState.LIVE, template__compliance_blocked=True
    )
    if campaign is not None:
        variants = variants.filter(campaign=campaign)
    if template is not None:
        variants = variants.filter(template=template)
    rows = (
        variants.values("campaign_id", "campaign__name", "template_id", "template__name", "template__language")
        .annotate(held=Count("requests", filter=Q(requests__status=RequestStatus.SCHEDULED)))
        .order_by("campaign__name", "template__name")
    )
    return [
        HeldSends(
            row["campaign_id"],
            row["campaign__name"],
            row["template_id"],
            f"{row['template__name']} ({Language(row['template__language']).label})",
            row["held"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class DispatchStatus:
    broker: str  # "ok" or "down: …"
    worker_seconds_since_heartbeat: float | None
    due: int  # scheduled rows whose time has come
    oldest_due: object  # datetime | None

    @property
    def broker_ok(self):
        return self.broker == "ok"

    @property
    def delayed(self):
        """Due rows waiting longer than a few dispatcher ticks."""
        return self.oldest_due is not None and timezone.now() - self.oldest_due > timedelta(minutes=5)


def dispatch_status(*, account: SellerAccount) -> DispatchStatus:
    """Is the scheduler able to send? The broker only carries wake-ups: when it
    is down, due requests wait in the database and go out once it is back."""
    due = FeedbackRequest.objects.for_account(account).filter(
        status=RequestStatus.SCHEDULED, scheduled_for__lte=timezone.now()
    )
    summary = due.aggregate(count=Count("id"), oldest=Min("scheduled_for"))
    return DispatchStatus(
        broker=broker_status(),
        worker_seconds_since_heartbeat=worker_heartbeat_age(),
        due=summary["count"],
        oldest_due=summary["oldest"],
    )


def daily_cap(*, account: SellerAccount, now: datetime) -> int:
    """The most feedback requests the account sends per day: the seller's own
    cap, else the default from the last week's orders (feedbackhub.rules)."""
    sending = SendingSettings.objects.filter(account=account).first()
    if sending and sending.daily_cap is not None:
        return sending.daily_cap
    orders = Order.objects.filter(account=account, purchase_date__gte=now - timedelta(days=DAILY_CAP_DAYS)).count()
    return daily_cap_default(orders)


def sent_today(*, account: SellerAccount, now: datetime) -> int:
    """Requests sent (or in flight) since midnight in the account's time zone."""
    midnight = local_midnight(local_day(now, account.time_zone), account.time_zone)
    sent = FeedbackRequest.objects.filter(account=account, status=RequestStatus.SENT, sent_at__gte=midnight)
    held = FeedbackRequest.objects.filter(account=account, status__in=[RequestStatus.CLAIMED, RequestStatus.SENDING])
    return sent.count() + held.count()
