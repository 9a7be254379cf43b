"""CSV downloads: streamed line by line, and safe to open in a spreadsheet.

    response = StreamingHttpResponse(csv_stream(header, rows), content_type=CSV_CONTENT_TYPE)

rows may be any iterable (a queryset's .iterator()): nothing is held in
memory but the line being written.
"""

import csv
from collections.abc import Iterable, Iterator

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Excel opens a UTF-8 file as its local code page unless the file starts with a BOM.
UTF8_BOM = "\ufeff".encode()
# A cell starting with one of these is run as a formula by Excel, LibreOffice or
# Google Sheets (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """The cell, with a leading ' when a text would start a formula. Numbers,
    dates and None pass unchanged: they are never formulas, and -3 stays a number."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _Echo:
    """A file whose write() returns the line, so csv.writer can feed a generator."""

    def write(self, line):
        return line


def csv_stream(header: Iterable, rows: Iterable[Iterable]) -> Iterator[bytes]:
    """The header and then each row as one UTF-8 encoded CSV line, every cell through csv_safe."""
    writer = csv.writer(_Echo())
    yield UTF8_BOM + writer.writerow([csv_safe(cell) for cell in header]).encode()
    for row in rows:
        yield writer.writerow([csv_safe(cell) for cell in row]).encode()
