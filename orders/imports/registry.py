"""The report types the importer knows, and how each is recognised.

orders registers its own (All Orders, claims); higher apps register theirs in
AppConfig.ready() (feedback: the seller feedback report and the account
health report), so orders never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .reading import FileRejected


@dataclass(frozen=True)
class ReportType:
    key: str
    label: str
    # Decides from the first line (already decoded) whether a file is of this type.
    recognise: Callable[[str], bool]
    # run(*, job, report, lines, progress) -> ImportCounts; called inside the
    # import's transaction with the open report and its remaining lines.
    run: Callable
    needs_marketplace: bool = False
    # Where in Seller Central (or Amazon's API) the file comes from.
    description: str = ""
    columns: tuple[str, ...] = field(default_factory=tuple)
    # What an import of it brings (orders, delivery dates, buyer addresses,
    # feedback, claims, account health…) and which campaigns it makes
    # possible: the upload page says so for each type.
    brings: tuple[str, ...] = field(default_factory=tuple)
    enables: str = ""
    # When no header is recognised: decides from the first lines (header
    # included) whose column names Amazon may have localised.
    recognise_content: Callable[[list[str]], bool] | None = None
    # One document (JSON) rather than lines: recognise() gets the file's first
    # characters, and run() reads report.binary itself (lines is empty), up to
    # IMPORT_MAX_JSON_BYTES; IMPORT_MAX_LINE_BYTES does not apply.
    document: bool = False


_REGISTRY: dict[str, ReportType] = {}


def report_type_register(report_type):
    _REGISTRY[report_type.key] = report_type
    return report_type


def report_types():
    return list(_REGISTRY.values())


def report_type_get(key):
    return _REGISTRY.get(key)


# Lines a file is judged on when its header is not recognised.
SAMPLE_LINES = 20
# Characters of a file a document type (ReportType.document) is recognised by.
DOCUMENT_START_CHARS = 1024


def document_type_detect(start: str) -> ReportType | None:
    """The document type (ReportType.document) the file's first characters are."""
    return next((kind for kind in _REGISTRY.values() if kind.document and kind.recognise(start)), None)


def report_type_detect(first_line: str, sample: list[str] | None = None) -> ReportType | None:
    """The report type whose header this is; else, from the sample (the
    first lines, header included), one that recognises the content."""
    for report_type in _REGISTRY.values():
        if report_type.recognise(first_line):
            return report_type
    for report_type in _REGISTRY.values():
        if sample and report_type.recognise_content and report_type.recognise_content(sample):
            return report_type
    return None


def header_columns(first_line, delimiter="\t"):
    return [column.strip().strip('"').lower() for column in first_line.lstrip("\ufeff").split(delimiter)]


# Amazon's widest report has about 80 columns; the staging table (one column
# per file column beside its own) must stay under PostgreSQL's 1,600.
MAX_HEADER_COLUMNS = 500


def header_check(names, *, label, meaning=None):
    """Refuse a header too wide to stage, or one naming a column twice (which
    of the two holds the data cannot be known). names: the header's columns;
    meaning: what each one means when several spellings mean one column
    (e.g. a localised header), '' for one not read."""
    if len(names) > MAX_HEADER_COLUMNS:
        raise FileRejected(
            f"Line 1 has {len(names):,} columns; a {label} has at most {MAX_HEADER_COLUMNS:,}: "
            "not a report this app can import."
        )
    first_seen = {}
    for position, (name, means) in enumerate(zip(names, meaning or names, strict=True), start=1):
        if not means:
            continue
        if means in first_seen:
            first = first_seen[means]
            named = f"'{names[first - 1]}' and '{name}'" if names[first - 1] != name else f"'{name}' twice"
            raise FileRejected(
                f"Line 1 names the column {named} (columns {first} and {position}): "
                "remove one of them, the import cannot tell which holds the data."
            )
        first_seen[means] = position
