"""Template filters for compliance findings: the rule's title a seller reads, not its id."""

from django import template

from messaging.compliance import rule_titles

register = template.Library()


@register.filter
def rule_title(rule_id: str) -> str:
    return rule_titles([rule_id])
