"""The Celery app, its queues and the one beat schedule.

Queues are named by job so each kind of work can get its own workers:
imports (file imports), sync (SP-API pulls), dispatch (feedback-request
sends) and default (everything else). Tasks are routed by name prefix.
"""

import os

from celery import Celery
from celery.schedules import crontab
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feedbackhub.settings.local")

app = Celery("feedbackhub")
app.config_from_object("django.conf:settings", namespace="CELERY")

QUEUE_NAMES = ("default", "imports", "sync", "dispatch")
app.conf.task_queues = [Queue(name) for name in QUEUE_NAMES]
app.conf.task_default_queue = "default"
app.conf.task_routes = {
    "orders.import.*": {"queue": "imports"},
    "*.sync.*": {"queue": "sync"},
    "messaging.dispatch.*": {"queue": "dispatch"},
}

app.conf.beat_schedule = {
    "heartbeat": {"task": "feedbackhub.heartbeat", "schedule": 60.0},
    "purge-buyer-data": {"task": "orders.pii.purge", "schedule": crontab(hour=3, minute=17)},
    "purge-buyer-mail": {"task": "messaging.inbox.purge", "schedule": crontab(hour=3, minute=47)},
    # SP-API: the orders of every due connection; reports are requested once
    # a day per connection and marketplace, and an unfinished one resumes hourly.
    "sync-orders": {"task": "orders.sync.orders", "schedule": 15 * 60.0},
    "sync-reports": {"task": "orders.sync.reports", "schedule": crontab(minute=7)},
    # Feedback requests: the database is the schedule; beat only wakes the dispatcher.
    "dispatch-feedback-requests": {"task": "messaging.dispatch.tick", "schedule": 60.0},
    # The VA's replies to buyer messages: queued in the database, sent here (and on a wake-up).
    "send-buyer-replies": {"task": "messaging.dispatch.buyer_replies", "schedule": 60.0},
    "plan-feedback-requests": {"task": "messaging.plan.all", "schedule": crontab(minute=37)},
    # The buyer-message inbox: every enabled mailbox read over IMAP (one task per mailbox).
    "poll-mailboxes": {"task": "messaging.inbox.poll_all", "schedule": 3 * 60.0},
    # The resolution queue: deadlines (expiry, escalation, follow-ups) and the owner's notifications.
    "resolution-cases-daily": {"task": "feedback.cases.daily", "schedule": crontab(minute=23)},
    "send-notifications": {"task": "feedback.notifications.send", "schedule": 60.0},
    # The dashboard's rollups, rebuilt nightly (imports refresh the days they touch).
    "rebuild-rollups": {"task": "feedback.rollups.nightly", "schedule": crontab(hour=2, minute=41)},
}

app.autodiscover_tasks()
