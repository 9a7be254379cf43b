"""Buyer personal data of the imported orders (ship-to, email, name),
encrypted (Fernet runs in Python), with the keyed digest of the email
(buyer_key) that finds repeat buyers after the purge.

Kept only while an order is inside Amazon's 30-day retention
(feedbackhub.rules.pii_retention_end); older ones are never stored. A value
an import does not carry never erases a stored one. An order the upsert
left alone is written only when it gains a value or its buyer's email
changes, and then counts as updated.
"""

from django.db import connection

from feedbackhub.crypto import blind_index, encrypt_text

from .copy import ChunkStream, copy_escape, copy_from
from .sql import PII_TO_ENCRYPT_SQL, PII_UPDATE_SQL

PII_BATCH = 5000


def _pii_line(row):
    """The import_pii line for one order, or None when nothing is to be written."""
    (order_id, touched, ship_to_empty, email_empty, name_empty, stored_key, city, state, postal_code, email, name) = row
    key = blind_index(email) if email else ""
    new_buyer = bool(key) and key != stored_key
    ship_to = chr(10).join((city, state, postal_code)) if (city or state or postal_code) else ""
    ship_to = ship_to if ship_to and (touched or ship_to_empty) else ""
    email = email if email and (touched or email_empty or new_buyer) else ""
    name = name if name and (touched or name_empty or new_buyer) else ""
    if not (ship_to or email or name):
        return None
    values = [encrypt_text(value) if value else "" for value in (ship_to, email, name)]
    values += [key if email else "", "f" if touched else "t"]
    return f"{order_id}\t" + "\t".join(copy_escape(value) for value in values) + "\n"


def ship_to_encrypt(cursor, now, account_id):
    """Encrypt the buyer data in batches, then one UPDATE.

    A server-side cursor reads the batches; each batch is copied back before
    the next is fetched (a connection cannot FETCH in the middle of a COPY).
    """
    cursor.execute(
        "CREATE TEMP TABLE import_pii (order_id bigint, ship_to text, buyer_email text, buyer_name text, "
        "buyer_key text, untouched boolean) ON COMMIT DROP"
    )
    # Planned as a whole query here: a cursor's plan favours the first rows
    # (nested loops), which is slow over a large import.
    cursor.execute(
        f"CREATE TEMP TABLE import_pii_plain ON COMMIT DROP AS {PII_TO_ENCRYPT_SQL}",
        {"now": now, "account_id": account_id},
    )
    reader = connection.connection.cursor(name="import_pii_reader")
    reader.execute("SELECT * FROM import_pii_plain")
    while batch := reader.fetchmany(PII_BATCH):
        lines = (line.encode() for line in map(_pii_line, batch) if line is not None)
        copy_from(
            cursor,
            "COPY import_pii (order_id, ship_to, buyer_email, buyer_name, buyer_key, untouched) FROM STDIN",
            ChunkStream(lines),
        )
    reader.close()
    cursor.execute(PII_UPDATE_SQL)
    cursor.execute("DROP TABLE import_pii_plain")
