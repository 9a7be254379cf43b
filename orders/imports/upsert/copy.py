"""Rows into PostgreSQL's COPY text format, streamed with constant memory."""

import io
import re

from django.db import connection

from .sql import STAGING_PREFIX

COPY_CHUNK_BYTES = 256 * 1024


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = ("\\", "\t", "\n", "\r")


def copy_escape(value):
    return value.translate(_COPY_ESCAPES) if any(char in value for char in _NEEDS_ESCAPE) else value


def order_row_line(row):
    """One OrderRow as a line of PostgreSQL's COPY text format (bytes)."""
    values = [str(row.line_no)] + [copy_escape(value) for value in row[1:-1]]
    values.append(copy_escape(row.problem) if row.problem else "\\N")
    return ("\t".join(values) + "\n").encode("utf-8")


class ChunkStream(io.RawIOBase):
    """A read()-able file over an iterator of bytes, for copy_expert."""

    def __init__(self, chunks):
        self._chunks = iter(chunks)
        self._buffer = b""
        # psycopg2 turns an exception in read() into QueryCanceled; keep the
        # original so the caller can report what really went wrong.
        self.error = None

    def readable(self):
        return True

    def read(self, size=-1):
        size = COPY_CHUNK_BYTES if size is None or size < 0 else size
        parts, length = [self._buffer], len(self._buffer)
        while length < size:
            try:
                chunk = next(self._chunks, None)
            except Exception as error:
                self.error = error
                raise
            if chunk is None:
                break
            parts.append(chunk)
            length += len(chunk)
        data = b"".join(parts)
        self._buffer = data[size:]
        return data[:size]


def copy_from(cursor, sql, stream):
    """COPY from a ChunkStream, re-raising the stream's own error if it failed."""
    try:
        # copy_expert is not wrapped by Django: map psycopg2's errors to Django's.
        with connection.wrap_database_errors:
            cursor.copy_expert(sql, stream)
    except Exception:
        if stream.error is not None:
            raise stream.error from None
        raise


def copy_error_line(error):
    """The COPY input line PostgreSQL names in an error's context, if any."""
    match = re.search(rf"COPY {STAGING_PREFIX}\d+, line (\d+)", str(error))
    return int(match.group(1)) if match else None
