"""Feedback's report types, registered with the orders import framework:
the seller feedback report (GET_SELLER_FEEDBACK_DATA) and the account-health
report (GET_V2_SELLER_PERFORMANCE_REPORT)."""

import json
import re
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from psycopg2.extras import execute_values

from feedbackhub.rules import IMPORTED_DATE_REASON, imported_date_ok
from feedbackhub.statistics import analyze_when_grown
from feedbackhub.tenancy.models import Marketplace
from feedbackhub.tenancy.selectors import account_only_marketplace
from orders.imports.batches import parsed_rows_upsert
from orders.imports.reading import FileRejected, RowProblem
from orders.imports.registry import ReportType, header_check, header_columns, report_type_register
from orders.imports.upsert import UpsertCounts
from orders.models import ImportRejection

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


def parse_feedback_row(row, marketplace, now):
    order_id = row["order id"].strip()
    if not ORDER_ID.match(order_id):
        raise RowProblem("Order ID", "not an Amazon order id (3-7-7 digits)", order_id)
    raw_date = row["date"].strip()
    try:
        feedback_date = datetime.strptime(raw_date, marketplace.date_format).date()
    except ValueError as error:
        expected = human_date_format(marketplace.date_format)
        raise RowProblem("Date", f"not a date in {marketplace.code} format {expected}", raw_date) from error
    if not imported_date_ok(feedback_date, now):
        raise RowProblem("Date", IMPORTED_DATE_REASON, raw_date)
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
    header_check(header_columns(header), label="feedback report", meaning=columns)
    missing = [name for name in FEEDBACK_COLUMNS if name not in columns]
    if missing:
        raise FileRejected(f"The feedback report is missing required column(s): {', '.join(missing)} (line 1).")
    seen, now = [], timezone.now()

    def upsert(cursor, feedback):
        seen.extend((row[0], row[-1]) for row in feedback)
        return _upsert_feedback(cursor, job, feedback)

    counts = parsed_rows_upsert(
        job=job,
        lines=lines,
        progress=progress,
        parse=lambda line: parse_feedback_row(_tsv_row(line, columns), job.marketplace, now),
        key=lambda feedback: feedback[0],  # one feedback per order
        duplicate=lambda feedback, first: RowProblem(
            "Order ID", f"the same order already has feedback on line {first}", feedback[0]
        ),
        upsert=upsert,
    )
    with connection.cursor() as cursor:
        # What the import's transaction runs next (the resolution cases, the rollups) reads the
        # new feedback by order and by day. Planned from statistics taken while the account had
        # little feedback, a first upload of 30,000 rows took 197 s, 5 s with them (180 s of it
        # in the rollup refresh and the new cases' look-up).
        analyze_when_grown(
            cursor,
            added=counts.created,
            believed_sql="SELECT 1 FROM feedback_feedback WHERE account_id = %s",
            params=[job.account_id],
            tables=("feedback_feedback",),
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


ODR_DEFECT_COUNTS = {
    "orderWithDefects": "orders_with_defects",
    "claims": "claims",
    "chargebacks": "chargebacks",
    "negativeFeedback": "negative_feedback",
}
MAX_COUNT = 2**31 - 1  # a PositiveIntegerField's ceiling in PostgreSQL
RATE_PLACES = Decimal("0.000001")  # the snapshot keeps six places: compare what the database will hold


def _shown(value):
    """The offending JSON value as the rejections list shows it."""
    return "" if value is None else json.dumps(value, ensure_ascii=False, default=str)[:200]


def _whole_number(value, column):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise RowProblem(column, "not a whole number of 0 or more", _shown(value))
    return value


def _rate(value, column):
    """A rate as Amazon writes it (0.009 for 0.9 %), rounded as PostgreSQL rounds numeric(7, 6)."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = None
    if isinstance(value, bool) or number is None or not number.is_finite() or not 0 <= number <= 1:
        raise RowProblem(column, "not a rate from 0 to 1", _shown(value))
    return number.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def _reporting_window(span, column):
    bounds = []
    for name in ("reportingDateFrom", "reportingDateTo"):
        raw = span.get(name) if isinstance(span, dict) else None
        try:
            moment = parse_datetime(raw) if isinstance(raw, str) else None
        except ValueError:  # well formed but impossible, such as month 13
            moment = None
        if moment is None:
            raise RowProblem(column, "has no valid reportingDateFrom/reportingDateTo", _shown(span))
        moment = moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)  # Amazon's are UTC
        if not imported_date_ok(moment, timezone.now()):
            raise RowProblem(f"{column}.{name}", IMPORTED_DATE_REASON, _shown(raw))
        bounds.append(moment)
    if bounds[0] > bounds[1]:
        raise RowProblem(column, "reportingDateFrom is after reportingDateTo", _shown(span))
    return bounds


def _odr_side(metric, where):
    """One side's figures (the snapshot's fields), or RowProblem for the first bad one."""
    if not isinstance(metric, dict):
        raise RowProblem(where, "is not an object", _shown(metric))
    date_from, date_to = _reporting_window(metric.get("reportingDateRange"), f"{where}.reportingDateRange")
    figures = {
        "date_from": date_from,
        "date_to": date_to,
        "order_count": _whole_number(metric.get("orderCount", 0), f"{where}.orderCount"),
    }
    for name, field in ODR_DEFECT_COUNTS.items():
        defects = metric.get(name) or {}
        if not isinstance(defects, dict):
            raise RowProblem(f"{where}.{name}", "is not an object", _shown(defects))
        figures[field] = _whole_number(defects.get("count", 0), f"{where}.{name}.count")
    if "rate" not in metric:
        raise RowProblem(f"{where}.rate", "missing: the side has no ODR")
    figures["rate"] = _rate(metric["rate"], f"{where}.rate")
    figures["target"] = _rate(metric.get("targetValue", "0.01"), f"{where}.targetValue")
    figures["status"] = str(metric.get("status") or "")[:20]
    return figures


def _entry_marketplace(entry, where, *, upload_marketplace, known_ids):
    column = f"{where}.marketplaceId"
    marketplace_id = entry.get("marketplaceId")
    if marketplace_id in (None, ""):
        if upload_marketplace is None:
            raise RowProblem(
                column,
                "missing, and no marketplace was chosen on upload: choose the one the report covers",
            )
        return upload_marketplace.pk
    if not isinstance(marketplace_id, str) or marketplace_id not in known_ids:
        raise RowProblem(column, "not a known marketplace", _shown(marketplace_id))
    return marketplace_id


def _health_figures(document, *, upload_marketplace):
    """Every ODR side the report gives well, as snapshot fields, and a RowProblem
    for each entry or side it gives badly: one bad side costs only itself.
    upload_marketplace is taken by the entries that name no marketplaceId."""
    metrics = document.get("performanceMetrics")
    if not isinstance(metrics, list):
        raise FileRejected("The account health report has no performanceMetrics list.")
    known_ids = set(Marketplace.objects.values_list("pk", flat=True))
    figures, problems = [], []
    for index, entry in enumerate(metrics):
        where = f"performanceMetrics[{index}]"
        try:
            if not isinstance(entry, dict):
                raise RowProblem(where, "is not an object", _shown(entry))
            order_defect_rate = entry.get("orderDefectRate") or {}
            if not isinstance(order_defect_rate, dict):
                raise RowProblem(f"{where}.orderDefectRate", "is not an object", _shown(order_defect_rate))
            if not order_defect_rate:
                continue  # other metrics only: nothing of ours, nothing wrong
            marketplace_id = _entry_marketplace(
                entry, where, upload_marketplace=upload_marketplace, known_ids=known_ids
            )
        except RowProblem as problem:
            problems.append(problem)
            continue
        for side in ("afn", "mfn"):
            metric = order_defect_rate.get(side)
            if metric is None:
                continue  # a side the seller does not sell on
            try:
                side_figures = _odr_side(metric, f"{where}.orderDefectRate.{side}")
            except RowProblem as problem:
                problems.append(problem)
                continue
            figures.append({"marketplace_id": marketplace_id, "fulfillment": side, **side_figures})
    return figures, problems


def _json_document(report):
    """The whole document, read as bytes up to IMPORT_MAX_JSON_BYTES, parsed."""
    limit = settings.IMPORT_MAX_JSON_BYTES
    data = report.binary.read(limit + 1)
    if len(data) > limit:
        raise FileRejected(
            f"The account health report is larger than {limit:,} bytes (IMPORT_MAX_JSON_BYTES): "
            "not an account health report."
        )
    try:
        text = data.decode(report.encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FileRejected(f"Line {line} cannot be decoded as {report.encoding}.") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FileRejected(f"Not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}.") from error
    except RecursionError as error:
        raise FileRejected(
            "The account health report is nested too deeply (arrays or objects inside one another "
            "thousands of times): not an account health report."
        ) from error


def run_health(*, job, report, lines, progress):
    document = _json_document(report)
    upload_marketplace = job.marketplace or account_only_marketplace(account=job.account)
    figures, problems = _health_figures(document, upload_marketplace=upload_marketplace)
    if not figures:
        if not problems:
            raise FileRejected("The account health report has no orderDefectRate figures.")
        others = f" ({len(problems) - 1} more problem(s) besides)" if len(problems) > 1 else ""
        first = problems[0]
        shown = f" {first.value}" if first.value else ""
        raise FileRejected(
            f"The account health report has no orderDefectRate figure that can be imported: "
            f"{first.column} {first.reason}{shown}{others}."
        )
    # A JSON document has no report lines: line 0, and the column says where in the document.
    ImportRejection.objects.bulk_create(
        ImportRejection(job=job, line_no=0, column=problem.column, value=problem.value, reason=problem.reason)
        for problem in problems
    )
    counts = UpsertCounts(rows=len(figures) + len(problems), rejected=len(problems))
    for row in figures:
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
        brings=("negative and neutral feedback",),
        enables="Resolution cases and removal requests; keeps unhappy buyers out of feedback requests.",
    )
)
ACCOUNT_HEALTH_REPORT = report_type_register(
    ReportType(
        key="account_health",
        label="Account health report (JSON)",
        recognise=recognise_health,
        run=run_health,
        document=True,
        description="GET_V2_SELLER_PERFORMANCE_REPORT: Amazon's own ODR per FBA/FBM with its date range.",
        brings=("account health (Amazon's ODR)",),
    )
)
