"""The SQL of an order import, over the tables it builds in turn:

import_order_rows_<backend pid> (the rows as COPY loaded them, all text,
UNLOGGED: see staging_sql) → CHECK
→ import_order_checked (each row's first problem, if any) → FOLD
→ import_orders (one row per order) → UPSERT → import_touched and
import_item_changes (what changed) → COUNTS.
"""

from feedbackhub.rules import IMPORTED_DATE_REASON, imported_date_ok_sql, pii_retention_end_sql

from ..rows import STAGING_COLUMNS


def _literal(text):
    return "'" + str(text).replace("'", "''") + "'"


STAGING_PREFIX = "import_order_rows_"


def staging_table(backend_pid):
    """The staging table's name: one per connection, so imports running at
    the same time never meet."""
    return f"{STAGING_PREFIX}{int(backend_pid)}"


def staging_sql(table, first_line_no, extra_columns, defaults=None):
    """The staging table: every canonical column as text ('' when a file lacks
    it, or the report type's default: e.g. AFN for a report of FBA shipments),
    the file's unknown columns (ignored), line numbers from a sequence (COPY
    keeps file order).

    UNLOGGED, not TEMP: PostgreSQL never scans a temporary table in parallel,
    and the row check (check_sql), the heaviest statement of an import, then
    runs on one core (1,000,000 rows: 13.6 s on one, 9.2 s in parallel on
    this 2-core machine, bench/import_orders.py). Created inside the import's
    transaction, the table is seen by no other session (nor by autovacuum)
    until commit, writes no WAL, and goes with a rollback or a crash like a
    temporary one; order_copy_upsert drops it before it returns."""
    defaults = defaults or {}
    columns = ["line_no bigint DEFAULT nextval('import_line_seq')"]
    columns += [f"{name} text DEFAULT {_literal(defaults.get(name, ''))}" for name in STAGING_COLUMNS[1:-1]]
    columns += [f"{name} text" for name in extra_columns] + ["problem text"]
    return (
        f"DROP TABLE IF EXISTS {table}; DROP SEQUENCE IF EXISTS import_line_seq; "
        f"CREATE TEMP SEQUENCE import_line_seq START {int(first_line_no)}; "
        f"CREATE UNLOGGED TABLE {table} ({', '.join(columns)})"
    )


# PostgreSQL's names for the encodings reports come in.
PG_ENCODING = {"utf-8": "UTF8", "utf-8-sig": "UTF8", "cp1252": "WIN1252", "cp932": "SJIS"}


def staging_copy_sql(table, copy_columns, encoding):
    """The COPY that loads a file's columns (staging names) into the staging table."""
    return f"COPY {table} ({', '.join(copy_columns)}) FROM STDIN WITH (FORMAT text, ENCODING '{PG_ENCODING[encoding]}')"


# The import commits with the server's synchronous_commit: the user is told it is saved.
SESSION_SQL = "SET LOCAL work_mem = '256MB'"
# The tables after the staging one are TEMP: they live in the session's local buffers (8 MB
# by default), and a big file then goes through the kernel page by page in
# every statement. PostgreSQL takes a new size only before the session's
# first temporary table (orders.imports.upsert tries it in a savepoint). The
# buffers are allocated as used, at most this much per session.
TEMP_BUFFERS_SQL = "SET LOCAL temp_buffers = '256MB'"

ISO_DATETIME = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$"
STATUS_MAP = {
    "pending": "Pending",
    "unshipped": "Unshipped",
    "shipping": "Unshipped",
    "partiallyshipped": "PartiallyShipped",
    "partially shipped": "PartiallyShipped",
    "shipped": "Shipped",
    "shipped - delivered to buyer": "Shipped",
    "complete": "Shipped",
    "canceled": "Canceled",
    "cancelled": "Canceled",
    "unfulfillable": "Unfulfillable",
    "invoiceunconfirmed": "InvoiceUnconfirmed",
    "pendingavailability": "PendingAvailability",
}
CHANNEL_MAP = {"afn": "AFN", "amazon": "AFN", "mfn": "MFN", "merchant": "MFN"}


