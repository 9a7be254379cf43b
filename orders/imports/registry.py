"""The report types the importer knows, and how each is recognised.

orders registers its own (All Orders, claims); higher apps register theirs in
AppConfig.ready() (feedback: the seller feedback report and the account
health report), so orders never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


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
