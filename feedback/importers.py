"""Feedback's report types, registered with the orders import framework:
the seller feedback report (GET_SELLER_FEEDBACK_DATA) and the account-health
report (GET_V2_SELLER_PERFORMANCE_REPORT)."""

import json
import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_datetime
from psycopg2.extras import execute_values

from feedbackhub.tenancy.models import Marketplace
from orders.imports.batches import parsed_rows_upsert
from orders.imports.reading import FileRejected, RowProblem
from orders.imports.registry import ReportType, header_columns, report_type_register
from orders.imports.upsert import UpsertCounts

from .models import AccountHealthSnapshot
from .services import feedback_gone_from_report

ORDER_ID = re.compile(r"^\d{3}-\d{7}-\d{7}$")
FEEDBACK_COLUMNS = ("date", "rating", "comments", "response", "order id")
# The report's columns in Amazon's documented order; a localised header keeps it.
FEEDBACK_COLUMN_ORDER = (*FEEDBACK_COLUMNS, "rater email")
# Header names as Seller Central writes them per marketplace ("Your Response"
# in real English files; the others localised). Matched after lower-casing.
FEEDBACK_HEADER_ALIASES = {
    "date": {"date", "datum", "fecha", "data", "日付"},
    "rating": {
        "rating",
        "bewertung",
        "évaluation",
        "evaluation",
        "note",
        "valoración",
        "calificación",
        "valutazione",
        "評価",
    },
    "comments": {
        "comments",
        "comment",
        "kommentare",
        "kommentar",
        "commentaires",
        "comentarios",
        "commenti",
        "コメント",
    },
    "response": {
        "response",
        "your response",
        "ihre antwort",
        "antwort",
        "votre réponse",
        "réponse",
        "tu respuesta",
        "su respuesta",
        "respuesta",
        "la tua risposta",
        "risposta",
        "あなたの返信",
        "返信",
    },
    "order id": {
        "order id",
        "bestellnummer",
        "numéro de commande",
        "n° de commande",
        "número de pedido",
        "id del pedido",
        "numero ordine",
        "numero d'ordine",
        "id ordine",
        "注文番号",
    },
    "rater email": {
        "rater email",
        "e-mail-adresse des bewerters",
        "adresse e-mail de l'évaluateur",
        "correo electrónico del evaluador",
        "e-mail del valutatore",
        "評価者のeメール",
        "評価者のメールアドレス",
    },
}
_CANONICAL = {alias: name for name, aliases in FEEDBACK_HEADER_ALIASES.items() for alias in aliases}
ANY_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
MAX_JSON_CHARS = 50 * 1024 * 1024
HUMAN_FORMAT = {"%m": "MM", "%d": "DD", "%y": "YY", "%Y": "YYYY"}


def human_date_format(strftime_format):
    for code, label in HUMAN_FORMAT.items():
        strftime_format = strftime_format.replace(code, label)
    return strftime_format


def feedback_columns(first_line):
    """The header's columns as canonical names ('' for one no spelling knows)."""
    return [_CANONICAL.get(column, "") for column in header_columns(first_line)]


def recognise_feedback(first_line):
    return {"date", "rating", "order id"} <= set(feedback_columns(first_line))


def recognise_feedback_content(sample):
    """A header in a language no alias covers: six columns in Amazon's order
    whose rows hold a date, a 1–5 rating and a 3-7-7 order id."""
    header, rows = sample[0], [line for line in sample[1:] if line.strip()]
    if len(header.split("\t")) != len(FEEDBACK_COLUMN_ORDER) or not rows:
        return False
    for line in rows:
        values = [value.strip() for value in line.split("\t")]
        if len(values) < len(FEEDBACK_COLUMNS):
            return False
        date, rating, order_id = values[0], values[1], values[FEEDBACK_COLUMNS.index("order id")]
        if not (ANY_DATE.match(date) and rating in {"1", "2", "3", "4", "5"} and ORDER_ID.match(order_id)):
            return False
    return True


