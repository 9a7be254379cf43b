"""A-to-z Guarantee claims and chargebacks, as a CSV this app defines.

Seller Central shows claims on screen only, so sellers copy them into a sheet
with these columns (comma-separated, header required, UTF-8):

    amazon-order-id,claim-type,claim-status,opened-date,closed-date,amount,currency,reason
    112-1234567-1234567,a-to-z,open,2026-10-02,,24.99,USD,Item not received

claim-type: a-to-z | chargeback. claim-status: open | granted | denied | closed.
Dates: YYYY-MM-DD (or ISO 8601 date-time). amount, currency, reason,
closed-date: optional. One claim per order and type: a later file updates it.
"""

import csv
import re
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from psycopg2.extras import execute_values

from feedbackhub.rules import IMPORTED_DATE_REASON, imported_date_ok

from .batches import parsed_rows_upsert
from .reading import FileRejected, RowProblem
from .registry import ReportType, header_check, header_columns, report_type_register

KEY = "claims"
COLUMNS = (
    "amazon-order-id",
    "claim-type",
    "claim-status",
    "opened-date",
    "closed-date",
    "amount",
    "currency",
    "reason",
)
REQUIRED = ("amazon-order-id", "claim-type", "claim-status", "opened-date")
KINDS = {"a-to-z": "atoz", "atoz": "atoz", "a-to-z guarantee": "atoz", "chargeback": "chargeback"}
STATUSES = {"open", "granted", "denied", "closed"}
ORDER_ID = re.compile(r"^\d{3}-\d{7}-\d{7}$")


def recognise(first_line):
    columns = set(header_columns(first_line, delimiter=","))
    return "claim-type" in columns and "amazon-order-id" in columns


def _when(value, column, now):
    value = value.strip()
    try:
        if len(value) == 10:
            moment = datetime.combine(date.fromisoformat(value), time(12), tzinfo=UTC)
        else:
            parsed = datetime.fromisoformat(value)
            moment = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except ValueError as error:
        raise RowProblem(column, "not a date (YYYY-MM-DD)", value) from error
    if not imported_date_ok(moment, now):
        raise RowProblem(column, IMPORTED_DATE_REASON, value)
    return moment


# The largest amount orders_claim.amount (numeric(12, 2)) holds.
AMOUNT_MAX = Decimal("9999999999.99")


def _amount(text):
    try:
        amount = Decimal(text.strip())
    except InvalidOperation as error:
        raise RowProblem("amount", "not a number", text) from error
    if not amount.is_finite():
        raise RowProblem("amount", "not a number", text)
    if amount < 0:
        raise RowProblem("amount", "negative", text)
    if amount >= AMOUNT_MAX + Decimal("0.005"):  # PostgreSQL rounds half up to two places
        raise RowProblem("amount", f"more than {AMOUNT_MAX:,}, the largest amount kept", text)
    return amount


def parse_row(row, now=None):
    now = now or timezone.now()
    order_id = row["amazon-order-id"].strip()
    if not ORDER_ID.match(order_id):
        raise RowProblem("amazon-order-id", "not an Amazon order id (3-7-7 digits)", order_id)
    kind = KINDS.get(row["claim-type"].strip().lower())
    if kind is None:
        raise RowProblem("claim-type", "expected a-to-z or chargeback", row["claim-type"])
    status = row["claim-status"].strip().lower()
    if status not in STATUSES:
        raise RowProblem("claim-status", "expected open, granted, denied or closed", row["claim-status"])
    opened = _when(row["opened-date"], "opened-date", now)
    closed = _when(row["closed-date"], "closed-date", now) if (row.get("closed-date") or "").strip() else None
    if closed and closed < opened:
        raise RowProblem("closed-date", "is before opened-date", row["closed-date"])
    amount = _amount(row["amount"]) if (row.get("amount") or "").strip() else None
    currency = (row.get("currency") or "").strip().upper()[:3]
    reason = (row.get("reason") or "").strip()[:200]
    return (order_id, kind, status, reason, amount, currency, opened, closed)


UPSERT_SQL = """
WITH incoming (amazon_order_id, kind, status, reason, amount, currency, opened_at, closed_at) AS (VALUES %%s),
upserted AS (
  INSERT INTO orders_claim (account_id, order_id, amazon_order_id, kind, status, reason, amount, currency,
                            opened_at, closed_at, updated_at)
  SELECT %(account_id)s, o.id, i.amazon_order_id, i.kind, i.status, i.reason, i.amount::numeric, i.currency,
         i.opened_at::timestamptz, i.closed_at::timestamptz, now()
  FROM incoming i
  LEFT JOIN orders_order o ON o.account_id = %(account_id)s AND o.amazon_order_id = i.amazon_order_id
  ON CONFLICT (account_id, amazon_order_id, kind) DO UPDATE SET
    status = EXCLUDED.status, reason = EXCLUDED.reason, amount = EXCLUDED.amount,
    currency = EXCLUDED.currency, opened_at = EXCLUDED.opened_at, closed_at = EXCLUDED.closed_at,
    updated_at = now()
  WHERE (orders_claim.status, orders_claim.reason, orders_claim.amount, orders_claim.currency,
         orders_claim.opened_at, orders_claim.closed_at)
        IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.reason, EXCLUDED.amount, EXCLUDED.currency,
                          EXCLUDED.opened_at, EXCLUDED.closed_at)
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted
"""


def _upsert(cursor, account, claims):
    # execute_values() takes the rows and no other parameter: the account is
    # bound first, which also turns VALUES %%s into the %s for the rows.
    sql = cursor.mogrify(UPSERT_SQL, {"account_id": account.pk})
    return execute_values(cursor, sql, claims, page_size=len(claims), fetch=True)[0]


def _csv_row(line, columns):
    try:
        values = next(csv.reader([line]))
    except csv.Error as error:  # e.g. a field past the csv module's 131,072 characters
        raise RowProblem("(row)", f"not a CSV row ({error})") from error
    if len(values) != len(columns):
        raise RowProblem("(row)", f"expected {len(columns)} columns, found {len(values)}")
    return dict(zip(columns, values, strict=True))


def run(*, job, report, lines, progress):
    header_no, header = next(lines)
    columns = header_columns(header, delimiter=",")
    header_check(columns, label="claims file")
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise FileRejected(f"The claims file is missing required column(s): {', '.join(missing)} (line 1).")
    now = timezone.now()
    return parsed_rows_upsert(
        job=job,
        lines=lines,
        progress=progress,
        parse=lambda line: parse_row(_csv_row(line, columns), now),
        key=lambda claim: claim[:2],  # one claim per order and type
        duplicate=lambda claim, first: RowProblem(
            "amazon-order-id", f"the same claim is already on line {first}", claim[0]
        ),
        upsert=lambda cursor, claims: _upsert(cursor, job.account, claims),
    )


CLAIMS = report_type_register(
    ReportType(
        key=KEY,
        label="A-to-z claims and chargebacks (CSV)",
        recognise=recognise,
        run=run,
        description="Comma-separated: " + ",".join(COLUMNS),
        columns=COLUMNS,
        brings=("A-to-z claims", "chargebacks"),
        enables="Keeps orders with an open claim out of every campaign; counts claims toward the ODR.",
    )
)
