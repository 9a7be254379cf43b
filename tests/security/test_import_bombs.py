"""Uploads that decompress to far more than they weigh are refused while
streaming, at documented limits, and never stage blank lines (issue 15,
items 2 and 8)."""

import gzip
import io
import json
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from orders.imports import reading
from orders.imports.tsv import copy_chunks
from orders.models import ImportStatus, Order
from tests.orders.reports import CLAIMS_HEADER, all_orders_file, all_orders_row, health_document
from tests.orders.test_imports import counts, rejections, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
MiB = 1024**2
HEADER = all_orders_file([]).rstrip("\n")


def gzipped(*parts, repeat_last=1):
    """A gzip file of the parts, the last one written repeat_last times
    (streamed: a bomb is built without holding it in memory)."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as archive:
        for part in parts[:-1]:
            archive.write(part)
        for _ in range(repeat_last):
            archive.write(parts[-1])
    return out.getvalue()


@pytest.fixture
def before(importer):
    importer(all_orders_file([all_orders_row(order_id="999-9999999-9999999")]))
    return snapshot()


@pytest.fixture
def decompressed_bytes(monkeypatch):
    """How many decompressed bytes the import reads, all passes together."""
    total = {"bytes": 0}
    readinto = reading.SizeLimited.readinto

    def counting(self, buffer):
        count = readinto(self, buffer)
        total["bytes"] += count or 0
        return count

    monkeypatch.setattr(reading.SizeLimited, "readinto", counting)
    return total


def test_the_documented_limits_are_the_settings():
    assert django_settings.IMPORT_MAX_LINE_BYTES == MiB
    assert django_settings.IMPORT_MAX_JSON_BYTES == 50 * MiB
    assert django_settings.IMPORT_MAX_LINES == 10_000_000
    assert django_settings.IMPORT_MAX_DECOMPRESSED_BYTES == 8 * 1024**3
    assert f"1 MiB ({django_settings.IMPORT_MAX_LINE_BYTES:,} bytes)" in README
    assert f"50 MiB ({django_settings.IMPORT_MAX_JSON_BYTES:,} bytes)" in README
    assert f"| {django_settings.IMPORT_MAX_LINES:,} |" in README


def test_a_small_gzip_of_newlines_is_refused_quickly_and_stages_nothing(importer, before, decompressed_bytes):
    # 64 MiB of newlines in about 64 KB: the probe's file kept a worker busy 465 s.
    bomb = gzipped((HEADER + "\n").encode(), b"\n" * MiB, repeat_last=64)
    assert len(bomb) < 200_000
    started = time.monotonic()
    job = importer(bomb, name="orders.txt.gz")
    assert time.monotonic() - started < 30
    assert job.status == ImportStatus.FAILED
    assert "10,000,000 lines one import takes (IMPORT_MAX_LINES)" in job.error
    assert decompressed_bytes["bytes"] < 16 * MiB  # stopped at the limit, not at the end
    assert snapshot() == before


def test_a_gzip_bomb_of_zeros_is_refused_without_reading_it_all(importer, before, decompressed_bytes):
    bomb = gzipped((HEADER + "\n").encode(), b"\0" * (16 * MiB), repeat_last=64)  # 1 GiB of zeros
    job = importer(bomb, name="orders.txt.gz")
    assert job.status == ImportStatus.FAILED
    assert "Line 2" in job.error and ("NUL byte" in job.error or "longer than" in job.error)
    assert decompressed_bytes["bytes"] < 32 * MiB
    assert snapshot() == before


def test_the_decompressed_size_is_limited(importer, before, settings):
    content = all_orders_file([all_orders_row(order_id=f"112-0000001-{n:07d}") for n in range(50)]).encode()
    settings.IMPORT_MAX_DECOMPRESSED_BYTES = len(content)
    assert importer(gzip.compress(content), name="orders.txt.gz").status == ImportStatus.SUCCEEDED
    settings.IMPORT_MAX_DECOMPRESSED_BYTES = len(content) - 1
    before = snapshot()
    job = importer(gzip.compress(content), name="orders.txt.gz")
    assert job.status == ImportStatus.FAILED
    assert f"more than {len(content) - 1:,} bytes once decompressed (IMPORT_MAX_DECOMPRESSED_BYTES)" in job.error
    assert snapshot() == before


LINE_LIMITED = {
    "all orders (COPY path)": lambda rows: all_orders_file(
        [all_orders_row(order_id=f"112-0000001-{n:07d}") for n in range(rows)]
    ),
    "claims (line path)": lambda rows: "\n".join(
        [CLAIMS_HEADER, *(f"112-0000001-{n:07d},a-to-z,open,2026-11-03,,1.00,USD," for n in range(rows))]
    )
    + "\n",
}


@pytest.mark.parametrize("kind", LINE_LIMITED, ids=list(LINE_LIMITED))
def test_the_number_of_lines_is_limited_at_the_setting(importer, settings, kind):
    settings.IMPORT_MAX_LINES = 6
    name = "claims.csv" if "claims" in kind else "orders.txt"
    assert importer(LINE_LIMITED[kind](5), name=name).status == ImportStatus.SUCCEEDED  # header + 5 = 6 lines
    before = snapshot()
    job = importer(LINE_LIMITED[kind](6), name=name)
    assert job.status == ImportStatus.FAILED
    assert "Line 7 is past the 6 lines one import takes (IMPORT_MAX_LINES)" in job.error
    assert snapshot() == before


def long_line_file(kind, length, newline="\n"):
    """A report whose line 3 is `length` bytes long, its ending not counted."""
    if kind == "claims":
        row = "112-0000002-0000002,a-to-z,open,2026-11-03,,1.00,USD,"
        lines = [
            CLAIMS_HEADER,
            "112-0000001-0000001,a-to-z,open,2026-11-03,,1.00,USD,",
            row + "x" * (length - len(row)),
        ]
    else:
        rows = [all_orders_row(), all_orders_row(order_id="112-0000002-0000002", title="")]
        lines = all_orders_file(rows).rstrip("\n").split("\n")
        at = lines[2].index("\t\t") + 1  # the empty product-name column
        lines[2] = lines[2][:at] + "x" * (length - len(lines[2])) + lines[2][at:]
    assert len(lines[2]) == length
    return newline.join(lines) + newline


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("kind", ["orders", "claims"])
def test_a_line_may_be_exactly_the_documented_limit_and_not_one_byte_more(importer, kind, newline):
    name = "claims.csv" if kind == "claims" else "orders.txt"
    limit = django_settings.IMPORT_MAX_LINE_BYTES
    job = importer(long_line_file(kind, limit, newline), name=name)
    assert job.status == ImportStatus.SUCCEEDED, job.error
    before = snapshot()
    job = importer(long_line_file(kind, limit + 1, newline), name=name)
    assert job.status == ImportStatus.FAILED
    assert job.error == f"Line 3 is longer than {limit:,} bytes (IMPORT_MAX_LINE_BYTES): not a report line."
    assert snapshot() == before


def test_a_long_line_in_the_middle_of_a_big_file_is_refused(importer):
    """Lines that straddle the reader's 1 MiB blocks are measured too (a
    line of up to 2 MiB used to pass unnoticed)."""
    rows = [all_orders_row(order_id=f"112-0000001-{n:07d}") for n in range(3000)]
    rows[2000] = all_orders_row(order_id="112-0000002-0000001", title="x" * (MiB + MiB // 2))
    job = importer(all_orders_file(rows))
    assert job.status == ImportStatus.FAILED
    assert job.error.startswith("Line 2002 is longer than")


def health_of_size(size):
    """A valid account health document on one line, padded with spaces to `size` bytes."""
    text = json.dumps(health_document())
    return (text[:-1] + " " * (size - len(text)) + "}").encode()


def test_the_json_document_may_be_exactly_the_documented_size_on_one_line(importer):
    limit = django_settings.IMPORT_MAX_JSON_BYTES
    job = importer(health_of_size(limit), name="health.json")
    assert job.status == ImportStatus.SUCCEEDED, job.error  # one line far past IMPORT_MAX_LINE_BYTES
    assert counts(job)[0] == 2
    job = importer(health_of_size(limit + 1), name="health.json")
    assert job.status == ImportStatus.FAILED
    assert job.error == (
        f"The account health report is larger than {limit:,} bytes (IMPORT_MAX_JSON_BYTES): "
        "not an account health report."
    )


def test_blank_lines_are_never_staged():
    header_columns = len(HEADER.split("\t"))
    data = all_orders_file([all_orders_row(order_id=f"112-0000001-{n:07d}") for n in range(3)]).split("\n")[1:4]
    stream = "\n".join(["", data[0], "", "\t" * (header_columns - 1), " ", data[1], data[2], "", "", ""]) + "\n"
    shifts = []
    staged = b"".join(
        copy_chunks(io.BytesIO(stream.encode()), columns=header_columns, first_line_no=2, line_shifts=shifts)
    )
    assert staged.count(b"\n") == 3  # the three rows, nothing for the five blank lines among them
    # Staged rows 2, 3, 4 are the file's lines 3, 7 and 8.
    assert shifts == [(2, 1), (3, 4)]


def test_rows_after_blank_lines_are_rejected_with_their_own_line_numbers(importer, account):
    rows = [all_orders_row(order_id="112-0000001-0000001"), all_orders_row(order_id="bad-1")]
    body = all_orders_file(rows).rstrip("\n").split("\n")
    more = all_orders_file([all_orders_row(order_id="bad-2"), all_orders_row(order_id="112-0000001-0000003")])
    content = "\n".join([body[0], "", body[1], "", "", body[2], ""] + more.split("\n")[1:])
    job = importer(content)
    assert job.status == ImportStatus.SUCCEEDED, job.error
    assert [(line, column) for line, column, _ in rejections(job)] == [(6, "amazon-order-id"), (8, "amazon-order-id")]
    assert Order.objects.filter(account=account).count() == 2
