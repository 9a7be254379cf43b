"""Open a report file as text lines: gzip, encoding, line checks.

Streaming and constant memory: the file is read in chunks. The settings
IMPORT_MAX_DECOMPRESSED_BYTES (the whole file, decompressed),
IMPORT_MAX_LINES and IMPORT_MAX_LINE_BYTES (one line, its ending not
counted) are checked while reading, so a small gzip holding gigabytes is
refused at the limit, never decompressed to the end. Anything that makes
the whole file unreadable raises FileRejected with a message that says what
and where.
"""

import codecs
import gzip
import io
import zlib
from dataclasses import dataclass

from django.conf import settings

GZIP_MAGIC = b"\x1f\x8b"
SAMPLE_BYTES = 256 * 1024
# Encodings Seller Central writes: UTF-8 (with or without BOM), Windows-1252
# (Europe) and Shift_JIS / CP932 (Japan).
JAPANESE_MARKETPLACES = {"JP"}


class FileRejected(Exception):
    """The whole file is refused; nothing it contains is written."""


class RowProblem(Exception):
    """One row is refused (the rest of the file imports): which column and why."""

    def __init__(self, column, reason, value=""):
        super().__init__(reason)
        self.column, self.reason, self.value = column, reason, value


def max_line_bytes():
    return settings.IMPORT_MAX_LINE_BYTES


def line_too_long(line_no):
    return FileRejected(
        f"Line {line_no} is longer than {max_line_bytes():,} bytes (IMPORT_MAX_LINE_BYTES): not a report line."
    )


def too_many_lines(line_no):
    return FileRejected(
        f"Line {line_no:,} is past the {settings.IMPORT_MAX_LINES:,} lines one import takes (IMPORT_MAX_LINES): "
        "split the file; nothing was imported."
    )


class SizeLimited(io.RawIOBase):
    """A read-only view of a (decompressed) stream that refuses to go past
    IMPORT_MAX_DECOMPRESSED_BYTES: reading stops there with FileRejected."""

    def __init__(self, stream):
        self._stream = stream
        self._limit = settings.IMPORT_MAX_DECOMPRESSED_BYTES
        self.bytes_read = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        count = self._stream.readinto(buffer)
        self.bytes_read += count or 0
        if self.bytes_read > self._limit:
            raise FileRejected(
                f"The file holds more than {self._limit:,} bytes once decompressed "
                "(IMPORT_MAX_DECOMPRESSED_BYTES): split it; nothing was imported."
            )
        return count


@dataclass
class OpenedReport:
    binary: io.BufferedIOBase
    encoding: str
    compressed: bool


def _binary_stream(raw):
    """The file's content, decompressed if it is gzip, limited in size."""
    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    compressed = head == GZIP_MAGIC
    stream = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
    return io.BufferedReader(SizeLimited(stream), buffer_size=SAMPLE_BYTES), compressed


def _read_sample(stream):
    try:
        return stream.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
    except (EOFError, OSError, zlib.error) as error:
        raise FileRejected(f"The gzip file is damaged or truncated ({error}).") from error


def _decodes(sample, encoding):
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        decoder.decode(sample, final=False)
        return True
    except UnicodeDecodeError:
        return False


