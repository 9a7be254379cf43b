"""Every write of the resolution queue (feedback.services.cases, .messages,
.deadlines), importable from here."""

from .cases import (
    PUBLIC_RESPONSE_MAX_CHARS,
    CaseActionRefused,
    case_amazon_request_file,
    case_public_response_posted,
    case_public_response_save,
    case_resolve,
    case_take,
    case_transition,
    cases_assign,
    cases_open,
    feedback_gone_from_report,
    queue_settings_get,
    queue_settings_save,
)
from .deadlines import cases_daily
from .messages import case_message_record, case_message_send

__all__ = [
    "PUBLIC_RESPONSE_MAX_CHARS",
    "CaseActionRefused",
    "case_amazon_request_file",
    "case_message_record",
    "case_message_send",
    "case_public_response_posted",
    "case_public_response_save",
    "case_resolve",
    "case_take",
    "case_transition",
    "cases_assign",
    "cases_daily",
    "cases_open",
    "feedback_gone_from_report",
    "queue_settings_get",
    "queue_settings_save",
]
