"""Tab-separated report bytes → PostgreSQL COPY text, fast.

The common case costs a few C-level bytes operations per 1 MB chunk: CRLF
becomes LF, backslashes are escaped (COPY's text format gives them meaning),
and every line gets the staging table's trailing `problem` column (NULL).
Lines needing more care (a wrong number of columns, blank lines, a stray CR)
go through a per-line path. Blank lines are never staged: the staging
table numbers its rows from a sequence, so each blank run is noted in
`line_shifts` (orders.imports.upsert puts the file's line numbers back).
Decoding is left to COPY's ENCODING option; a NUL byte, an over-long line
or too many lines reject the whole file.
"""

from django.conf import settings

from .reading import FileRejected, line_too_long, max_line_bytes, too_many_lines

CHUNK_BYTES = 1024 * 1024
NEWLINE = b"\n"


def copy_chunks(binary, *, columns, first_line_no, encoding="utf-8", on_lines=None, line_shifts=None):
    """Yield COPY-text chunks for the data lines of a tab-separated stream.

    columns: how many columns the header has. Each output line has those
    columns plus one problem column: NULL, or a "column|reason" text for a
    structurally bad line. line_shifts: a list that receives (staged row
    number, blank lines before it) wherever blank lines were left out.
    """
    longest, max_lines = max_line_bytes(), settings.IMPORT_MAX_LINES
    # A read never holds a whole line longer than the limit: only the line a
    # block starts with (the carry from the read before) needs measuring.
    read_bytes = min(CHUNK_BYTES, longest)
    blanks = _Blanks(line_shifts if line_shifts is not None else [])
    tabs = columns - 1
    empty_row = b"\t" * tabs
    line_no = first_line_no - 1
    carry = b""
    while True:
        block = binary.read(read_bytes)
        if not block:
            break
        block = carry + block
        cut = block.rfind(b"\n")
        if cut < 0:
            if _too_long(block, longest):
                raise line_too_long(line_no + 1)
            carry = block
            continue
        if _too_long(block[: block.index(b"\n")], longest):
            raise line_too_long(line_no + 1)
        carry = block[cut + 1 :]
        body = block[:cut]
        count = body.count(b"\n") + 1
        if line_no + count > max_lines:
            raise too_many_lines(max_lines + 1)
        if _too_long(carry, longest):
            raise line_too_long(line_no + count + 1)
        yield _convert(body, tabs, empty_row, line_no, encoding, blanks)
        line_no += count
        if on_lines:
            on_lines(line_no - first_line_no + 1)
    if carry.strip(b"\r\n"):
        if line_no + 1 > max_lines:
            raise too_many_lines(max_lines + 1)
        yield _convert(carry, tabs, empty_row, line_no, encoding, blanks)
        line_no += 1
        if on_lines:
            on_lines(line_no - first_line_no + 1)


def _too_long(line, longest):
    return len(line) > longest and len(line.removesuffix(b"\r")) > longest


class _Blanks:
    """Which staged rows follow left-out blank lines, and by how many lines."""

    def __init__(self, shifts):
        self.shifts, self.skipped, self._pending = shifts, 0, False

    def skip(self):
        self.skipped += 1
        self._pending = True

    def staged(self, line_no):
        if self._pending:
            self.shifts.append((line_no - self.skipped, self.skipped))
            self._pending = False


def _has_blank_line(body, empty_row):
    """Whether a chunk has an empty line or one of only tabs."""
    for blank in (b"", empty_row):
        line = NEWLINE + blank + NEWLINE
        if body == blank or body.startswith(blank + NEWLINE) or body.endswith(NEWLINE + blank) or line in body:
            return True
    return False


def _convert(body, tabs, empty_row, line_no_before, encoding, blanks):
    if b"\x00" in body:
        bad_line = line_no_before + body.count(NEWLINE, 0, body.index(b"\x00")) + 1
        raise FileRejected(f"Line {bad_line} contains a NUL byte: this is binary data, not a text report.")
    if b"\r" in body:
        body = body.replace(b"\r\n", b"\n")
    if b"\\" in body:
        body = body.replace(b"\\", b"\\\\")
    lines = body.split(b"\n")
    if b"\r" not in body and not _has_blank_line(body, empty_row) and all(line.count(b"\t") == tabs for line in lines):
        blanks.staged(line_no_before + 1)
        return b"\t\\N\n".join(lines) + b"\t\\N\n"
    out = []
    for offset, line in enumerate(lines):
        line_no = line_no_before + offset + 1
        line = line.rstrip(b"\r")
        if not line.strip():
            blanks.skip()
            continue
        blanks.staged(line_no)
        found = line.count(b"\t")
        if found == tabs:
            out.append(line + b"\t\\N\n")
            continue
        # This line's bytes never reach COPY's decoder: check them here.
        try:
            line.decode(encoding)
        except UnicodeDecodeError as error:
            raise FileRejected(
                f"Line {line_no} cannot be read as {encoding}: "
                f"byte {line[error.start : error.start + 1]!r} at position {error.start + 1}."
            ) from error
        reason = f"(row)|expected {tabs + 1} tab-separated columns, found {found + 1}".encode()
        out.append(empty_row + b"\t" + reason + b"\n")
    return b"".join(out)
