"""Template filters for compliance findings: the rule's title a seller reads, not its id."""

from django import template

from messaging.compliance import RULES_BY_ID

register = template.Library()


@register.filter
def rule_title(rule_id: str) -> str:
    rule = RULES_BY_ID.get(rule_id)
    return rule.title if rule else rule_id