def _map_sql(column, mapping):
    cases = " ".join(f"WHEN '{key}' THEN '{value}'" for key, value in mapping.items())
    return f"CASE lower(btrim({column})) {cases} END"


# Shapes of ISO_DATETIME that reports and the API nearly always use, tested
# with translate() (digits → 0), which is cheaper than the regular expression;
# any other text still gets the full expression.
ISO_COMMON_SHAPES = ("0000-00-00T00:00:00+00:00", "0000-00-00T00:00:00Z")


def _iso_datetime_sql(column):
    """SQL: `column` matches ISO_DATETIME (a fast path for the common shapes)."""
    shapes = ", ".join(f"'{shape}'" for shape in ISO_COMMON_SHAPES)
    return f"(translate({column}, '0123456789', '0000000000') IN ({shapes}) OR {column} ~ '{ISO_DATETIME}')"


# A rejection is "column|reason" then, after VALUE_SEP, the offending value
# (REJECTIONS_SQL splits them); the reason keeps a short copy for reading.
VALUE_SEP = "chr(31)"
VALUE_MAX = 200


def _reject(label, reason, value_sql=None):
    """SQL text of a rejection: the column's name in the file, the reason and
    (when given) the value, which the reason also shows, shortened."""
    head = _literal(f"{label}|{reason}")
    if value_sql is None:
        return head
    return f"{head[:-1]}: ' || left({value_sql}, 60) || {VALUE_SEP} || left({value_sql}, {VALUE_MAX})"


def default_label(name):
    """The All Orders report's name for a staging column."""
    return "last-updated-date" if name == "last_updated" else name.replace("_", "-")


def _valid_datetime_sql(column):
    """SQL: the text `column` is a date-time an import reads (ISO 8601 and valid)."""
    return f"({_iso_datetime_sql(column)} AND pg_input_is_valid({column}, 'timestamptz'))"


def _typed_datetime_sql(column):
    """SQL: the text `column` as timestamptz, NULL when empty or not a date-time
    (only a valid one is cast)."""
    return f"CASE WHEN {column} <> '' AND {_valid_datetime_sql(column)} THEN {column}::timestamptz END"


def _optional_datetime_check(name, label):
    """Two WHENs over a staged row's text `name` and its typed value: the text
    is a date-time, then it lies in the range an import accepts."""
    return (
        f"WHEN s.{name} <> '' AND s.{name}_ts IS NULL "
        f"THEN {_reject(label, 'not an ISO 8601 date-time', f's.{name}')}\n"
        f"         WHEN NOT {imported_date_ok_sql(f's.{name}_ts')} "
        f"THEN {_reject(label, IMPORTED_DATE_REASON, f's.{name}')}"
    )


# The largest amount a money column (numeric(12, 2)) holds, for item prices
# and for the order total they add up to.
MONEY_MAX = "9999999999.99"
MONEY_MAX_SHOWN = "9,999,999,999.99"
# Text columns stored whole (orders_order.merchant_order_id, orders_orderitem.sku).
ID_MAX_CHARS = 64


