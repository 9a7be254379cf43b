"""Percentages and threshold colours as the dashboard shows them."""

from django import template

register = template.Library()

LEVEL_CLASS = {"good": "text-success", "warning": "text-warning-emphasis", "bad": "text-danger", None: ""}


@register.filter
def percent(share, digits=2):
    """0.0123 → '1.23 %'; '—' when there is nothing to divide."""
    if share is None:
        return "—"
    return f"{100 * share:.{int(digits)}f}\u00a0%"  # a no-break space: the sign stays with its number


@register.filter
def level_class(level):
    return LEVEL_CLASS.get(level, "")
