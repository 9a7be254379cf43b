"""Import benchmark: our All Orders import against its floor and a common baseline.

    python bench/import_orders.py --rows 1000000

Run under the embedded launcher (make bench-import does). In one run it
1. generates an All Orders file of N item rows (about 1.5 items per order),
2. times our import end to end (a fresh process: parse, COPY, checks, upsert,
   encryption) and reads that process's peak RSS,
3. times raw PostgreSQL COPY of the same file into a bare table with the same
   columns (the physical floor),
4. times the storage floor: the rows our import stored (already clean, in
   their typed shape) COPYed into fresh tables with the same columns,
   indexes, unique and foreign-key constraints as orders and order items
   (the storage work any correct import must do), committed,
5. times django-import-export importing a 20,000-row slice into Order,
and prints a final JSON line with the figures and ratios.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from accounts import bench_account_delete  # bench/accounts.py: the script's own folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feedbackhub.settings.local")

OUT = ROOT / "bench" / "out"
SLICE_ROWS = 20_000
MARKETS = [("Amazon.com", "USD", "US"), ("Amazon.co.uk", "GBP", "GB"), ("Amazon.de", "EUR", "DE")]
SKUS = [(f"SKU-{n:03d}", f"B0BENCH{n:03d}", f"Bench product {n}") for n in range(40)]


def generate(path, rows, seed=7):
    from tests.orders.reports import ALL_ORDERS_COLUMNS

    rng = random.Random(seed)
    start = datetime(2025, 11, 1, tzinfo=UTC)
    written = 0
    order_number = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("\t".join(ALL_ORDERS_COLUMNS) + "\n")
        while written < rows:
            order_number += 1
            order_id = f"{100 + order_number % 900}-{order_number:07d}-{rng.randrange(10_000_000):07d}"
            purchased = start + timedelta(seconds=rng.randrange(365 * 86400))
            updated = purchased + timedelta(hours=rng.randrange(1, 96))
            sales_channel, currency, country = rng.choice(MARKETS)
            channel = "Amazon" if rng.random() < 0.65 else "Merchant"
            status = "Cancelled" if rng.random() < 0.03 else "Shipped"
            for sku, asin, title in rng.sample(SKUS, k=min(rng.choice((1, 1, 1, 2, 2, 3)), rows - written)):
                values = [
                    order_id,
                    "",
                    purchased.isoformat(),
                    updated.isoformat(),
                    status,
                    channel,
                    sales_channel,
                    "",
                    "Standard",
                    title,
                    sku,
                    asin,
                    "Shipped",
                    str(rng.choice((1, 1, 1, 2))),
                    currency,
                    f"{rng.randrange(500, 9000) / 100:.2f}",
                    "0.00",
                    "0.00",
                    "0.00",
                    "",
                    "",
                    "",
                    "",
                    "Springfield",
                    "IL",
                    "62704",
                    country,
                    "",
                    "false",
                    "",
                    "",
                ]
                out.write("\t".join(values) + "\n")
                written += 1
    return order_number


def setup_django():
    import django

    django.setup()


def bench_account():
    from feedbackhub.tenancy.services import seller_account_create

    bench_account_delete("ABENCHMARK0001")
    return seller_account_create(
        name="Benchmark seller", merchant_id="ABENCHMARK0001", time_zone="UTC", marketplace_codes=["US"]
    )


def peak_rss_of_this_process_mb():
    """VmHWM: this process's own high-water mark. (getrusage's ru_maxrss is
    carried across exec on Linux, so a child would report its parent's peak.)"""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_import(job_id):
    """Runs in its own process so its peak RSS is the import's alone."""
    setup_django()
    from orders.imports.services import import_job_run

    started = time.perf_counter()
    job = import_job_run(job_id=job_id)
    seconds = time.perf_counter() - started
    peak_rss_mb = peak_rss_of_this_process_mb()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_rss_mb": peak_rss_mb,
                "status": job.status,
                "error": job.error,
                "created": job.created,
                "rejected": job.rejected,
            }
        )
    )


