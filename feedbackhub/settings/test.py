"""pytest: the real PostgreSQL and Redis, fast password hashing, mail in memory."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CONN_MAX_AGE = 0
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# The cache is the real Redis and outlives a run: tests that throttle set their own limits.
PASSWORD_RESET_LIMIT_PER_ADDRESS = PASSWORD_RESET_LIMIT_PER_IP = 1000  # noqa: F405
