"""Production: every secret from the environment, HTTPS only.

`manage.py check --deploy` reports nothing with these settings (a test keeps
it so). HTTPS is enforced by Django's redirect unless HTTPS_REDIRECT_BY_PROXY
says a TLS-terminating proxy in front already redirects http to https.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# True only when a TLS-terminating proxy in front of the app redirects every
# http request to https and sets X-Forwarded-Proto. Then Django need not
# redirect, and the deploy check's W008 (SECURE_SSL_REDIRECT off) is answered.
HTTPS_REDIRECT_BY_PROXY = env.bool("HTTPS_REDIRECT_BY_PROXY", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not HTTPS_REDIRECT_BY_PROXY)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS: a year, subdomains included, and eligible for the browsers' preload
# list (the header only makes the domain eligible; submitting it to
# hstspreload.org is the operator's decision). Set SECURE_HSTS_PRELOAD=false
# for a domain whose subdomains cannot all be HTTPS-only for good.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Behind docker-compose the health check calls the web container by name.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Structured logs: one JSON object per line (feedbackhub/logs.py), the Celery
# worker's and beat's too (they keep Django's logging instead of their own).
LOGGING = {
    **LOGGING,  # noqa: F405
    "formatters": {"json": {"()": "feedbackhub.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

SILENCED_SYSTEM_CHECKS = []
if HTTPS_REDIRECT_BY_PROXY and not SECURE_SSL_REDIRECT:
    SILENCED_SYSTEM_CHECKS.append("security.W008")
