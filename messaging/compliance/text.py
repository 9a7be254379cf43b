"""Text helpers shared by the rules and the checker: placeholder masking, sentence
splitting and matching a word table in a message's languages."""

import re
from collections.abc import Iterator

# No braces inside: keeps the scan linear on text full of stray "{{".
PLACEHOLDER_RE = re.compile(r"\{\{[^{}]*\}\}|\{%[^{}]*%\}")
# Sentence (or clause) ends: Latin . ! ? ; : only before whitespace (keeps "$24.99" and
# "amazon.com" whole), CJK punctuation anywhere, and line breaks.
SENTENCE_END_RE = re.compile(r"[.!?;:](?=\s|$)|[。！？]|\n")


FEEDBACK_LINK_RE = re.compile(r"\{\{\s*feedback_page_url\s*\}\}")
FEEDBACK_LINK_WORD = "feedback"


def mask_placeholders(text: str) -> str:
    return PLACEHOLDER_RE.sub(lambda match: " " * len(match.group()), text)


def mask_for_rules(text: str) -> str:
    """The placeholders blanked as in mask_placeholders, positions kept, except the order's
    feedback page link, read as what it is: the word "feedback" (its address says so). The
    sentence "If all went well, tell us on Amazon: {{ feedback_page_url }}" asks for feedback,
    as the same sentence with the address filled in does."""

    def masked(match: re.Match) -> str:
        placeholder = match.group()
        if FEEDBACK_LINK_RE.fullmatch(placeholder):
            return FEEDBACK_LINK_WORD.ljust(len(placeholder))
        return " " * len(placeholder)

    return PLACEHOLDER_RE.sub(masked, text)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in SENTENCE_END_RE.finditer(text):
        yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def search(table: dict[str, re.Pattern], languages: tuple[str, ...], text: str) -> Iterator[tuple[int, int]]:
    for language in languages:
        for match in table[language].finditer(text):
            if match.end() > match.start():
                yield match.span()


def matches_any(table: dict[str, re.Pattern], languages: tuple[str, ...], text: str) -> bool:
    return any(table[language].search(text) for language in languages)
