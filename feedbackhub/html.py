"""HTML helpers views share."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def mark_spans(text: str, spans) -> SafeString:
    """The text, escaped, with each (start, end, css class, title) span in
    <mark>; overlapping spans keep the first."""
    out, position = [], 0
    for start, end, css, title in sorted(spans, key=lambda span: (span[0], span[1])):
        if start < position or start >= end:
            continue
        out.append(escape(text[position:start]))
        out.append(f'<mark class="{escape(css)}" title="{escape(title)}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
