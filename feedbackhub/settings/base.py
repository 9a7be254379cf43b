"""Settings shared by every environment.

Secrets and service URLs come from the environment (django-environ). The
embedded launcher (feedbackhub/embedded.py) writes var/local.env with the URLs
of the embedded PostgreSQL and Redis, so `manage.py` works beside `make run`.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("FEEDBACKHUB_VAR", default=str(BASE_DIR / "var")))

env = environ.Env()
LOCAL_ENV_FILE = VAR_DIR / "local.env"
if LOCAL_ENV_FILE.exists():
    # Values already in the environment win over the file.
    environ.Env.read_env(str(LOCAL_ENV_FILE), overwrite=False)

SECRET_KEY = env.str("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "anymail",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "feedbackhub.tenancy",
    "feedbackhub.audit",
    "feedbackhub",
    "orders",
    "messaging",
    "feedback",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "feedbackhub.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "feedbackhub.tenancy.middleware.CurrentAccountMiddleware",
    "feedbackhub.middleware.NoStoreForSignedInMiddleware",
    # After the account: an owner or admin of an account that requires
    # two-factor sign-in is held at the setup page until it is done.
    "feedbackhub.tenancy.two_factor.TwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must be last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "feedbackhub.urls"
WSGI_APPLICATION = "feedbackhub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "feedbackhub.tenancy.context_processors.tenancy",
                "messaging.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL")

# Shared by every web and worker process: the dashboard's rendered figures and
# the per-account generation that invalidates them (feedbackhub.freshness).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "feedbackhub",
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Password reset: at most this many mails per address and per IP in the window
# (the answer is the same page either way).
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=3)
PASSWORD_RESET_LIMIT_PER_IP = env.int("PASSWORD_RESET_LIMIT_PER_IP", default=10)
PASSWORD_RESET_LIMIT_WINDOW_SECONDS = env.int("PASSWORD_RESET_LIMIT_WINDOW_SECONDS", default=3600)
# Two-factor sign-in (django-otp): TOTP apps and one-time recovery codes.
OTP_TOTP_ISSUER = "FeedbackHub"
# Wrong codes per user before the code page refuses more for a while, on top
# of django-otp's own doubling delay per device.
TWO_FACTOR_ATTEMPTS_RATE = env.str("TWO_FACTOR_ATTEMPTS_RATE", default="5/5m")
RECOVERY_CODE_COUNT = 10

# Sessions end after this long without a request (every request renews it).
SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=60)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True

# CSV downloads per user per minute (django-ratelimit's rate syntax).
EXPORT_RATE = env.str("EXPORT_RATE", default="10/m")
RATELIMIT_USE_CACHE = "default"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "media/"
# Uploads stream to disk past this size instead of sitting in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = env.int("IMPORT_MAX_UPLOAD_BYTES", default=2 * 1024**3)
# Limits on what an upload holds once decompressed, checked while streaming
# (a small gzip can hold gigabytes): total bytes, lines, bytes in one line
# (its newline not counted), and the size of an account-health JSON document.
IMPORT_MAX_DECOMPRESSED_BYTES = env.int("IMPORT_MAX_DECOMPRESSED_BYTES", default=8 * 1024**3)
IMPORT_MAX_LINES = env.int("IMPORT_MAX_LINES", default=10_000_000)
IMPORT_MAX_LINE_BYTES = env.int("IMPORT_MAX_LINE_BYTES", default=1024**2)
IMPORT_MAX_JSON_BYTES = env.int("IMPORT_MAX_JSON_BYTES", default=50 * 1024**2)

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Files served at the site root (/favicon.ico, which browsers ask for unprompted).
WHITENOISE_ROOT = BASE_DIR / "static" / "root"

# django-csp: every script, style, image and font from this origin; no inline
# script or style="" anywhere (behaviour lives in static/js, looks in
# static/css/app.css, data in json_script). Bootstrap's CSS draws its icons
# (select arrow, close button, navbar toggler) as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Buyer personal data is encrypted with MultiFernet: the first key encrypts,
# every key decrypts, so a new key can be put first and old rows re-encrypted.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS")

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="FeedbackHub <no-reply@feedbackhub.invalid>")
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# A send that hangs would hold its outbox row; the dispatcher's lease is 10 minutes.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# A mail provider through django-anymail: EMAIL_BACKEND=anymail.backends.<provider>.EmailBackend
# and its keys as JSON, e.g. ANYMAIL='{"POSTMARK_SERVER_TOKEN": "..."}'.
ANYMAIL = env.json("ANYMAIL", default={})
# The buyer-message inbox: IMAP servers that may be spoken to without TLS
# (none by default; a local test server on loopback).
INBOX_IMAP_PLAINTEXT_HOSTS = env.list("INBOX_IMAP_PLAINTEXT_HOSTS", default=[])
# Shows the local mail sink's messages in the app (embedded run only).
MAIL_SINK_VIEW = False

# Celery: Redis carries wake-ups only; the database is the schedule.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # python-amazon-sp-api logs request and response bodies (buyer data) at
    # DEBUG: never, whatever LOG_LEVEL says.
    "loggers": {"axes": {"level": "WARNING"}, "sp_api": {"level": "INFO"}},
}

# Amazon SP-API: the app's Login with Amazon client (one per FeedbackHub
# install); each seller's refresh token is stored encrypted on its connection.
SP_API_LWA_APP_ID = env.str("SP_API_LWA_APP_ID", default="")
SP_API_LWA_CLIENT_SECRET = env.str("SP_API_LWA_CLIENT_SECRET", default="")

# The address people open the app at, for links in notifications.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
