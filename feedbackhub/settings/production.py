"""Production: every secret from the environment, HTTPS only."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=3600)
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
