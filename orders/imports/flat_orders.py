"""The shared reader of Amazon's tab-separated order reports (All Orders,
FBA shipments, the FBM order reports): map the header onto staging columns,
check the required ones, stream the rows into the order upsert.

Unknown extra columns are kept as ignored_N, so every line still loads
whatever Amazon adds; a header naming a column twice is refused, and where
two spellings mean one column (product-name, item-name) the first counts.
"""

from dataclasses import dataclass, field

from feedbackhub.tenancy.selectors import account_only_marketplace

from .reading import FileRejected
from .registry import header_check, header_columns
from .tsv import copy_chunks
from .upsert import order_copy_upsert


@dataclass(frozen=True)
class FlatOrderReport:
    label: str
    # Report column (lower case) → staging column (orders.imports.rows.OrderRow).
    column_map: dict[str, str]
    required: tuple[str, ...]
    # A supplementary report: no last-updated, fills in (orders.imports.upsert).
    fills_in: bool = False
    # Staging column → value when the report has no such column (e.g. every
    # row of the FBA shipments report is an AFN order that has shipped).
    defaults: dict[str, str] = field(default_factory=dict)

    def copy_columns_for(self, header):
        """The staging column for each header position, and the ignored ones."""
        columns = header_columns(header)
        header_check(columns, label=self.label)
        missing = [name for name in self.required if name not in columns]
        if missing:
            raise FileRejected(f"The {self.label} is missing required column(s): {', '.join(missing)} (line 1).")
        copy_columns, extra, used = [], [], set()
        for index, name in enumerate(columns):
            target = self.column_map.get(name)
            if target is None or target in used:
                target = f"ignored_{index}"
                extra.append(target)
            used.add(target)
            copy_columns.append(target)
        return copy_columns, extra

    def labels(self, copy_columns):
        """Staging column → the report's name for it, for rejections."""
        names = {}
        for report_name, target in self.column_map.items():
            if target in copy_columns:
                names.setdefault(target, report_name)
        return names

    def marketplace(self, job, copy_columns):
        """The marketplace rows without a sales channel belong to."""
        if job.marketplace is not None or "sales_channel" in copy_columns:
            return job.marketplace
        only = account_only_marketplace(account=job.account)
        if only is None:
            raise FileRejected(
                f"This {self.label} has no sales-channel column: choose the marketplace it covers when uploading."
            )
        return only

    def run(self, *, job, report, lines, progress):
        header_no, header = next(lines)
        copy_columns, extra = self.copy_columns_for(header)
        line_shifts = []
        chunks = copy_chunks(
            report.binary,
            columns=len(copy_columns),
            first_line_no=header_no + 1,
            encoding="utf-8" if report.encoding == "utf-8-sig" else report.encoding,
            on_lines=lambda done: progress(done),
            line_shifts=line_shifts,
        )
        return order_copy_upsert(
            account=job.account,
            copy_columns=[*copy_columns, "problem"],
            chunks=chunks,
            encoding=report.encoding,
            first_line_no=header_no + 1,
            extra_columns=extra,
            job=job,
            default_marketplace=self.marketplace(job, copy_columns),
            progress=progress,
            fills_in=self.fills_in,
            defaults={name: value for name, value in self.defaults.items() if name not in copy_columns},
            labels=self.labels(copy_columns),
            line_shifts=line_shifts,
        )
