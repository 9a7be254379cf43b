"""SQL aggregates Django does not ship, for the metrics selectors."""

from django.db.models import Aggregate, DurationField


class Median(Aggregate):
    """PostgreSQL's percentile_cont(0.5) over a duration (NULLs are skipped)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()