def parse_feedback_row(row, marketplace):
    order_id = row["order id"].strip()
    if not ORDER_ID.match(order_id):
        raise RowProblem("Order ID", "not an Amazon order id (3-7-7 digits)", order_id)
    raw_date = row["date"].strip()
    try:
        feedback_date = datetime.strptime(raw_date, marketplace.date_format).date()
    except ValueError as error:
        expected = human_date_format(marketplace.date_format)
        raise RowProblem("Date", f"not a date in {marketplace.code} format {expected}", raw_date) from error
    raw_rating = row["rating"].strip()
    if not raw_rating.isdigit() or not 1 <= int(raw_rating) <= 5:
        raise RowProblem("Rating", "must be a whole number from 1 to 5", raw_rating)
    return (order_id, int(raw_rating), row.get("comments", "").strip(), row.get("response", "").strip(), feedback_date)


FEEDBACK_UPSERT_SQL = """
WITH incoming (account_id, marketplace_id, amazon_order_id, rating, comment, seller_response, feedback_date)
  AS (VALUES %s),
upserted AS (
  INSERT INTO feedback_feedback (account_id, marketplace_id, order_id, amazon_order_id, rating, comment,
                                 seller_response, feedback_date, state, created_at, updated_at)
  SELECT i.account_id::bigint, i.marketplace_id, o.id, i.amazon_order_id, i.rating::smallint, i.comment,
         i.seller_response,
         i.feedback_date::date, 'live', now(), now()
  FROM incoming i
  LEFT JOIN orders_order o ON o.account_id = i.account_id::bigint AND o.amazon_order_id = i.amazon_order_id
  ON CONFLICT (account_id, amazon_order_id) DO UPDATE SET
    rating = EXCLUDED.rating, comment = EXCLUDED.comment, seller_response = EXCLUDED.seller_response,
    feedback_date = EXCLUDED.feedback_date, order_id = COALESCE(feedback_feedback.order_id, EXCLUDED.order_id),
    updated_at = now()
  WHERE (feedback_feedback.rating, feedback_feedback.comment, feedback_feedback.seller_response,
         feedback_feedback.feedback_date)
        IS DISTINCT FROM (EXCLUDED.rating, EXCLUDED.comment, EXCLUDED.seller_response, EXCLUDED.feedback_date)
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted
"""


def _upsert_feedback(cursor, job, feedback):
    rows = [(job.account_id, job.marketplace_id, *row) for row in feedback]
    return execute_values(cursor, FEEDBACK_UPSERT_SQL, rows, page_size=len(rows), fetch=True)[0]


def _tsv_row(line, columns):
    values = line.split("\t")
    if len(values) < len(columns):
        values += [""] * (len(columns) - len(values))
    return dict(zip(columns, values, strict=False))


def run_feedback(*, job, report, lines, progress):
    header_no, header = next(lines)
    columns = feedback_columns(header)
    if not recognise_feedback(header) and len(columns) == len(FEEDBACK_COLUMN_ORDER):
        columns = list(FEEDBACK_COLUMN_ORDER)  # localised names, recognised by content: Amazon's order
    missing = [name for name in FEEDBACK_COLUMNS if name not in columns]
    if missing:
        raise FileRejected(f"The feedback report is missing required column(s): {', '.join(missing)} (line 1).")
    seen = []

    def upsert(cursor, feedback):
        seen.extend((row[0], row[-1]) for row in feedback)
        return _upsert_feedback(cursor, job, feedback)

    counts = parsed_rows_upsert(
        job=job,
        lines=lines,
        progress=progress,
        parse=lambda line: parse_feedback_row(_tsv_row(line, columns), job.marketplace),
        key=lambda feedback: feedback[0],  # one feedback per order
        duplicate=lambda feedback, first: RowProblem(
            "Order ID", f"the same order already has feedback on line {first}", feedback[0]
        ),
        upsert=upsert,
    )
    if seen:
        dates = [day for _, day in seen]
        feedback_gone_from_report(
            account=job.account,
            marketplace=job.marketplace,
            first_day=min(dates),
            last_day=max(dates),
            order_ids=[order_id for order_id, _ in seen],
        )
    return counts


