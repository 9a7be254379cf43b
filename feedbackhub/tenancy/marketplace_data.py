"""Amazon's marketplaces: ids, domains, currencies, time zones and the date
format of their Seller Central reports. Loaded by migration 0002."""

MARKETPLACES = [
    # id, code, country, name, domain, currency, time zone, report date format, language, region
    (
        "ATVPDKIKX0DER",
        "US",
        "US",
        "United States",
        "amazon.com",
        "USD",
        "America/Los_Angeles",
        "%m/%d/%y",
        "en_US",
        "na",
    ),
    ("A2EUQ1WTGCTBG2", "CA", "CA", "Canada", "amazon.ca", "CAD", "America/Los_Angeles", "%d/%m/%y", "en_CA", "na"),
    ("A1AM78C64UM0Y8", "MX", "MX", "Mexico", "amazon.com.mx", "MXN", "America/Mexico_City", "%d/%m/%y", "es_MX", "na"),
    ("A2Q3Y263D00KWC", "BR", "BR", "Brazil", "amazon.com.br", "BRL", "America/Sao_Paulo", "%d/%m/%y", "pt_BR", "na"),
    ("A1F83G8C2ARO7P", "UK", "GB", "United Kingdom", "amazon.co.uk", "GBP", "Europe/London", "%d/%m/%y", "en_GB", "eu"),
    ("A1PA6795UKMFR9", "DE", "DE", "Germany", "amazon.de", "EUR", "Europe/Berlin", "%d.%m.%y", "de_DE", "eu"),
    ("A13V1IB3VIYZZH", "FR", "FR", "France", "amazon.fr", "EUR", "Europe/Paris", "%d/%m/%y", "fr_FR", "eu"),
    ("APJ6JRA9NG5V4", "IT", "IT", "Italy", "amazon.it", "EUR", "Europe/Rome", "%d/%m/%y", "it_IT", "eu"),
    ("A1RKKUPIHCS9HS", "ES", "ES", "Spain", "amazon.es", "EUR", "Europe/Madrid", "%d/%m/%y", "es_ES", "eu"),
    ("A2NODRKZP88ZB9", "SE", "SE", "Sweden", "amazon.se", "SEK", "Europe/Stockholm", "%Y-%m-%d", "sv_SE", "eu"),
    ("A21TJRUUN4KGV", "IN", "IN", "India", "amazon.in", "INR", "Asia/Kolkata", "%d/%m/%y", "en_IN", "eu"),
    ("A1VC38T7YXB528", "JP", "JP", "Japan", "amazon.co.jp", "JPY", "Asia/Tokyo", "%y/%m/%d", "ja_JP", "fe"),
    ("A39IBJ37TRP1C6", "AU", "AU", "Australia", "amazon.com.au", "AUD", "Australia/Sydney", "%d/%m/%y", "en_AU", "fe"),
]
FIELDS = ("id", "code", "country_code", "name", "domain", "currency", "time_zone", "date_format", "language", "region")


def marketplaces_load(marketplace_model):
    """Create or refresh every marketplace; takes the model so the migration
    can pass its historical one. Idempotent."""
    for row in MARKETPLACES:
        values = dict(zip(FIELDS, row, strict=True))
        marketplace_model.objects.update_or_create(id=values.pop("id"), defaults=values)
