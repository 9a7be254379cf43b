import zoneinfo

import pytest

from feedbackhub.tenancy.models import Marketplace

REQUIRED = {
    "US": "ATVPDKIKX0DER",
    "CA": "A2EUQ1WTGCTBG2",
    "MX": "A1AM78C64UM0Y8",
    "UK": "A1F83G8C2ARO7P",
    "DE": "A1PA6795UKMFR9",
    "FR": "A13V1IB3VIYZZH",
    "IT": "APJ6JRA9NG5V4",
    "ES": "A1RKKUPIHCS9HS",
    "JP": "A1VC38T7YXB528",
}


@pytest.mark.django_db
def test_marketplaces_carry_amazons_ids():
    loaded = dict(Marketplace.objects.values_list("code", "id"))
    assert {code: loaded.get(code) for code in REQUIRED} == REQUIRED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "date_format", "currency", "domain"),
    [
        ("US", "%m/%d/%y", "USD", "amazon.com"),
        ("UK", "%d/%m/%y", "GBP", "amazon.co.uk"),
        ("DE", "%d.%m.%y", "EUR", "amazon.de"),
        ("JP", "%y/%m/%d", "JPY", "amazon.co.jp"),
        ("SE", "%Y-%m-%d", "SEK", "amazon.se"),
    ],
)
def test_report_date_formats(code, date_format, currency, domain):
    marketplace = Marketplace.objects.get(code=code)
    assert (marketplace.date_format, marketplace.currency, marketplace.domain) == (date_format, currency, domain)


@pytest.mark.django_db
def test_every_time_zone_is_real():
    for marketplace in Marketplace.objects.all():
        zoneinfo.ZoneInfo(marketplace.time_zone)