# The dates a source may carry or leave empty: checked when present, and on an
# order filled in but never emptied (FILL_IN_FIELDS below).
OPTIONAL_DATES = (
    "earliest_ship_date",
    "latest_ship_date",
    "earliest_delivery_date",
    "latest_delivery_date",
    "shipped_at",
    "delivered_at",
)
# The dates of a staged row, typed once by check_sql (the checked table keeps
# them as timestamptz under the same names, NULL when empty)...
DATE_COLUMNS = ("purchase_date", "last_updated", *OPTIONAL_DATES)
PRICE_SHAPE = r"^-?[0-9]{1,10}(\.[0-9]{1,4})?$"
# ...and the other typed values: quantity (integer) and item_price_value
# (numeric; item_price keeps the text, shown in rejections).
TYPED_SQL = ", ".join(
    [f"{_typed_datetime_sql(f's.{name}')} AS {name}_ts" for name in DATE_COLUMNS]
    + [
        "CASE WHEN s.quantity ~ '^[0-9]{1,9}$' THEN s.quantity::integer END AS quantity_value",
        f"CASE WHEN s.item_price ~ '{PRICE_SHAPE}' THEN s.item_price::numeric END AS item_price_value",
    ]
)
# The staging columns later steps read (not the file's ignored ones), typed.
CHECKED_COLUMNS = ", ".join(
    f"s.{name}_ts AS {name}"
    if name in DATE_COLUMNS
    else "s.quantity_value AS quantity"
    if name == "quantity"
    else f"s.{name}"
    for name in STAGING_COLUMNS[:-1]
)


def _checked_date(column):
    """A date column of a checked row as SQL (NULL for one no order source carries)."""
    return column if column in DATE_COLUMNS else "NULL"


# Same partition as the duplicate check in check_sql(): any (order id, SKU)
# seen twice? Usually not, and then the check can skip the window (a full sort).
DUPLICATES_SQL = """
SELECT EXISTS (
  SELECT 1 FROM {table} s
  GROUP BY s.amazon_order_id COLLATE "C", s.sku COLLATE "C"
  HAVING count(*) > 1
)
"""
EMAIL_ADDRESS = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _duplicate_check(label):
    return f"""
         WHEN count(*) OVER same_item > 1 AND s.line_no <> min(s.line_no) OVER same_item
           THEN '{label}|the same order and SKU already appear on line ' || (min(s.line_no) OVER same_item)::text
                || {VALUE_SEP} || left(s.sku, {VALUE_MAX})"""


DUPLICATE_WINDOW = """
WINDOW same_item AS (PARTITION BY s.amazon_order_id COLLATE "C", s.sku COLLATE "C")"""


def _labeller(labels):
    labels = labels or {}

    def label(name):
        return labels.get(name, default_label(name)).replace("'", "")

    return label


