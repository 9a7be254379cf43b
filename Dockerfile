# FeedbackHub: one image for the web, worker and beat processes
# (docker-compose.yml picks the process with `command:`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=feedbackhub.settings.production

WORKDIR /app

# Dependencies first so code changes reuse this layer. psycopg2-binary and the
# other compiled packages ship manylinux wheels: no compiler or libpq-dev needed.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Settings read these at import; the values below exist for this RUN line only
# (not baked into the image). collectstatic touches neither the database nor
# Redis. The Fernet key is a valid dummy (urlsafe base64 of 32 zero bytes).
RUN SECRET_KEY=build \
    DATABASE_URL=postgres://x@localhost/x \
    REDIS_URL=redis://localhost \
    FIELD_ENCRYPTION_KEYS=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= \
    python manage.py collectstatic --noinput

# Run as an unprivileged user; the code and collected static files stay
# root-owned and read-only to it.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /data/media && chown app:app /data/media
USER app

EXPOSE 8000
CMD ["gunicorn", "feedbackhub.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
