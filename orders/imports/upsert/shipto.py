"""Ship-to details of the imported orders, encrypted (Fernet runs in Python).

Kept only while an order is inside Amazon's 30-day retention
(feedbackhub.rules.pii_retention_end); older ones are never stored.
"""

from django.db import connection

from feedbackhub.crypto import encrypt_text

from .copy import ChunkStream, copy_from
from .sql import PII_TO_ENCRYPT_SQL

PII_BATCH = 5000


def ship_to_encrypt(cursor, now):
    """Encrypt ship-to details in batches, then one UPDATE.

    A server-side cursor reads the batches; each batch is copied back before
    the next is fetched (a connection cannot FETCH in the middle of a COPY).
    """
    cursor.execute("CREATE TEMP TABLE import_pii (order_id bigint, ship_to text) ON COMMIT DROP")
    # Planned as a whole query here: a cursor's plan favours the first rows
    # (nested loops), which is slow over a large import.
    cursor.execute(f"CREATE TEMP TABLE import_pii_plain ON COMMIT DROP AS {PII_TO_ENCRYPT_SQL}", {"now": now})
    reader = connection.connection.cursor(name="import_pii_reader")
    reader.execute("SELECT * FROM import_pii_plain")
    while batch := reader.fetchmany(PII_BATCH):
        lines = (
            f"{order_id}\t{encrypt_text(chr(10).join((city, state, postal_code)))}\n".encode()
            for order_id, city, state, postal_code in batch
        )
        copy_from(cursor, "COPY import_pii (order_id, ship_to) FROM STDIN", ChunkStream(lines))
    reader.close()
    cursor.execute("UPDATE orders_order o SET ship_to = p.ship_to FROM import_pii p WHERE o.id = p.order_id")
    cursor.execute("DROP TABLE import_pii_plain")