def recognise_health(first_line):
    return first_line.lstrip("\ufeff \t").startswith("{")


def _count(metric, name, where):
    value = (metric.get(name) or {}).get("count", 0)
    if not isinstance(value, int) or value < 0:
        raise FileRejected(f"{where}.{name}.count is not a whole number: {value!r}")
    return value


def _health_rows(document):
    metrics = document.get("performanceMetrics")
    if not isinstance(metrics, list):
        raise FileRejected("The account health report has no performanceMetrics list.")
    for index, entry in enumerate(metrics):
        marketplace_id = entry.get("marketplaceId")
        if not Marketplace.objects.filter(pk=marketplace_id).exists():
            raise FileRejected(
                f"performanceMetrics[{index}].marketplaceId is not a known marketplace: {marketplace_id!r}"
            )
        for side in ("afn", "mfn"):
            metric = (entry.get("orderDefectRate") or {}).get(side)
            if not metric:
                continue
            where = f"performanceMetrics[{index}].orderDefectRate.{side}"
            span = metric.get("reportingDateRange") or {}
            date_from = parse_datetime(str(span.get("reportingDateFrom", "")))
            date_to = parse_datetime(str(span.get("reportingDateTo", "")))
            if date_from is None or date_to is None:
                raise FileRejected(f"{where}.reportingDateRange has no valid reportingDateFrom/reportingDateTo.")
            try:
                rate = Decimal(str(metric.get("rate", 0)))
                target = Decimal(str(metric.get("targetValue", "0.01")))
            except InvalidOperation as error:
                raise FileRejected(f"{where}.rate is not a number.") from error
            yield {
                "marketplace_id": marketplace_id,
                "fulfillment": side,
                "date_from": date_from,
                "date_to": date_to,
                "order_count": metric.get("orderCount", 0),
                "orders_with_defects": _count(metric, "orderWithDefects", where),
                "claims": _count(metric, "claims", where),
                "chargebacks": _count(metric, "chargebacks", where),
                "negative_feedback": _count(metric, "negativeFeedback", where),
                "rate": rate,
                "target": target,
                "status": str(metric.get("status", ""))[:20],
            }


def run_health(*, job, report, lines, progress):
    text, size = [], 0
    for _, line in lines:
        size += len(line) + 1
        if size > MAX_JSON_CHARS:
            raise FileRejected("The account health report is larger than 50 MB: not an account health report.")
        text.append(line)
    try:
        document = json.loads("\n".join(text))
    except json.JSONDecodeError as error:
        raise FileRejected(f"Not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}.") from error
    counts = UpsertCounts()
    for row in _health_rows(document):
        counts.rows += 1
        key = {k: row.pop(k) for k in ("marketplace_id", "fulfillment", "date_from", "date_to")}
        existing = AccountHealthSnapshot.objects.filter(account=job.account, **key).first()
        if existing is None:
            AccountHealthSnapshot.objects.create(account=job.account, **key, **row)
            counts.created += 1
        elif any(getattr(existing, name) != value for name, value in row.items()):
            AccountHealthSnapshot.objects.filter(pk=existing.pk).update(**row)
            counts.updated += 1
        else:
            counts.unchanged += 1
    if counts.rows == 0:
        raise FileRejected("The account health report has no orderDefectRate figures.")
    return counts


FEEDBACK_REPORT = report_type_register(
    ReportType(
        key="seller_feedback",
        label="Seller feedback report",
        recognise=recognise_feedback,
        recognise_content=recognise_feedback_content,
        run=run_feedback,
        needs_marketplace=True,
        description=(
            "Seller Central → Performance → Feedback → Download (tab-separated; dates in the marketplace's format)."
        ),
        columns=("Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email"),
    )
)
ACCOUNT_HEALTH_REPORT = report_type_register(
    ReportType(
        key="account_health",
        label="Account health report (JSON)",
        recognise=recognise_health,
        run=run_health,
        description="GET_V2_SELLER_PERFORMANCE_REPORT: Amazon's own ODR per FBA/FBM with its date range.",
    )
)