def check_sql(*, table, duplicates, labels=None):
    """Each staged row with the first problem found in it (`reject`, NULL
    when none); the duplicate (order id, SKU) check only when `duplicates`
    (DUPLICATES_SQL found some). labels: the file's name for a staging
    column where it is not the All Orders one (rejections name the file's
    column)."""
    label = _labeller(labels)
    duplicate_check = _duplicate_check(label("sku")) if duplicates else ""
    duplicate_window = DUPLICATE_WINDOW if duplicates else ""
    optional_dates = "\n         ".join(_optional_datetime_check(name, label(name)) for name in OPTIONAL_DATES)
    order_id_reason = "not an Amazon order id (17 digits as 3-7-7, e.g. 112-1234567-1234567)"
    channel_reason = "expected Amazon (FBA) or Merchant (FBM)"
    too_long = f"longer than {ID_MAX_CHARS} characters"
    return f"""
CREATE TEMP TABLE import_order_checked ON COMMIT DROP AS
SELECT {CHECKED_COLUMNS}, s.item_price_value,
       COALESCE(s.m_id, CASE WHEN lower(btrim(s.sales_channel)) <> 'non-amazon'
                           THEN %(default_marketplace)s END) AS marketplace_id,
       {_map_sql("s.order_status", STATUS_MAP)} AS status_value,
       {_map_sql("s.fulfillment_channel", CHANNEL_MAP)} AS channel_value,
       CASE
         WHEN s.problem IS NOT NULL THEN s.problem
         WHEN s.amazon_order_id !~ '^[0-9]{{3}}-[0-9]{{7}}-[0-9]{{7}}$'
           THEN {_reject(label("amazon_order_id"), order_id_reason, "s.amazon_order_id")}
         WHEN length(s.merchant_order_id) > {ID_MAX_CHARS}
           THEN {_reject(label("merchant_order_id"), too_long, "s.merchant_order_id")}
         WHEN s.purchase_date_ts IS NULL
           THEN {_reject(label("purchase_date"), "not an ISO 8601 date-time", "s.purchase_date")}
         WHEN NOT {imported_date_ok_sql("s.purchase_date_ts")}
           THEN {_reject(label("purchase_date"), IMPORTED_DATE_REASON, "s.purchase_date")}
         {_optional_datetime_check("last_updated", label("last_updated"))}
         WHEN {_map_sql("s.order_status", STATUS_MAP)} IS NULL
           THEN {_reject(label("order_status"), "unknown order status", "s.order_status")}
         WHEN {_map_sql("s.fulfillment_channel", CHANNEL_MAP)} IS NULL
           THEN {_reject(label("fulfillment_channel"), channel_reason, "s.fulfillment_channel")}
         WHEN s.m_id IS NULL AND (%(default_marketplace)s IS NULL OR lower(btrim(s.sales_channel)) = 'non-amazon')
           THEN '{label("sales_channel")}|not an Amazon marketplace: ' || left(s.sales_channel, 60)
                || ' (choose the marketplace when uploading)' || {VALUE_SEP} || left(s.sales_channel, {VALUE_MAX})
         WHEN btrim(s.sku) = '' THEN '{label("sku")}|missing'
         WHEN length(s.sku) > {ID_MAX_CHARS} THEN {_reject(label("sku"), too_long, "s.sku")}
         WHEN s.quantity_value IS NULL
           THEN {_reject(label("quantity"), "not a whole number of 0 or more", "s.quantity")}
         WHEN s.item_price <> '' AND s.item_price_value IS NULL
           THEN {_reject(label("item_price"), "not a number", "s.item_price")}
         WHEN s.item_price LIKE '-%%' THEN {_reject(label("item_price"), "negative", "s.item_price")}
         WHEN round(s.item_price_value, 2) > {MONEY_MAX}
           THEN {_reject(label("item_price"), f"more than {MONEY_MAX_SHOWN}, the largest amount kept", "s.item_price")}
         WHEN s.currency <> '' AND s.currency !~ '^[A-Z]{{3}}$'
           THEN {_reject(label("currency"), "not an ISO currency code", "s.currency")}
         {optional_dates}
         WHEN s.buyer_email <> '' AND btrim(s.buyer_email) !~ '{EMAIL_ADDRESS}'
           THEN {_reject(label("buyer_email"), "not an email address", "s.buyer_email")}{duplicate_check}
       END AS reject
FROM (
  -- OFFSET 0: typed once per row here, not again in every WHEN that reads them.
  SELECT s.*, m.id AS m_id, {TYPED_SQL}
  FROM {table} s
  LEFT JOIN tenancy_marketplace m ON lower(m.domain) = lower(btrim(s.sales_channel))
  OFFSET 0
) s{duplicate_window}
"""


def order_total_check_sql(labels=None):
    """After FOLD: an order whose items add up past MONEY_MAX leaves
    import_orders, and each of its rows is rejected, naming the total."""
    label = _labeller(labels)("item_price")
    reason = (
        f"{label}|the items of order ' || c.amazon_order_id || ' add up to ' || t.order_total::text || ', "
        f"more than {MONEY_MAX_SHOWN}, the largest order total kept"
    )
    return f"""
WITH too_big AS (
  DELETE FROM import_orders WHERE round(order_total, 2) > {MONEY_MAX} RETURNING amazon_order_id, order_total
)
UPDATE import_order_checked c
SET reject = '{reason}' || {VALUE_SEP} || left(c.item_price, {VALUE_MAX})
FROM too_big t
WHERE c.amazon_order_id = t.amazon_order_id AND c.reject IS NULL
"""