def detect_encoding(sample, marketplace_code=None):
    """UTF-8 (BOM or valid), else CP932 for Japan, else Windows-1252.

    Valid UTF-8 is the strongest signal: real Windows-1252 or CP932 text with
    any non-ASCII byte is almost never valid UTF-8.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if _decodes(sample, "utf-8"):
        return "utf-8"
    candidates = ["cp932", "cp1252"] if marketplace_code in JAPANESE_MARKETPLACES else ["cp1252", "cp932"]
    if marketplace_code not in JAPANESE_MARKETPLACES and _looks_japanese(sample):
        candidates.reverse()
    for encoding in candidates:
        if _decodes(sample, encoding):
            return encoding
    raise FileRejected("The file is not text in UTF-8, Windows-1252 or Shift_JIS/CP932.")


def _looks_japanese(sample):
    """Shift_JIS text is full of two-byte kana/kanji pairs; Windows-1252
    accents are single bytes between ASCII letters."""
    try:
        text = sample.decode("cp932", errors="strict")
    except UnicodeDecodeError:
        return False
    japanese = sum(1 for char in text if "\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff")
    return japanese >= 2


def report_open(raw, marketplace_code=None):
    """Wrap a binary file object; detect gzip and the encoding."""
    if not hasattr(raw, "peek"):
        raw = io.BufferedReader(raw)
    stream, compressed = _binary_stream(raw)
    sample = _read_sample(stream)
    if not sample.strip():
        raise FileRejected("The file is empty.")
    return OpenedReport(binary=stream, encoding=detect_encoding(sample, marketplace_code), compressed=compressed)


def text_lines(report):
    """Yield (line_no, line) with the line ending removed. Line 1 is the header.

    Lines are split on b"\n" before decoding (safe for UTF-8, Windows-1252 and
    CP932, whose multi-byte characters never contain that byte), so an
    undecodable byte is reported on its own line number.
    """
    encoding = "utf-8" if report.encoding == "utf-8-sig" else report.encoding
    readline = report.binary.readline
    longest, max_lines = max_line_bytes(), settings.IMPORT_MAX_LINES
    line_no = 0
    try:
        while True:
            # Room for the longest line and its ending (\r\n).
            raw = readline(longest + 2)
            if not raw:
                return
            line_no += 1
            if line_no > max_lines:
                raise too_many_lines(line_no)
            content = raw.removesuffix(b"\n").removesuffix(b"\r") if raw.endswith(b"\n") else raw
            if len(content) > longest:
                raise line_too_long(line_no)
            if line_no == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if b"\x00" in raw:
                raise FileRejected(f"Line {line_no} contains a NUL byte: this is binary data, not a text report.")
            try:
                line = raw.decode(encoding)
            except UnicodeDecodeError as error:
                bad = raw[error.start : error.start + 1]
                raise FileRejected(
                    f"Line {line_no} cannot be decoded as {report.encoding}: "
                    f"byte {bad!r} at position {error.start + 1}."
                ) from error
            yield line_no, line.rstrip("\r\n")
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise FileRejected(f"The gzip file is damaged or truncated near line {line_no + 1} ({error}).") from error


BLANK_BYTES = b" \t\r\n"


def count_lines(raw):
    """Lines in a (possibly gzip) file up to its last non-blank one, for the
    progress bar (blank lines at the end are no rows); reads it once.

    Refuses a file past IMPORT_MAX_LINES or IMPORT_MAX_DECOMPRESSED_BYTES as
    soon as it gets there; stops early at binary data (a NUL byte) or a line
    past IMPORT_MAX_LINE_BYTES, which the real read then reports by line."""
    raw.seek(0)
    stream, _ = _binary_stream(io.BufferedReader(raw) if not hasattr(raw, "peek") else raw)
    max_lines, longest = settings.IMPORT_MAX_LINES, max_line_bytes()
    newlines = 0
    # Newlines after the last non-blank byte, and whether there is one at all.
    trailing = 0
    seen_text = False
    # Bytes since the last newline: a line that is already too long.
    open_line = 0
    try:
        while chunk := stream.read(1024 * 1024):
            newlines += chunk.count(b"\n")
            if newlines > max_lines:
                raise too_many_lines(max_lines + 1)
            last_newline = chunk.rfind(b"\n")
            open_line = open_line + len(chunk) if last_newline < 0 else len(chunk) - last_newline - 1
            text_end = len(chunk.rstrip(BLANK_BYTES))
            if text_end:
                seen_text = True
                trailing = chunk.count(b"\n", text_end)
            else:
                trailing += chunk.count(b"\n")
            if b"\x00" in chunk or open_line > longest + 1:
                break
        else:
            if newlines + (open_line > 0) > max_lines:
                raise too_many_lines(max_lines + 1)
    except (EOFError, OSError, zlib.error):
        pass  # a damaged file is reported by the real read
    raw.seek(0)
    # The last line with text counts once whether or not a newline ends it.
    return newlines - trailing + 1 if seen_text else 0
