"""The embedded run (`make run`): mail kept in the local sink, the app's own error pages.

DEBUG stays off by default so that a person in the browser sees FeedbackHub's
403, 404 and 500 pages (templates/), as in production, never Django's debug
page; the traceback of a 500 goes to the console all the same (the
django.request logger, through the root console handler in base.LOGGING).
DEBUG=true in the environment brings back Django's debug pages.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="feedbackhub.mailsink.DatabaseSinkBackend")
MAIL_SINK_VIEW = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files straight from static/ (no collectstatic), re-read when they
# change: what DEBUG would give whitenoise, without DEBUG's error pages.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
