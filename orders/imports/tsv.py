"""Tab-separated report bytes → PostgreSQL COPY text, fast.

The common case costs a few C-level bytes operations per 1 MB chunk: CRLF
becomes LF, backslashes are escaped (COPY's text format gives them meaning),
and every line gets the staging table's trailing `problem` column (NULL).
Lines needing more care (a wrong number of columns, blank lines, a stray CR)
go through a per-line path that keeps them in place, so PostgreSQL's line
sequence still equals the file's line numbers. Decoding is left to COPY's
ENCODING option; a NUL byte or an over-long line rejects the whole file.
"""

from .reading import MAX_LINE_BYTES, FileRejected

CHUNK_BYTES = 1024 * 1024
BLANK = b"(blank)"
NEWLINE = b"\n"


def copy_chunks(binary, *, columns, first_line_no, encoding="utf-8", on_lines=None):
    """Yield COPY-text chunks for the data lines of a tab-separated stream.

    columns: how many columns the header has. Each output line has those
    columns plus one problem column: NULL, a "column|reason" text for a
    structurally bad line, or BLANK for an empty line (skipped later).
    """
    tabs = columns - 1
    empty_row = b"\t" * tabs
    line_no = first_line_no - 1
    carry = b""
    while True:
        block = binary.read(CHUNK_BYTES)
        if not block:
            break
        block = carry + block
        cut = block.rfind(b"\n")
        if cut < 0:
            if len(block) > MAX_LINE_BYTES:
                raise FileRejected(f"Line {line_no + 1} is longer than {MAX_LINE_BYTES:,} bytes: not a report line.")
            carry = block
            continue
        carry = block[cut + 1 :]
        if len(carry) > MAX_LINE_BYTES:
            long_line = line_no + block.count(NEWLINE) + 1
            raise FileRejected(f"Line {long_line} is longer than {MAX_LINE_BYTES:,} bytes: not a report line.")
        body = block[:cut]
        yield _convert(body, tabs, empty_row, line_no, encoding)
        count = body.count(b"\n") + 1
        line_no += count
        if on_lines:
            on_lines(line_no - first_line_no + 1)
    if carry.strip(b"\r\n"):
        yield _convert(carry, tabs, empty_row, line_no, encoding)
        line_no += 1
        if on_lines:
            on_lines(line_no - first_line_no + 1)


def _convert(body, tabs, empty_row, line_no_before, encoding):
    if b"\x00" in body:
        bad_line = line_no_before + body.count(NEWLINE, 0, body.index(b"\x00")) + 1
        raise FileRejected(f"Line {bad_line} contains a NUL byte: this is binary data, not a text report.")
    if b"\r" in body:
        body = body.replace(b"\r\n", b"\n")
    if b"\\" in body:
        body = body.replace(b"\\", b"\\\\")
    lines = body.split(b"\n")
    if b"\r" not in body and all(line.count(b"\t") == tabs for line in lines):
        return b"\t\\N\n".join(lines) + b"\t\\N\n"
    out = []
    for offset, line in enumerate(lines):
        line = line.rstrip(b"\r")
        found = line.count(b"\t")
        if found != tabs:
            # This line's bytes never reach COPY's decoder: check them here.
            try:
                line.decode(encoding)
            except UnicodeDecodeError as error:
                raise FileRejected(
                    f"Line {line_no_before + offset + 1} cannot be read as {encoding}: "
                    f"byte {line[error.start : error.start + 1]!r} at position {error.start + 1}."
                ) from error
        if found == tabs:
            out.append(line + b"\t\\N\n")
        elif not line.strip():
            out.append(empty_row + b"\t" + BLANK + b"\n")
        else:
            reason = f"(row)|expected {tabs + 1} tab-separated columns, found {found + 1}".encode()
            out.append(empty_row + b"\t" + reason + b"\n")
    return b"".join(out)