def our_import(path, account):
    from django.core.files import File

    from orders.models import ImportJob

    with open(path, "rb") as handle:
        job = ImportJob(account=account, original_name=path.name, size_bytes=path.stat().st_size)
        job.file.save(path.name, File(handle), save=False)
        job.save()
    result = subprocess.run(
        [sys.executable, __file__, "--child-import", str(job.pk)], capture_output=True, text=True, check=True
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    if figures["status"] != "succeeded":
        raise SystemExit(f"our import failed: {figures['error']}")
    job.file.delete(save=False)
    return figures


def raw_copy(path):
    from django.db import connection

    from tests.orders.reports import ALL_ORDERS_COLUMNS

    columns = ", ".join(f'"{name}" text' for name in ALL_ORDERS_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_orders")
        cursor.execute(f"CREATE TABLE bench_raw_orders ({columns})")
        started = time.perf_counter()
        with open(path, "rb") as handle:
            cursor.copy_expert("COPY bench_raw_orders FROM STDIN WITH (FORMAT text, HEADER true)", handle)
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_raw_orders")
    return seconds


def _floor_table(cursor, model, floor_name, references):
    """CREATE TABLE floor_name (LIKE model's table INCLUDING ALL) plus the
    model's foreign keys (LIKE copies no FKs); `references` maps a referenced
    table to its floor stand-in."""
    from django.db import connection

    table = model._meta.db_table
    cursor.execute(f"DROP TABLE IF EXISTS {floor_name} CASCADE")
    cursor.execute(f"CREATE TABLE {floor_name} (LIKE {table} INCLUDING ALL)")
    constraints = connection.introspection.get_constraints(cursor, table)
    for name, info in constraints.items():
        if info["foreign_key"]:
            target_table, target_column = info["foreign_key"]
            target_table = references.get(target_table, target_table)
            cursor.execute(
                f"ALTER TABLE {floor_name} ADD CONSTRAINT {floor_name}_{name[:40]} "
                f"FOREIGN KEY ({', '.join(info['columns'])}) REFERENCES {target_table} ({target_column}) "
                "DEFERRABLE INITIALLY DEFERRED"
            )


def storage_floor(account):
    """COPY the rows our import stored (clean, typed) into tables shaped like
    orders and order items, with their indexes, unique and foreign-key
    constraints; times the COPYs and the commit (the deferred FK checks)."""
    import tempfile

    from django.db import connection, transaction

    from orders.models import Order, OrderItem

    orders_table, items_table = Order._meta.db_table, OrderItem._meta.db_table
    with connection.cursor() as cursor, tempfile.TemporaryDirectory(dir=OUT) as tmp:
        orders_file, items_file = Path(tmp) / "orders.copy", Path(tmp) / "items.copy"
        with open(orders_file, "wb") as out:
            cursor.copy_expert(
                f"COPY (SELECT * FROM {orders_table} WHERE account_id = {int(account.pk)}) TO STDOUT", out
            )
        with open(items_file, "wb") as out:
            cursor.copy_expert(
                f"COPY (SELECT i.* FROM {items_table} i JOIN {orders_table} o ON o.id = i.order_id "
                f"WHERE o.account_id = {int(account.pk)}) TO STDOUT",
                out,
            )
        _floor_table(cursor, Order, "bench_floor_orders", {})
        _floor_table(cursor, OrderItem, "bench_floor_items", {orders_table: "bench_floor_orders"})
        started = time.perf_counter()
        with transaction.atomic():
            with open(orders_file, "rb") as handle:
                cursor.copy_expert("COPY bench_floor_orders FROM STDIN", handle)
            with open(items_file, "rb") as handle:
                cursor.copy_expert("COPY bench_floor_items FROM STDIN", handle)
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_floor_items, bench_floor_orders")
    return seconds


def import_export_slice(path, account):
    """django-import-export, the usual Django choice, on the same data and models."""
    import tablib
    from import_export import fields, resources, widgets

    from feedbackhub.tenancy.models import Marketplace
    from orders.models import Order

    class OrderResource(resources.ModelResource):
        amazon_order_id = fields.Field(attribute="amazon_order_id", column_name="amazon-order-id")
        purchase_date = fields.Field(
            attribute="purchase_date", column_name="purchase-date", widget=widgets.DateTimeWidget("%Y-%m-%dT%H:%M:%S%z")
        )
        last_updated = fields.Field(
            attribute="last_updated",
            column_name="last-updated-date",
            widget=widgets.DateTimeWidget("%Y-%m-%dT%H:%M:%S%z"),
        )
        status = fields.Field(attribute="status", column_name="order-status")
        fulfillment_channel = fields.Field(attribute="fulfillment_channel", column_name="fulfillment-channel")
        sales_channel = fields.Field(attribute="sales_channel", column_name="sales-channel")
        currency = fields.Field(attribute="currency", column_name="currency")
        order_total = fields.Field(attribute="order_total", column_name="item-price", widget=widgets.DecimalWidget())

        class Meta:
            model = Order
            import_id_fields = ["amazon_order_id"]
            fields = [
                "amazon_order_id",
                "purchase_date",
                "last_updated",
                "status",
                "fulfillment_channel",
                "sales_channel",
                "currency",
                "order_total",
            ]
            use_transactions = True

        def before_import_row(self, row, **kwargs):
            row["fulfillment-channel"] = "AFN" if row["fulfillment-channel"] == "Amazon" else "MFN"
            row["order-status"] = "Canceled" if row["order-status"] == "Cancelled" else row["order-status"]

        def get_queryset(self):
            return Order.objects.filter(account=account)

        def before_save_instance(self, instance, row, **kwargs):
            instance.account = account
            instance.marketplace = us

    us = Marketplace.objects.get(code="US")
    with open(path, encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(SLICE_ROWS + 1)]
    dataset = tablib.Dataset().load("".join(lines), format="tsv")
    Order.objects.filter(account=account).delete()
    started = time.perf_counter()
    result = OrderResource().import_data(dataset, dry_run=False, raise_errors=True)
    seconds = time.perf_counter() - started
    assert not result.has_errors()
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--ours-only", action="store_true", help="time only our import (e.g. for the RSS curve)")
    parser.add_argument("--child-import", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_import:
        child_import(args.child_import)
        return

    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    OUT.mkdir(parents=True, exist_ok=True)
    rows = args.rows
    path = OUT / f"all_orders_{rows}.txt"
    if not path.exists():
        print(f"generating {rows:,} rows → {path}", file=sys.stderr)
        generate(path, rows)
    account = bench_account()
    print(f"our import of {rows:,} rows…", file=sys.stderr)
    ours = our_import(path, account)
    print(f"  {ours['seconds']:.1f} s, peak RSS {ours['peak_rss_mb']:.0f} MB", file=sys.stderr)
    if args.ours_only:
        print(
            json.dumps(
                {
                    "rows": args.rows,
                    "ours_seconds": round(ours["seconds"], 2),
                    "peak_rss_mb": round(ours["peak_rss_mb"], 1),
                }
            )
        )
        return
    print("storage floor: COPY of the clean rows into tables shaped like ours…", file=sys.stderr)
    floor_seconds = storage_floor(account)
    print(f"  {floor_seconds:.1f} s", file=sys.stderr)
    print("raw COPY of the same file…", file=sys.stderr)
    copy_seconds = raw_copy(path)
    print(f"  {copy_seconds:.1f} s", file=sys.stderr)
    account = bench_account()
    try:
        import import_export  # noqa: F401  (requirements-bench.txt)
    except ImportError:
        print("django-import-export not installed (requirements-bench.txt): skipped", file=sys.stderr)
        slice_seconds = None
    else:
        print(f"django-import-export on a {SLICE_ROWS:,}-row slice…", file=sys.stderr)
        slice_seconds = import_export_slice(path, account)
        print(f"  {slice_seconds:.1f} s", file=sys.stderr)
    bench_account().delete()

    ours_per_row = ours["seconds"] / args.rows
    theirs_per_row = slice_seconds / SLICE_ROWS if slice_seconds is not None else None
    print(
        json.dumps(
            {
                "rows": args.rows,
                "orders_created": ours["created"],
                "ours_seconds": round(ours["seconds"], 2),
                "raw_copy_seconds": round(copy_seconds, 2),
                "storage_floor_seconds": round(floor_seconds, 2),
                "import_export_seconds_for_slice": round(slice_seconds, 2) if slice_seconds is not None else None,
                "import_export_slice_rows": SLICE_ROWS,
                "ratio_vs_copy": round(ours["seconds"] / copy_seconds, 2),
                "ratio_vs_storage_floor": round(ours["seconds"] / floor_seconds, 2),
                "speedup_vs_import_export": round(theirs_per_row / ours_per_row, 1) if theirs_per_row else None,
                "peak_rss_mb": round(ours["peak_rss_mb"], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
