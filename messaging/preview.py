"""The campaign page's preview: what a campaign would do with the account's
current orders if it went live now.

It evaluates the same SQL as planning (messaging.planning.eligibility_sql)
for the campaign and for the live campaigns that would win an order before
it, and groups the pairs by outcome: would be scheduled, taken by a
stronger campaign, already requested, or excluded (by reason).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, models
from django.urls import reverse
from django.utils import timezone

from feedbackhub.rules import zone
from orders.models import Order

from .models import Campaign, CampaignState
from .planning import ExclusionReason, eligibility_params, eligibility_sql, reason_label


@dataclass
class CampaignPreview:
    would_schedule: int = 0
    taken_by_other: int = 0  # would qualify, but a higher-priority campaign wins
    already_requested: int = 0  # the order already has a request that is not scheduled
    estimated: int = 0  # of would_schedule: Request a Review planned with no delivery date known
    sample: list = field(default_factory=list)  # [(order, scheduled_for, variant_label, estimated)]
    excluded: list = field(default_factory=list)  # [(label, count, [orders], fix or None)]


# Exclusions an upload can lift: what to upload, shown beside the reason.
REASON_FIXES = {
    ExclusionReason.NO_DELIVERY_DATE: "Upload the FBA shipments or the FBM order report: they carry delivery dates",
    ExclusionReason.NO_ADDRESS: "Upload the FBM order report: it carries the buyer's relay address",
}


def _fix(reason):
    text = REASON_FIXES.get(reason)
    return (text, reverse("orders:import_upload")) if text else None


PREVIEW_SAMPLE = 20
PREVIEW_EXAMPLES = 5


def campaign_preview(*, campaign: Campaign, now: datetime | None = None) -> CampaignPreview:
    """What the campaign would do with the account's current orders if it
    went live now: the same SQL as planning, grouped by reason."""
    now = now or timezone.now()
    account = campaign.account
    params = eligibility_params(account, campaign_ids=[campaign.pk], now=now)
    stronger = list(
        Campaign.objects.filter(account=account, state=CampaignState.LIVE)
        .exclude(pk=campaign.pk)
        .filter(models.Q(priority__lt=campaign.priority) | models.Q(priority=campaign.priority, pk__lt=campaign.pk))
        .values_list("id", flat=True)
    )
    params["stronger"] = stronger
    # The stronger campaigns' conditions are evaluated in the same statement.
    params["buyer_history"] = Campaign.objects.filter(pk__in=[campaign.pk, *stronger]).exclude(buyers="").exists()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH e AS ({eligibility_sql()}),
            taken AS (
                SELECT DISTINCT order_id FROM ({eligibility_sql(campaigns_param="stronger")}) s
                 WHERE s.reason IS NULL
            )
            SELECT CASE
                     WHEN fr.status IS NOT NULL AND fr.status <> 'scheduled' THEN 'already'
                     WHEN e.reason IS NOT NULL THEN e.reason
                     WHEN t.order_id IS NOT NULL THEN 'taken'
                     ELSE 'ok' END AS outcome,
                   count(*),
                   count(*) FILTER (WHERE e.estimated),
                   (array_agg(e.order_id ORDER BY e.scheduled_for NULLS LAST, e.order_id))[1:%(sample)s],
                   (array_agg(e.scheduled_for ORDER BY e.scheduled_for NULLS LAST, e.order_id))[1:%(sample)s],
                   (array_agg(e.variant_id ORDER BY e.scheduled_for NULLS LAST, e.order_id))[1:%(sample)s],
                   (array_agg(e.estimated ORDER BY e.scheduled_for NULLS LAST, e.order_id))[1:%(sample)s]
              FROM e
              LEFT JOIN taken t ON t.order_id = e.order_id
              LEFT JOIN messaging_feedbackrequest fr ON fr.order_id = e.order_id
             GROUP BY 1
            """,
            {**params, "sample": PREVIEW_SAMPLE},
        )
        rows = cursor.fetchall()
    preview = CampaignPreview()
    sample_ids, sample_times, sample_variants, sample_estimated = [], [], [], []
    for outcome, count, estimated, order_ids, times, variant_ids, estimates in rows:
        if outcome == "ok":
            preview.would_schedule, preview.estimated = count, estimated
            sample_ids, sample_times, sample_variants, sample_estimated = order_ids, times, variant_ids, estimates
        elif outcome == "taken":
            preview.taken_by_other = count
        elif outcome == "already":
            preview.already_requested = count
        else:
            preview.excluded.append((reason_label(outcome), count, order_ids[:PREVIEW_EXAMPLES], _fix(outcome)))
    preview.excluded.sort(key=lambda item: -item[1])
    orders = Order.objects.select_related("marketplace").in_bulk(
        [order_id for _, _, ids, _ in preview.excluded for order_id in ids] + sample_ids
    )
    labels = dict(campaign.variants.values_list("id", "label"))
    preview.sample = [
        (orders[order_id], _marketplace_time(orders[order_id], when), labels.get(variant_id, ""), estimated)
        for order_id, when, variant_id, estimated in zip(
            sample_ids, sample_times, sample_variants, sample_estimated, strict=True
        )
    ]
    preview.excluded = [(label, count, [orders[i] for i in ids], fix) for label, count, ids, fix in preview.excluded]
    return preview


def _marketplace_time(order, moment):
    """The send time as the marketplace's clock shows it (the send hours are local)."""
    return timezone.localtime(moment, timezone=zone(order.marketplace.time_zone))
