"""Threshold alerts: the owner hears when a marketplace × channel's ODR or
negative feedback rate (Amazon's window) crosses the account's threshold,
once per crossing; going back below re-arms it."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from feedbackhub.tenancy.models import SellerAccount

from .metrics import dashboard
from .models import AlertMetric, MetricAlert, QueueSettings
from .notifications import owner_notify


def _percent(share):
    return f"{100 * share:.2f} %"


@transaction.atomic
def metric_alerts_check(*, account: SellerAccount, today: date) -> list[str]:
    """Compare each rate with its threshold; notify the crossings. Returns their headlines."""
    queue_settings = QueueSettings.objects.filter(account=account).first() or QueueSettings(account=account)
    limits = {
        AlertMetric.ODR: queue_settings.odr_alert_at,
        AlertMetric.NEGATIVE_RATE: queue_settings.negative_rate_alert_at,
    }
    figures = dashboard(account=account, today=today)
    crossed = []
    for code, channel, amazon, _live in figures.per_marketplace:
        rates = {AlertMetric.ODR: amazon.odr, AlertMetric.NEGATIVE_RATE: amazon.negative_rate}
        for metric, rate in rates.items():
            above = rate is not None and rate >= float(limits[metric])
            alert, _ = MetricAlert.objects.select_for_update().get_or_create(
                account=account, marketplace_id=_marketplace_id(account, code), channel=channel, metric=metric
            )
            if alert.above == above:
                continue
            alert.above, alert.crossed_at = above, timezone.now()
            alert.save(update_fields=["above", "crossed_at"])
            if above:
                side = "FBA" if channel == "AFN" else "FBM"
                headline = (
                    f"{AlertMetric(metric).label} in {code} {side} is {_percent(rate)}: "
                    f"at or above your alert at {_percent(float(limits[metric]))}"
                )
                detail = (
                    f"Amazon's window (estimate), {amazon.first_day:%b %d} to {amazon.last_day:%b %d}: "
                    f"{amazon.defect_orders} defective and {amazon.negative_feedback_orders} negative-feedback "
                    f"orders of {amazon.orders}."
                )
                link = f"{settings.SITE_URL}{reverse('dashboard')}?marketplace={code}&channel={channel}"
                transaction.on_commit(
                    lambda h=headline, d=detail, url=link: owner_notify(
                        account_id=account.pk, headline=h, detail=d, link=url, link_text="Open the dashboard"
                    )
                )
                crossed.append(headline)
    return crossed


def _marketplace_id(account, code):
    return account.marketplaces.get(code=code).pk
