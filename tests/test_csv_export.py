"""The streaming CSV helper every download uses."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from feedbackhub.csv_export import csv_safe, csv_stream


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ('=HYPERLINK("http://example.test","open")', '\'=HYPERLINK("http://example.test","open")'),
        ("Arrived broken = refund", "Arrived broken = refund"),
        ("", ""),
        ("'quoted already", "'quoted already"),
    ],
)
def test_a_text_that_starts_a_formula_gets_a_quote(cell, written):
    assert csv_safe(cell) == written


@pytest.mark.parametrize("value", [-3, Decimal("-0.012"), date(2026, 11, 2), None])
def test_values_that_are_not_text_pass_unchanged(value):
    assert csv_safe(value) is value


def test_the_stream_is_one_encoded_line_per_row_and_reads_back():
    rows = iter(
        [("112-0000001-0000001", 'Kaputt, "sehr" schlecht\nzweite Zeile', -3), ("113", "=cmd|' /C calc'!A0", 5)]
    )
    chunks = list(csv_stream(("order id", "comment", "delta"), rows))
    assert len(chunks) == 3 and all(isinstance(chunk, bytes) for chunk in chunks)
    assert chunks[0].startswith("\ufeff".encode())  # Excel reads UTF-8 only after a BOM
    read_back = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))
    assert read_back == [
        ["order id", "comment", "delta"],
        ["112-0000001-0000001", 'Kaputt, "sehr" schlecht\nzweite Zeile', "-3"],
        ["113", "'=cmd|' /C calc'!A0", "5"],
    ]
