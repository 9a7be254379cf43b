"""Dispatch benchmark: the real dispatcher against a bare smtplib loop, and the planner on a million orders.

    python bench/dispatch.py --messages 100000 --orders 1000000

Run under the embedded launcher (make bench-dispatch does). In one run it
1. creates N due email feedback requests (orders COPYed in, planned by the
   real planner; not timed) and starts an aiosmtpd sink in a process of its
   own, so the sink's CPU does not share a GIL with the sender,
2. renders the same N messages the dispatcher will send (not timed),
3. times the real dispatcher (messaging.dispatch.dispatch_tick with Django's
   SMTP backend) until nothing is due,
4. times a bare smtplib loop sending the pre-rendered messages over one
   connection to the same sink (the floor),
5. creates M orders in one INSERT … SELECT generate_series (not timed),
   times requests_plan over them with its commit, then an import's re-plan
   after it changed 10,000 of them (requests_plan_changed), and the full plan
   the same import ran before (--planning-only: this phase alone),
and prints a JSON line per phase, then a final JSON summary line.
"""

import argparse
import io
import json
import os
import smtplib
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from accounts import bench_account_delete  # bench/accounts.py: the script's own folder is on sys.path
from machine import machine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feedbackhub.settings.local")
# Measure what production runs: no query log kept by DEBUG.
os.environ.setdefault("DEBUG", "false")

DISPATCH_MERCHANT = "ABENCHDISPATCH1"
PLANNING_MERCHANT = "ABENCHPLANNING1"
FROM_EMAIL = "service@bench-seller.example"
RATIO_TARGET = 0.5  # the dispatcher at least half as fast as bare smtplib
TWO_PROCESS_SPEEDUP_TARGET = 1.6  # two dispatcher processes together over one
PLANNING_TARGET_SECONDS = 20  # planning a million orders
REPLAN_CHANGED = 10_000  # orders an import changes in an account of --orders
REPLAN_TARGET_SECONDS = 1  # re-planning them
# The products the due orders bought: a seller's catalog, one product per order in turn. The
# checker reads each product's message once (messaging/compose.py), so the catalog's size is
# how many messages are checked in full.
CATALOG_SIZE = 250


# --- the sink (its own process) ------------------------------------------------


def child_sink():
    """An aiosmtpd sink that counts what it accepts. Prints its port, then
    answers each line on stdin with the count so far, or "cpu" with its own
    CPU seconds so far; exits at EOF."""
    import socket

    from aiosmtpd.controller import Controller

    class Counting:
        accepted = 0

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
            Counting.accepted += 1
            return "250 2.0.0 Message accepted for delivery"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Counting(), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    for line in sys.stdin:
        print(time.process_time() if line.strip() == "cpu" else Counting.accepted, flush=True)
    controller.stop()


