"""The feedback app's data: seller feedback and Amazon's account-health
figures (feedback.py), the resolution queue (cases.py), the daily metrics
rollups (metrics.py)."""

from .cases import (
    CASE_OUTCOME_FEEDBACK_STATE,
    CASE_TRANSITIONS,
    OPEN_CASE_STATES,
    CaseEvent,
    CaseMessage,
    CaseMessageKind,
    CaseMessageStatus,
    CaseQuerySet,
    CaseState,
    Notification,
    NotificationKind,
    QueueSettings,
    Resolution,
    ResolutionCase,
)
from .feedback import AccountHealthSnapshot, Feedback, FeedbackQuerySet, FeedbackState, FulfillmentSide
from .metrics import AlertMetric, DailyRollup, MetricAlert

__all__ = [
    "CASE_OUTCOME_FEEDBACK_STATE",
    "CASE_TRANSITIONS",
    "OPEN_CASE_STATES",
    "AccountHealthSnapshot",
    "AlertMetric",
    "CaseEvent",
    "CaseMessage",
    "CaseMessageKind",
    "CaseMessageStatus",
    "CaseQuerySet",
    "CaseState",
    "DailyRollup",
    "Feedback",
    "FeedbackQuerySet",
    "FeedbackState",
    "FulfillmentSide",
    "MetricAlert",
    "Notification",
    "NotificationKind",
    "QueueSettings",
    "Resolution",
    "ResolutionCase",
]