# Staged rows numbered past left-out blank lines (orders.imports.tsv) get
# their file line numbers back: each row moves by the shift of the last
# blank run before it.
LINE_SHIFT_SQL = """
UPDATE {table} r
SET line_no = r.line_no + (SELECT s.shift FROM import_line_shift s WHERE s.staged_from <= r.line_no
                           ORDER BY s.staged_from DESC LIMIT 1)
WHERE r.line_no >= (SELECT min(staged_from) FROM import_line_shift)
"""


# The rejection's column, reason and (after VALUE_SEP) the value it refused.
REJECTION_REASON_SQL = f"split_part(substr(reject, strpos(reject, '|') + 1), {VALUE_SEP}, 1)"
REJECTIONS_SQL = f"""
INSERT INTO orders_importrejection (job_id, line_no, "column", value, reason)
SELECT %(job_id)s, line_no, split_part(reject, '|', 1), left(split_part(reject, {VALUE_SEP}, 2), {VALUE_MAX}),
       left({REJECTION_REASON_SQL}, 300)
FROM import_order_checked WHERE reject IS NOT NULL
"""

# DISTINCT ON picks each order's newest row first; the conversions then run
# once per order rather than once per item row.
FOLD_SQL = f"""
CREATE TEMP TABLE import_orders ON COMMIT DROP AS
SELECT amazon_order_id, marketplace_id, merchant_order_id, purchase_date,
       last_updated_ts AS last_updated,
       status_value AS status, channel_value AS fulfillment_channel,
       left(sales_channel, 30) AS sales_channel, left(ship_service_level, 40) AS ship_service_level,
       earliest_ship_date, latest_ship_date, earliest_delivery_date, latest_delivery_date, shipped_at, delivered_at,
       order_total,
       upper(left(currency, 3)) AS currency,
       lower(is_business_order) IN ('true', '1', 'yes') AS is_business_order,
       lower(is_prime) IN ('true', '1', 'yes') AS is_prime,
       lower(is_replacement_order) IN ('true', '1', 'yes') AS is_replacement_order,
       upper(left(ship_country, 2)) AS ship_country,
       ship_city, ship_state, ship_postal_code,
       lower(btrim(buyer_email)) AS buyer_email, left(btrim(buyer_name), 200) AS buyer_name,
       {pii_retention_end_sql(column_sql=_checked_date)} <= %(now)s AS pii_expired
FROM (
  SELECT DISTINCT ON (amazon_order_id COLLATE "C") *,
         COALESCE(last_updated, purchase_date) AS last_updated_ts,
         sum(item_price_value) OVER same_order AS order_total
  FROM import_order_checked
  WHERE reject IS NULL
  WINDOW same_order AS (PARTITION BY amazon_order_id COLLATE "C")
  ORDER BY amazon_order_id COLLATE "C", COALESCE(last_updated, purchase_date) DESC, line_no DESC
) newest
ORDER BY amazon_order_id COLLATE "C"
"""

# What every order source says about an order, replaced as a whole by newer data…
ORDER_FIELDS = (
    "marketplace_id, merchant_order_id, purchase_date, last_updated, status, fulfillment_channel, sales_channel, "
    "ship_service_level, order_total, currency, is_business_order, is_prime, is_replacement_order, ship_country"
).split(", ")
# …and what a source may know or not (NULL): a known value is never replaced by NULL.
FILL_IN_FIELDS = list(OPTIONAL_DATES)

# The merge rule (see orders.imports.upsert): rows of a dated source (All
# Orders, SP-API) replace ORDER_FIELDS when their last-updated is newer (or
# equal and different); a supplementary report (%(fills_in)s: no
# last-updated) never touches them on an existing order. FILL_IN_FIELDS take
# the incoming value when it is known, from a supplementary report always,
# from a dated source when it is not older.
_NEWER = "(NOT %(fills_in)s AND orders_order.last_updated <= EXCLUDED.last_updated)"
_FILLS_IN = "(%(fills_in)s OR orders_order.last_updated <= EXCLUDED.last_updated)"