class Sink:
    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--child-sink"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.port = int(self.process.stdout.readline())

    def accepted(self):
        self.process.stdin.write("count\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def cpu_seconds(self):
        """The sink process's CPU so far: on a small machine it shares the cores with the senders."""
        self.process.stdin.write("cpu\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


# --- data (not timed) ----------------------------------------------------------


def setup_django(smtp_port):
    os.environ.update(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
    )
    import django

    django.setup()


def bench_account(merchant_id, name, *, send_hours):
    """A fresh seller account (US marketplace) with one live email campaign
    using the starter feedback-request template, and no daily cap in the way."""
    from feedbackhub.tenancy.services import seller_account_create
    from messaging.models import Campaign, CampaignState, CampaignVariant, Channel, SendingSettings

    bench_account_delete(merchant_id)
    account = seller_account_create(
        name=name, merchant_id=merchant_id, time_zone="America/Los_Angeles", marketplace_codes=["US"]
    )
    SendingSettings.objects.create(account=account, from_email=FROM_EMAIL, daily_cap=100_000_000)
    campaign = Campaign.objects.create(
        account=account,
        name="Feedback request, 5 days after delivery",
        channel=Channel.EMAIL,
        state=CampaignState.LIVE,
        trigger_days=5,
        send_start_hour=send_hours[0],
        send_end_hour=send_hours[1],
    )
    campaign.marketplaces.set(account.marketplaces.all())
    template = account.message_templates.get(name="Feedback request", language="en")
    CampaignVariant.objects.create(campaign=campaign, label="A", template=template, weight=100)
    return account


# The order columns the benchmark fills (the others may be NULL).
ORDER_COLUMNS = (
    "account_id, marketplace_id, amazon_order_id, merchant_order_id, purchase_date, last_updated, status, "
    "fulfillment_channel, sales_channel, ship_service_level, latest_ship_date, shipped_at, earliest_delivery_date, "
    "latest_delivery_date, delivered_at, order_total, currency, is_business_order, is_prime, is_replacement_order, "
    "ship_country, buyer_name, buyer_email, ship_to, buyer_key, created_at, updated_at"
)


def dispatch_orders_create(account, count):
    """COPY: every order needs its own Fernet-encrypted buyer address, as an
    import writes it. One item each, for the {{ product_titles }} placeholder,
    from a catalog of CATALOG_SIZE products."""
    from django.db import connection
    from django.utils import timezone

    from feedbackhub.crypto import encrypt_text
    from feedbackhub.tenancy.models import Marketplace

    us = Marketplace.objects.get(code="US")
    now = timezone.now()
    delivered = now - timedelta(days=8)
    purchased = delivered - timedelta(days=3)
    fixed = [
        purchased,
        purchased,
        "Shipped",
        "AFN",
        "Amazon.com",
        "Standard",
        purchased + timedelta(days=2),
        purchased + timedelta(days=1),
        delivered,
        delivered,
        delivered,
        "24.99",
        "USD",
        "f",
        "f",
        "f",
        "US",
    ]
    buffer = io.StringIO()
    for n in range(count):
        row = [account.pk, us.pk, f"300-{n // 10_000_000:07d}-{n % 10_000_000:07d}", ""]
        row += fixed
        row += [encrypt_text(f"Bench Buyer{n}"), encrypt_text(f"bench-buyer-{n}@marketplace.amazon.example"), ""]
        row += [f"{n:064x}", now, now]
        buffer.write("\t".join(str(value) for value in row) + "\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY orders_order ({ORDER_COLUMNS}) FROM STDIN", buffer)
        cursor.execute(
            """
            INSERT INTO orders_orderitem (order_id, asin, sku, title, quantity, item_price, item_status)
            SELECT id, 'B0BENCH' || lpad((id %% %s)::text, 3, '0'), 'MUG-ENAMEL-' || (id %% %s),
                   'Enamel camping mug, 12 oz, design ' || (id %% %s), 1, 24.99, 'Shipped'
              FROM orders_order WHERE account_id = %s
            """,
            [CATALOG_SIZE, CATALOG_SIZE, CATALOG_SIZE, account.pk],
        )
        cursor.execute("ANALYZE orders_order; ANALYZE orders_orderitem")


def planning_orders_create(account, count):
    """One INSERT … SELECT generate_series: delivered 5–25 days ago, Shipped,
    on time, written a day ago (by an earlier import, as the re-plan sees
    it). The planner only asks whether buyer_email is empty, so a
    placeholder stands in for the encrypted address."""
    from django.db import connection
    from django.utils import timezone

    from feedbackhub.tenancy.models import Marketplace

    us = Marketplace.objects.get(code="US")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO orders_order ({ORDER_COLUMNS})
            SELECT %(account)s, %(marketplace)s,
                   '400-' || lpad((n / 10000000)::text, 7, '0') || '-' || lpad((n %% 10000000)::text, 7, '0'), '',
                   delivered - interval '3 days', delivered - interval '3 days', 'Shipped',
                   CASE WHEN n %% 3 = 0 THEN 'MFN' ELSE 'AFN' END, 'Amazon.com', 'Standard',
                   delivered - interval '1 day', delivered - interval '2 days', delivered, delivered, delivered,
                   (n %% 9000) / 100.0 + 5, 'USD', false, n %% 2 = 0, false, 'US',
                   'encrypted-name', 'encrypted-address', '', md5(n::text),
                   %(now)s - interval '1 day', %(now)s - interval '1 day'
              FROM generate_series(1, %(count)s) AS n,
                   LATERAL (SELECT %(now)s - interval '5 days' - (n %% 1728000) * interval '1 second'
                                   AS delivered) d
            """,
            {"account": account.pk, "marketplace": us.pk, "count": count, "now": timezone.now()},
        )
        cursor.execute("ANALYZE orders_order")
        # What autosummarize does once autovacuum gets to the new pages: the import's
        # re-plan finds the rows it wrote by updated_at through this BRIN index.
        cursor.execute("SELECT brin_summarize_new_values('order_updated_brin')")


def messages_render(account):
    """The bytes Django's SMTP backend would put on the wire for each due
    request, rendered by the dispatcher's own channel code."""
    from messaging.dispatch import EmailChannel
    from messaging.models import FeedbackRequest

    channel = EmailChannel(account)
    rendered = []
    rows = (
        FeedbackRequest.objects.filter(account=account)
        .select_related("account", "order__marketplace", "campaign", "variant__template")
        .prefetch_related("order__items")
        .order_by("id")
    )
    for row in rows.iterator(chunk_size=2000):
        message = channel.prepare(row).payload
        rendered.append((message.from_email, message.recipients(), message.message().as_bytes(linesep="\r\n")))
    return rendered


# --- timed parts -----------------------------------------------------------------


def dispatcher_run(profile_path=None):
    from messaging.compose import checked_findings
    from messaging.dispatch import dispatch_tick
    from messaging.models import FeedbackRequest, RequestStatus

    # Start cold, as a new dispatcher process does: rendering the messages for the bare loop
    # read every product's message already.
    checked_findings.cache_clear()
    profiler = None
    if profile_path:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started, cpu_started = time.perf_counter(), time.process_time()
    ticks = 0
    while FeedbackRequest.objects.filter(status=RequestStatus.SCHEDULED).exists():
        dispatch_tick(deadline_seconds=24 * 3600)
        ticks += 1
    seconds = time.perf_counter() - started
    # This process's own CPU (Python work, its threads included): a shared machine's waits left out.
    cpu_seconds = time.process_time() - cpu_started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_path)
        print(f"profile written to {profile_path} (python -m pstats {profile_path})", file=sys.stderr)
    return seconds, ticks, cpu_seconds


def child_dispatcher(smtp_port):
    """One dispatcher process of the two-process run: says "ready" once Django
    is up, runs the dispatcher when told "go", prints its seconds."""
    setup_django(smtp_port)
    from messaging.models import FeedbackRequest

    FeedbackRequest.objects.exists()  # connected before the clock starts
    print("ready", flush=True)
    sys.stdin.readline()
    seconds, ticks, cpu_seconds = dispatcher_run()
    print(json.dumps({"seconds": seconds, "ticks": ticks, "cpu_seconds": cpu_seconds}), flush=True)


def dispatch_requests_reset(account):
    """The same due rows again, for the two-process run (not timed)."""
    from messaging.models import FeedbackRequest, RequestStatus

    FeedbackRequest.objects.filter(account=account).update(
        status=RequestStatus.SCHEDULED,
        sent_at=None,
        provider_id="",
        reason="",
        attempts=0,
        claim_token=None,
        lease_until=None,
    )


def two_dispatchers_run(smtp_port, processes=2):
    """`processes` dispatcher processes at once against the same due rows: the
    seconds from "go" until the last one finds nothing due, and their CPU seconds together."""
    children = [
        subprocess.Popen(
            [sys.executable, __file__, "--child-dispatcher", str(smtp_port)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    for child in children:
        assert child.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    cpu_seconds = 0.0
    for child in children:
        cpu_seconds += json.loads(child.stdout.readline())["cpu_seconds"]
        child.wait(timeout=60)
    return time.perf_counter() - started, cpu_seconds


def bare_smtplib_run(port, rendered):
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for from_email, recipients, data in rendered:
            smtp.sendmail(from_email, recipients, data)
    return time.perf_counter() - started


def planning_run(account):
    """The full plan of the account, its commit (the deferred foreign-key
    checks of the inserted rows) included."""
    from django.db import transaction

    from messaging.planning import requests_plan

    started = time.perf_counter()
    with transaction.atomic():
        result = requests_plan(account=account)
    return time.perf_counter() - started, result.scheduled


def replan_changed_run(account, changed, *, whole_account=False):
    """An import changes `changed` orders (their delivery a day later: each
    one's send time moves) and commits; then the re-plan the import's
    receiver runs (messaging.planning.requests_plan_changed), timed with its
    commit. The import's transaction is two here so that only the plan is
    timed: the changed rows' updated_at is inside the re-plan's window.
    whole_account: the same import followed by a full plan instead, what
    every import ran before planning followed the changes (the baseline)."""
    from django.db import connection, transaction

    from messaging.planning import requests_plan, requests_plan_changed

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE orders_order
               SET earliest_delivery_date = earliest_delivery_date + interval '1 day',
                   latest_delivery_date = latest_delivery_date + interval '1 day',
                   delivered_at = delivered_at + interval '1 day', updated_at = now()
             WHERE id IN (SELECT id FROM orders_order WHERE account_id = %s ORDER BY id LIMIT %s)
            """,
            [account.pk, changed],
        )
    plan = requests_plan if whole_account else requests_plan_changed
    started = time.perf_counter()
    with transaction.atomic():
        result = plan(account=account)
    return time.perf_counter() - started, result.scheduled


def planning_phase(args):
    """The planner's figures: a full plan of --orders, then the re-plan after
    an import that changed --changed of them."""
    print(f"creating {args.orders:,} orders for the planner…", file=sys.stderr)
    # The campaign defaults' send hours: the planner searches for each order's slot.
    planning = bench_account(PLANNING_MERCHANT, "Planning benchmark seller", send_hours=(9, 18))
    planning_orders_create(planning, args.orders)
    planning_seconds, rows_planned = planning_run(planning)
    emit(phase="planning", orders=args.orders, seconds=round(planning_seconds, 2), rows_planned=rows_planned)
    changed = min(args.changed, args.orders)
    replan_seconds, rows_replanned = replan_changed_run(planning, changed)
    emit(phase="replan", orders=args.orders, changed=changed, seconds=round(replan_seconds, 3), rows=rows_replanned)
    whole_seconds, whole_rows = replan_changed_run(planning, changed, whole_account=True)
    emit(phase="replan_whole_account", orders=args.orders, changed=changed, seconds=round(whole_seconds, 2))
    bench_account_delete(PLANNING_MERCHANT)
    return {
        "planning_orders": args.orders,
        "planning_seconds": round(planning_seconds, 2),
        "planning_seconds_1m": round(planning_seconds, 2) if args.orders == 1_000_000 else None,
        "planning_target_seconds_1m": PLANNING_TARGET_SECONDS,
        "rows_planned": rows_planned,
        "replan_changed": changed,
        "replan_seconds": round(replan_seconds, 3),
        "replan_seconds_10k_changed": round(replan_seconds, 3) if changed == REPLAN_CHANGED else None,
        "replan_target_seconds": REPLAN_TARGET_SECONDS,
        "rows_replanned": rows_replanned,
        # The same import answered by a full plan (every import's plan before): over the re-plan.
        "replan_whole_account_seconds": round(whole_seconds, 2),
        "replan_speedup": round(whole_seconds / replan_seconds, 1),
    }


def emit(**figures):
    print(json.dumps(figures), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=1_000_000, help="orders for the planning measurement")
    parser.add_argument("--profile", metavar="PATH", help="cProfile the dispatcher run into PATH (slows it down)")
    parser.add_argument("--changed", type=int, default=REPLAN_CHANGED, help="orders an import changes (re-plan)")
    parser.add_argument("--planning-only", action="store_true", help="only the planning phase (no SMTP sink)")
    parser.add_argument("--child-sink", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-dispatcher", type=int, metavar="SMTP_PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_sink:
        child_sink()
        return
    if args.child_dispatcher:
        child_dispatcher(args.child_dispatcher)
        return
    if args.planning_only:
        setup_django(0)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        bench_account_delete(PLANNING_MERCHANT)
        emit(**planning_phase(args))
        return

    sink = Sink()
    try:
        setup_django(sink.port)
        from django.core.management import call_command

        from messaging.models import FeedbackRequest, RequestStatus
        from messaging.planning import requests_plan

        call_command("migrate", verbosity=0)
        bench_account_delete(PLANNING_MERCHANT)
        # Round the clock: every request is due the moment it is planned.
        account = bench_account(DISPATCH_MERCHANT, "Dispatch benchmark seller", send_hours=(0, 24))
        print(f"creating {args.messages:,} due email requests…", file=sys.stderr)
        dispatch_orders_create(account, args.messages)
        planned = requests_plan(account=account).scheduled
        assert planned == args.messages, f"planned {planned} of {args.messages}"
        rendered = messages_render(account)
        emit(
            phase="setup",
            messages=args.messages,
            catalog_size=CATALOG_SIZE,
            rendered_bytes=sum(len(data) for _, _, data in rendered),
        )

        print("the real dispatcher…", file=sys.stderr)
        sink_cpu = sink.cpu_seconds()
        dispatcher_seconds, ticks, dispatcher_cpu = dispatcher_run(args.profile)
        sink_cpu_dispatcher = sink.cpu_seconds() - sink_cpu
        sent = FeedbackRequest.objects.filter(account=account, status=RequestStatus.SENT).count()
        accepted = sink.accepted()
        assert sent == args.messages == accepted, f"sent {sent}, sink accepted {accepted} of {args.messages}"
        emit(phase="dispatcher", seconds=round(dispatcher_seconds, 2), per_second=round(sent / dispatcher_seconds))

        print("a bare smtplib loop over the same messages…", file=sys.stderr)
        sink_cpu = sink.cpu_seconds()
        bare_seconds = bare_smtplib_run(sink.port, rendered)
        sink_cpu_bare = sink.cpu_seconds() - sink_cpu
        assert sink.accepted() == 2 * args.messages
        emit(phase="bare_smtplib", seconds=round(bare_seconds, 2), per_second=round(args.messages / bare_seconds))

        print("two dispatcher processes over the same due rows…", file=sys.stderr)
        dispatch_requests_reset(account)
        sink_cpu = sink.cpu_seconds()
        two_seconds, two_cpu = two_dispatchers_run(sink.port)
        sink_cpu_two = sink.cpu_seconds() - sink_cpu
        sent = FeedbackRequest.objects.filter(account=account, status=RequestStatus.SENT).count()
        accepted = sink.accepted()
        assert sent == args.messages and accepted == 3 * args.messages, f"sent {sent}, sink accepted {accepted}"
        emit(phase="two_dispatchers", seconds=round(two_seconds, 2), per_second=round(sent / two_seconds))
        bench_account_delete(DISPATCH_MERCHANT)
    finally:
        sink.stop()

    planning = planning_phase(args)
    emit(
        messages=args.messages,
        dispatcher_seconds=round(dispatcher_seconds, 2),
        bare_smtplib_seconds=round(bare_seconds, 2),
        dispatcher_per_second=round(args.messages / dispatcher_seconds),
        bare_smtplib_per_second=round(args.messages / bare_seconds),
        # Dispatcher throughput over bare throughput.
        ratio=round(bare_seconds / dispatcher_seconds, 3),
        ratio_target=RATIO_TARGET,
        two_dispatchers_seconds=round(two_seconds, 2),
        # Two dispatcher processes at once, their total throughput over bare throughput.
        ratio_two_processes=round(bare_seconds / two_seconds, 3),
        ratio_two_processes_target=round(RATIO_TARGET * TWO_PROCESS_SPEEDUP_TARGET, 3),
        two_processes_speedup=round(dispatcher_seconds / two_seconds, 3),
        two_processes_speedup_target=TWO_PROCESS_SPEEDUP_TARGET,
        # CPU per message, in ms: the dispatcher processes (their threads included) and the
        # sink, which shares this machine's cores with them (a mail provider's would not).
        cpu_ms_per_message={
            "dispatcher": round(dispatcher_cpu / args.messages * 1000, 3),
            "sink_with_dispatcher": round(sink_cpu_dispatcher / args.messages * 1000, 3),
            "sink_with_bare_smtplib": round(sink_cpu_bare / args.messages * 1000, 3),
            "two_dispatchers": round(two_cpu / args.messages * 1000, 3),
            "sink_with_two_dispatchers": round(sink_cpu_two / args.messages * 1000, 3),
        },
        **planning,
        machine=machine(),
    )


if __name__ == "__main__":
    main()