def _filled(name):
    return f"COALESCE(EXCLUDED.{name}, orders_order.{name})"


def _when(condition, value, name):
    return f"CASE WHEN {condition} THEN {value} ELSE orders_order.{name} END"


UPSERT_ORDERS_SQL = f"""
CREATE TEMP TABLE import_touched ON COMMIT DROP AS
WITH upserted AS (
  INSERT INTO orders_order (account_id, amazon_order_id, {", ".join(ORDER_FIELDS + FILL_IN_FIELDS)},
                            buyer_name, buyer_email, ship_to, buyer_key, pii_purged_at, created_at, updated_at)
  SELECT %(account_id)s, amazon_order_id, {", ".join(ORDER_FIELDS + FILL_IN_FIELDS)}, '', '', '', '',
         CASE WHEN pii_expired THEN %(now)s END, now(), now()
  FROM import_orders
  ON CONFLICT (account_id, amazon_order_id) DO UPDATE SET
    {", ".join(f"{name} = {_when(_NEWER, f'EXCLUDED.{name}', name)}" for name in ORDER_FIELDS)},
    {", ".join(f"{name} = {_when(_FILLS_IN, _filled(name), name)}" for name in FILL_IN_FIELDS)},
    updated_at = now()
  WHERE ({_NEWER}
         AND (orders_order.last_updated < EXCLUDED.last_updated
              OR ({", ".join(f"orders_order.{name}" for name in ORDER_FIELDS)})
                 IS DISTINCT FROM ({", ".join(f"EXCLUDED.{name}" for name in ORDER_FIELDS)})))
     OR ({_FILLS_IN}
         AND ({", ".join(_filled(name) for name in FILL_IN_FIELDS)})
             IS DISTINCT FROM ({", ".join(f"orders_order.{name}" for name in FILL_IN_FIELDS)}))
  RETURNING id, amazon_order_id, (xmax = 0) AS inserted, last_updated
)
SELECT * FROM upserted
"""

# The items of the orders just inserted (none stored yet: a plain INSERT),
# from the rows not older than their order; their orders count as created.
INSERT_NEW_ITEMS_SQL = """
INSERT INTO orders_orderitem (order_id, sku, asin, title, quantity, item_price, item_status)
SELECT t.id, c.sku, left(c.asin, 10), left(c.title, 500), c.quantity,
       c.item_price_value, left(c.item_status, 30)
FROM import_order_checked c
JOIN import_touched t ON t.amazon_order_id = c.amazon_order_id AND t.inserted
WHERE c.reject IS NULL
  AND t.last_updated <= COALESCE(c.last_updated, c.purchase_date)
ORDER BY t.id
"""

# The items of the orders stored before this import: upserted, and the
# orders whose items changed noted.
UPSERT_ITEMS_SQL = """
CREATE TEMP TABLE import_item_changes ON COMMIT DROP AS
WITH changed AS (
  INSERT INTO orders_orderitem (order_id, sku, asin, title, quantity, item_price, item_status)
  SELECT o.id, c.sku, left(c.asin, 10), left(c.title, 500), c.quantity,
         c.item_price_value, left(c.item_status, 30)
  FROM import_order_checked c
  JOIN orders_order o ON o.account_id = %(account_id)s AND o.amazon_order_id = c.amazon_order_id
  WHERE c.reject IS NULL
    AND NOT EXISTS (SELECT 1 FROM import_touched t WHERE t.inserted AND t.amazon_order_id = c.amazon_order_id)
    AND o.last_updated <= COALESCE(c.last_updated, c.purchase_date)
  ORDER BY o.id
  ON CONFLICT (order_id, sku) DO UPDATE SET
    asin = EXCLUDED.asin, title = EXCLUDED.title, quantity = EXCLUDED.quantity,
    item_price = EXCLUDED.item_price, item_status = EXCLUDED.item_status
  WHERE (orders_orderitem.asin, orders_orderitem.title, orders_orderitem.quantity,
         orders_orderitem.item_price, orders_orderitem.item_status)
        IS DISTINCT FROM (EXCLUDED.asin, EXCLUDED.title, EXCLUDED.quantity,
                          EXCLUDED.item_price, EXCLUDED.item_status)
  RETURNING order_id
)
SELECT DISTINCT order_id FROM changed
"""

NO_ITEM_CHANGES_SQL = "CREATE TEMP TABLE import_item_changes (order_id bigint) ON COMMIT DROP"

# Orders count once: created, or updated at order or item level, else unchanged.
COUNTS_SQL = """
SELECT (SELECT count(*) FROM import_touched WHERE inserted),
       (SELECT count(*) FROM import_touched WHERE NOT inserted)
         + (SELECT count(*) FROM import_item_changes i
            WHERE NOT EXISTS (SELECT 1 FROM import_touched t WHERE t.id = i.order_id))
         + (SELECT count(*) FROM import_pii p
            WHERE p.untouched AND NOT EXISTS (SELECT 1 FROM import_item_changes i WHERE i.order_id = p.order_id)),
       (SELECT count(*) FROM import_orders),
       (SELECT count(*) FROM import_order_checked WHERE reject IS NOT NULL),
       (SELECT count(*) FROM import_order_checked)
"""

MARKETPLACES_SQL = """
INSERT INTO tenancy_sellermarketplace (account_id, marketplace_id)
SELECT DISTINCT %(account_id)s, marketplace_id FROM import_orders
ON CONFLICT (account_id, marketplace_id) DO NOTHING
"""

# Buyer personal data (ship-to, email, name) of the file's orders still inside
# Amazon's 30-day retention (feedbackhub.rules.pii_retention_end), with what
# is stored already: orders.imports.upsert.shipto decides what to write.
PII_TO_ENCRYPT_SQL = f"""
SELECT o.id, t.id IS NOT NULL AS touched, o.ship_to = '' AS ship_to_empty, o.buyer_email = '' AS email_empty,
       o.buyer_name = '' AS name_empty, o.buyer_key,
       io.ship_city, io.ship_state, io.ship_postal_code, io.buyer_email, io.buyer_name
FROM import_orders io
JOIN orders_order o ON o.account_id = %(account_id)s AND o.amazon_order_id = io.amazon_order_id
LEFT JOIN import_touched t ON t.id = o.id
WHERE NOT io.pii_expired AND {pii_retention_end_sql()} > %(now)s AND o.pii_purged_at IS NULL
  AND (io.ship_city <> '' OR io.ship_state <> '' OR io.ship_postal_code <> ''
       OR io.buyer_email <> '' OR io.buyer_name <> '')
"""

# A known value is never replaced by an empty one ('' = nothing to write).
PII_UPDATE_SQL = """
UPDATE orders_order o
SET ship_to = COALESCE(NULLIF(p.ship_to, ''), o.ship_to),
    buyer_email = COALESCE(NULLIF(p.buyer_email, ''), o.buyer_email),
    buyer_name = COALESCE(NULLIF(p.buyer_name, ''), o.buyer_name),
    buyer_key = COALESCE(NULLIF(p.buyer_key, ''), o.buyer_key),
    updated_at = CASE WHEN p.untouched THEN now() ELSE o.updated_at END
FROM import_pii p WHERE o.id = p.order_id
"""

LINK_CLAIMS_SQL = """
UPDATE orders_claim c SET order_id = o.id
FROM orders_order o
WHERE c.account_id = %(account_id)s AND c.order_id IS NULL
  AND o.account_id = c.account_id AND o.amazon_order_id = c.amazon_order_id
"""
