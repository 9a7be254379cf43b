"""Dashboard benchmark: /dashboard/ under load against a trivial logged-in page, and the rollup refresh of an import.

    python bench/dashboard.py --orders 1000000

Run under the embedded launcher (make bench-dashboard does). In one run it
1. seeds, once, a seller account with N orders over 400 days in US, CA, UK,
   DE and JP, about 6 % of them with feedback (about 8 % of it negative),
   A-to-z claims and chargebacks, and an owner user (BENCH_PASSWORD), in a few
   INSERT … SELECT generate_series; a later run reuses it while the account
   still holds N orders and the newest is under a week old (--reseed forces
   a new one). Then it times a full rollups_refresh of the account;
2. starts gunicorn as the Procfile's web line does (2 sync workers, DEBUG
   off, 127.0.0.1 on a free port, in a process group of its own), logs in
   once through /accounts/login/ and
3. for /dashboard/, then for the floor, FLOOR_PATH (the team page, the
   lightest page behind the login and the account decorator): a warm-up,
   one client alone for a few seconds (the unloaded latency), then C clients
   (threads, one HTTP connection each; default 20) for S seconds (default
   30), each request's latency recorded; then /dashboard/?fresh=1 (the
   figures recomputed, not the cached copy) by one client;
4. times, R times (default 3), an import of 10,000 new orders of the last
   four days the way an import does: order_rows_upsert, then
   rollups_refresh_changed, in one transaction, which is then rolled back,
   so the seed is the same for every run;
and prints a JSON line per phase, then a final JSON summary line. gunicorn's
access log goes to bench/out/dashboard-gunicorn.log; --profile PATH writes a
cProfile of in-process dashboard requests and lists the SQL of one.
"""

import argparse
import http.client
import json
import os
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path

from machine import machine  # bench/machine.py: the script's own folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feedbackhub.settings.local")
# Measure what production runs: no query log kept by DEBUG (the web server too).
os.environ.setdefault("DEBUG", "false")

OUT = ROOT / "bench" / "out"
SEED_VERSION = 1  # bump when the seed's shape changes: older seeds are then rebuilt
BENCH_PASSWORD = "bench-dashboard-password"
DAYS = 400
# Marketplace shares of the orders, in per cent.
MARKET_SHARES = (("US", 50), ("UK", 15), ("DE", 15), ("CA", 10), ("JP", 10))
FEEDBACK_PER_MILLE = 66  # of the shipped orders, before "not after today" drops some of the newest
IMPORT_ORDERS = 10_000
IMPORT_DAYS = 4
DASHBOARD_PATH = "/dashboard/"
# The lightest page behind login + account_view found (tenancy:team, the
# account's members, here one): the base layout every page has, one query.
FLOOR_PATH = "/account/team/"
TARGETS = {"p95_ratio": 2, "dashboard_p95_ms": 150, "rollup_refresh_s": 1}


def emit(**figures):
    print(json.dumps(figures), flush=True)


def say(message):
    print(message, file=sys.stderr, flush=True)


def setup_django():
    import django

    django.setup()


# --- the seed (not timed, once) --------------------------------------------------


def merchant_id(orders):
    return f"ABENCHDASH{orders}"


def account_name(orders):
    return f"Dashboard benchmark seller ({orders:,} orders, seed v{SEED_VERSION})"


def owner_username(orders):
    return f"bench-dashboard-{orders}"


def bench_account_delete(orders):
    """In SQL: the ORM's cascade would load every order into memory first."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from feedbackhub.tenancy.models import SellerAccount

    get_user_model().objects.filter(username=owner_username(orders)).delete()
    account = SellerAccount.objects.filter(merchant_id=merchant_id(orders)).first()
    if account is None:
        return
    with connection.cursor() as cursor:
        for table in ("feedback_dailyrollup", "feedback_feedback", "orders_claim"):
            cursor.execute(f"DELETE FROM {table} WHERE account_id = %s", [account.pk])
        cursor.execute(
            "DELETE FROM orders_orderitem i USING orders_order o WHERE i.order_id = o.id AND o.account_id = %s",
            [account.pk],
        )
        cursor.execute("DELETE FROM orders_order WHERE account_id = %s", [account.pk])
    account.delete()


def seed_reusable(orders):
    """The seeded account, when it is there with its N orders and still recent; else None."""
    from django.contrib.auth import get_user_model
    from django.db.models import Max
    from django.utils import timezone

    from feedbackhub.tenancy.models import SellerAccount
    from orders.models import Order

    account = SellerAccount.objects.filter(merchant_id=merchant_id(orders), name=account_name(orders)).first()
    if account is None or not get_user_model().objects.filter(username=owner_username(orders)).exists():
        return None
    if Order.objects.filter(account=account).count() != orders:
        return None
    newest = Order.objects.filter(account=account).aggregate(newest=Max("purchase_date"))["newest"]
    return account if newest > timezone.now() - timedelta(days=7) else None


# One row per order to be: its id, marketplace, dates and the dice for its
# feedback and claims, all from md5(n) so every seed of N orders is the same.
SEED_ROWS_SQL = """
CREATE TEMP TABLE bench_seed ON COMMIT DROP AS
SELECT n, '500-' || lpad((n / 10000000)::text, 7, '0') || '-' || lpad((n %% 10000000)::text, 7, '0') AS amazon_order_id,
       m.id AS marketplace_id, m.time_zone, m.domain, m.currency, m.country_code,
       r.purchased, (r.purchased AT TIME ZONE m.time_zone)::date AS local_day,
       CASE WHEN r.channel_roll < 650 THEN 'AFN' ELSE 'MFN' END AS channel,
       CASE WHEN r.cancel_roll < 25 THEN 'Canceled' ELSE 'Shipped' END AS status,
       (n::bigint * 7919 %% 9000) / 100.0 + 5 AS total,
       r.feedback_roll, r.star_roll, r.claim_roll, 3 + (n / 7) %% 38 AS delay_days
  FROM generate_series(1, %(count)s) AS n
 CROSS JOIN LATERAL (SELECT md5(n::text) AS h) hashed
 CROSS JOIN LATERAL (
       SELECT %(settled)s - ((('x' || substr(h, 1, 8))::bit(32)::bigint %% (%(days)s * 86400)) * interval '1 second')
                AS purchased,
              ('x' || substr(h, 9, 4))::bit(16)::int %% 100 AS market_roll,
              ('x' || substr(h, 13, 4))::bit(16)::int %% 1000 AS channel_roll,
              ('x' || substr(h, 17, 4))::bit(16)::int %% 1000 AS cancel_roll,
              ('x' || substr(h, 21, 4))::bit(16)::int %% 1000 AS feedback_roll,
              ('x' || substr(h, 25, 4))::bit(16)::int %% 100 AS star_roll,
              ('x' || substr(h, 29, 4))::bit(16)::int %% 1000 AS claim_roll) r
  JOIN unnest(%(codes)s::text[], %(lows)s::int[], %(highs)s::int[]) AS w(code, low, high)
    ON r.market_roll >= w.low AND r.market_roll < w.high
  JOIN tenancy_marketplace m ON m.code = w.code
"""

# Rows were last written a while before the seed's end (`settled`), so the
# refresh after an import never mistakes them for rows the import touched.
SEED_ORDERS_SQL = """
INSERT INTO orders_order (account_id, marketplace_id, amazon_order_id, merchant_order_id, purchase_date,
       last_updated, status, fulfillment_channel, sales_channel, ship_service_level, latest_ship_date, shipped_at,
       earliest_delivery_date, latest_delivery_date, delivered_at, order_total, currency, is_business_order,
       is_prime, is_replacement_order, ship_country, buyer_name, buyer_email, ship_to, buyer_key, pii_purged_at,
       created_at, updated_at)
SELECT %(account)s, marketplace_id, amazon_order_id, '', purchased,
       LEAST(purchased + interval '2 days', %(settled)s), status, channel, 'A' || substr(domain, 2), 'Standard',
       purchased + interval '2 days', purchased + interval '1 day', purchased + interval '3 days',
       purchased + interval '6 days', purchased + interval '4 days', total, currency, n %% 20 = 0, n %% 2 = 0, false,
       country_code, '', '', '', md5(n::text || 'buyer'),
       CASE WHEN purchased < %(settled)s - interval '34 days' THEN purchased + interval '34 days' END,
       purchased, LEAST(purchased + interval '2 days', %(settled)s)
  FROM bench_seed
"""

# Feedback 3–40 days after the order (none after today); 1–2 stars for 8 %,
# a tenth of those removed by the buyer.
SEED_FEEDBACK_SQL = """
INSERT INTO feedback_feedback (account_id, marketplace_id, order_id, amazon_order_id, rating, comment,
       feedback_date, seller_response, state, state_changed_at, created_at, updated_at)
SELECT %(account)s, s.marketplace_id, o.id, s.amazon_order_id, f.rating,
       CASE WHEN f.rating <= 2 THEN 'Arrived late and the lid was dented.' ELSE 'Great mug, fast shipping.' END,
       f.day, '', CASE WHEN f.rating <= 2 AND s.n %% 10 = 0 THEN 'removed_buyer' ELSE 'live' END,
       CASE WHEN f.rating <= 2 AND s.n %% 10 = 0 THEN LEAST(f.left_at + interval '5 days', %(settled)s) END,
       LEAST(f.left_at, %(settled)s), LEAST(f.left_at + interval '5 days', %(settled)s)
  FROM bench_seed s
  JOIN orders_order o ON o.account_id = %(account)s AND o.amazon_order_id = s.amazon_order_id
 CROSS JOIN LATERAL (
       SELECT s.local_day + s.delay_days AS day,
              (s.local_day + s.delay_days)::timestamp AT TIME ZONE s.time_zone + interval '12 hours' AS left_at,
              CASE WHEN s.star_roll < 5 THEN 1 WHEN s.star_roll < 8 THEN 2 WHEN s.star_roll < 13 THEN 3
                   WHEN s.star_roll < 30 THEN 4 ELSE 5 END AS rating) f
 WHERE s.feedback_roll < %(feedback_per_mille)s AND s.status = 'Shipped'
   AND f.day <= (%(settled)s AT TIME ZONE s.time_zone)::date
"""

# A-to-z claims on 0.3 % of the orders, chargebacks on 0.1 %, opened 10–29
# days after the order; a third denied (no defect), the newest still open.
SEED_CLAIMS_SQL = """
INSERT INTO orders_claim (account_id, order_id, amazon_order_id, kind, status, reason, amount, currency,
       opened_at, closed_at, updated_at)
SELECT %(account)s, o.id, s.amazon_order_id, c.kind, c.status,
       CASE c.kind WHEN 'atoz' THEN 'Item not received' ELSE 'Unauthorized transaction' END,
       s.total, s.currency, c.opened, CASE WHEN c.status <> 'open' THEN c.opened + interval '7 days' END,
       CASE WHEN c.status <> 'open' THEN c.opened + interval '7 days' ELSE c.opened END
  FROM bench_seed s
  JOIN orders_order o ON o.account_id = %(account)s AND o.amazon_order_id = s.amazon_order_id
 CROSS JOIN LATERAL (
       SELECT CASE WHEN s.claim_roll < 3 THEN 'atoz' ELSE 'chargeback' END AS kind,
              s.purchased + (10 + s.n %% 20) * interval '1 day' AS opened) k
 CROSS JOIN LATERAL (
       SELECT k.kind, k.opened,
              CASE WHEN k.opened + interval '7 days' > %(settled)s THEN 'open'
                   WHEN s.n %% 3 = 0 THEN 'denied' WHEN s.n %% 3 = 1 THEN 'granted' ELSE 'closed' END AS status) c
 WHERE s.claim_roll < 4 AND c.opened < %(settled)s
"""


def seed(orders):
    """The account, its owner and its data, set-based; returns the account."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from feedbackhub.tenancy.models import Role
    from feedbackhub.tenancy.services import membership_set, seller_account_create

    bench_account_delete(orders)
    codes, lows, highs, low = [], [], [], 0
    for code, share in MARKET_SHARES:
        codes.append(code)
        lows.append(low)
        highs.append(low + share)
        low += share
    with transaction.atomic():
        account = seller_account_create(
            name=account_name(orders),
            merchant_id=merchant_id(orders),
            time_zone="America/Los_Angeles",
            marketplace_codes=codes,
        )
        user = get_user_model().objects.create_user(
            username=owner_username(orders), email="owner@bench-seller.example", password=BENCH_PASSWORD
        )
        membership_set(user=user, account=account, role=Role.OWNER)
        params = {
            "account": account.pk,
            "count": orders,
            "days": DAYS,
            "settled": timezone.now() - timedelta(hours=1),
            "codes": codes,
            "lows": lows,
            "highs": highs,
            "feedback_per_mille": FEEDBACK_PER_MILLE,
        }
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute(SEED_ROWS_SQL, params)
            cursor.execute("CREATE INDEX ON bench_seed (feedback_roll); CREATE INDEX ON bench_seed (claim_roll)")
            cursor.execute("ANALYZE bench_seed")
            say("  orders…")
            cursor.execute(SEED_ORDERS_SQL, params)
            # Statistics that know the million new rows, or the joins below
            # may be planned as nested loops over the whole table.
            cursor.execute("ANALYZE orders_order")
            say("  feedback and claims…")
            cursor.execute(SEED_FEEDBACK_SQL, params)
            cursor.execute(SEED_CLAIMS_SQL, params)
    vacuum()
    return account


def vacuum():
    """What autovacuum would have done by the time a seller looks: statistics,
    and the visibility map that lets the 30-day order count read only the index."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("orders_order", "feedback_feedback", "orders_claim", "feedback_dailyrollup"):
            cursor.execute(f"VACUUM ANALYZE {table}")


def seed_counts(account):
    from django.db.models import Count, Q

    from feedback.models import Feedback
    from orders.models import Claim, Order

    feedback = Feedback.objects.filter(account=account).aggregate(
        total=Count("id"), negative=Count("id", filter=Q(rating__lte=2))
    )
    claims = Claim.objects.filter(account=account).aggregate(
        atoz=Count("id", filter=Q(kind="atoz")), chargebacks=Count("id", filter=Q(kind="chargeback"))
    )
    return {
        "orders": Order.objects.filter(account=account).count(),
        "feedback": feedback["total"],
        "negative_feedback": feedback["negative"],
        "atoz_claims": claims["atoz"],
        "chargebacks": claims["chargebacks"],
    }


def full_refresh(account):
    from feedback.models import DailyRollup
    from feedback.rollups import rollups_refresh

    started = time.perf_counter()
    keys = rollups_refresh(account=account)
    seconds = time.perf_counter() - started
    vacuum()  # the refresh replaced every rollup row: leave no dead ones for the dashboard to skip
    return seconds, keys, DailyRollup.objects.filter(account=account).count()


# --- the web server ------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def procfile_web_command(env):
    """The Procfile's web line, its ${NAME:-default} filled from env."""
    line = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    command = re.sub(r"\$\{(\w+)(?::-([^}]*))?\}", lambda m: env.get(m[1], m[2] or ""), line.split(":", 1)[1])
    return shlex.split(command)


class Gunicorn:
    """gunicorn in a session (process group) of its own: stop() ends the
    master and its workers, whatever state they are in."""

    def __init__(self):
        self.port = free_port()
        env = dict(os.environ, FEEDBACKHUB_PORT=str(self.port), DEBUG="false")
        self.command = procfile_web_command(env)
        OUT.mkdir(parents=True, exist_ok=True)
        self.log_path = OUT / "dashboard-gunicorn.log"
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise

    def _wait_until_up(self):
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log_path}")
            try:
                status, _, _ = request(self.port, "GET", "/accounts/login/")
                if status == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log_path}")
            time.sleep(0.2)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        try:
            # Workers outliving their master (they should not) go with the group.
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.log.close()


def request(port, method, path, *, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def cookies_of(headers):
    jar = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def login(port, username, password):
    """The Cookie header of a logged-in session, through the real login form."""
    status, headers, body = request(port, "GET", "/accounts/login/")
    assert status == 200, f"login page: {status}"
    csrf_cookie = cookies_of(headers)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1].decode()
    form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    status, headers, _ = request(
        port,
        "POST",
        "/accounts/login/",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf_cookie}"},
    )
    session = cookies_of(headers).get("sessionid")
    assert status == 302 and session, f"login failed: {status}"
    cookie = f"csrftoken={csrf_cookie}; sessionid={session}"
    for path in (DASHBOARD_PATH, FLOOR_PATH):
        status, _, _ = request(port, "GET", path, headers={"Cookie": cookie})
        assert status == 200, f"{path} answered {status} to the logged-in owner"
    return cookie


# --- the load ----------------------------------------------------------------------


def load(port, path, cookie, *, clients, seconds):
    """`clients` threads, one HTTP/1.1 connection each (gunicorn's sync workers
    close it after every response; http.client then reconnects), sending GET
    `path` back to back until `seconds` are up. Returns the latencies (s) of
    the 200 answers and the count of everything else."""
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, failed = [], 0
        while (started := time.perf_counter()) < deadline:
            try:
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
            if ok:
                mine.append(time.perf_counter() - started)
            else:
                failed += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.append(failed)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, sum(errors), time.perf_counter() - started


def percentile(sorted_values, share):
    """Nearest rank."""
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))]


def summary(name, path, latencies, errors, elapsed):
    ordered = sorted(latencies)
    figures = {
        "phase": name,
        "path": path,
        "requests": len(ordered) + errors,
        "errors": errors,
        "per_second": round(len(ordered) / elapsed, 1),
    }
    for label, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99), ("max", 1.0)):
        value = percentile(ordered, share)
        figures[f"{label}_ms"] = round(1000 * value, 1) if value is not None else None
    figures["mean_ms"] = round(1000 * statistics.fmean(ordered), 1) if ordered else None
    return figures


# --- the refresh after an import ------------------------------------------------------


def import_rows(account, count, days):
    """OrderRow values of `count` new one-item orders of the last `days` days,
    as an SP-API sync page or a report would bring them (ship-to included)."""
    from django.utils import timezone

    from orders.imports.rows import OrderRow

    domains = {m.code: m for m in account.marketplaces.all()}
    slots = [code for code, share in MARKET_SHARES for _ in range(share)]
    now = timezone.now().replace(microsecond=0)
    rows = []
    for n in range(count):
        marketplace = domains[slots[(n * 37) % len(slots)]]
        purchased = now - timedelta(seconds=3600 + (n * 7919) % (days * 86400))
        rows.append(
            OrderRow(
                line_no=n + 2,
                amazon_order_id=f"701-{n // 10_000_000:07d}-{n % 10_000_000:07d}",
                purchase_date=purchased.isoformat(),
                last_updated=(purchased + timedelta(minutes=30)).isoformat(),
                order_status="Shipped" if n % 3 else "Unshipped",
                fulfillment_channel="Amazon" if n % 20 < 13 else "Merchant",
                sales_channel="A" + marketplace.domain[1:],
                ship_service_level="Standard",
                sku=f"SKU-{n % 40:03d}",
                asin=f"B0BENCH{n % 40:03d}",
                title=f"Bench product {n % 40}",
                item_status="Shipped",
                quantity="1",
                currency=marketplace.currency,
                item_price=f"{5 + (n % 9000) / 100:.2f}",
                ship_city="Springfield",
                ship_state="IL",
                ship_postal_code="62704",
                ship_country=marketplace.country_code,
                is_business_order="false",
                is_prime="true" if n % 2 else "false",
                is_replacement_order="false",
            )
        )
    return rows


class Rollback(Exception):
    pass


def import_refresh_run(account, rows):
    """One import + refresh, timed, in a transaction rolled back afterwards."""
    from django.db import transaction

    from feedback.rollups import rollups_refresh_changed
    from orders.imports.upsert import order_rows_upsert

    try:
        with transaction.atomic():
            started = time.perf_counter()
            counts = order_rows_upsert(account=account, rows=rows)
            upserted = time.perf_counter()
            keys = rollups_refresh_changed(account=account)
            refreshed = time.perf_counter()
            assert counts.created == len(rows) and not counts.rejected, counts
            raise Rollback
    except Rollback:
        pass
    return {
        "upsert_s": upserted - started,
        "refresh_s": refreshed - upserted,
        "import_refresh_s": refreshed - started,
        "keys": keys,
    }


# --- where the time goes (--profile) ------------------------------------------------------


def profile_dashboard(username, path, runs=20):
    """cProfile `runs` in-process dashboard requests (Django's test client),
    and the SQL of one with each statement's time, to stderr."""
    import cProfile

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    assert client.get(DASHBOARD_PATH).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        client.get(DASHBOARD_PATH)
        one = time.perf_counter() - started
    say(f"one dashboard request in-process: {1000 * one:.1f} ms, {len(queries)} SQL statements:")
    for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"])):
        say(f"  {1000 * float(query['time']):7.1f} ms  {query['sql'][:160]}")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(DASHBOARD_PATH)
    profiler.disable()
    profiler.dump_stats(path)
    say(f"profile of {runs} dashboard requests written to {path} (python -m pstats {path})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30, help="of load per page")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of load per page before measuring")
    parser.add_argument(
        "--serial-seconds", type=float, default=5, help="of one client alone per page (the unloaded latency)"
    )
    parser.add_argument("--refresh-runs", type=int, default=3, help="imports + refreshes timed (the median reported)")
    parser.add_argument("--reseed", action="store_true", help="seed again even if a matching seed is there")
    parser.add_argument("--profile", metavar="PATH", help="also cProfile in-process dashboard requests into PATH")
    args = parser.parse_args()
    # The launcher stops us with SIGTERM: unwind through the finally blocks.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    account = None if args.reseed else seed_reusable(args.orders)
    seeded = account is None
    seed_seconds = None
    if seeded:
        say(f"seeding {args.orders:,} orders over {DAYS} days…")
        started = time.perf_counter()
        account = seed(args.orders)
        seed_seconds = round(time.perf_counter() - started, 1)
    counts = seed_counts(account)
    emit(phase="seed", reused=not seeded, seconds=seed_seconds, **counts)

    say("full rollups_refresh…")
    full_seconds, full_keys, rollup_rows = full_refresh(account)
    emit(phase="full_refresh", seconds=round(full_seconds, 2), keys=full_keys, rollup_rows=rollup_rows)

    if args.profile:
        profile_dashboard(owner_username(args.orders), args.profile)

    server = Gunicorn()
    try:
        say(f"gunicorn on 127.0.0.1:{server.port}: {shlex.join(server.command)}")
        cookie = login(server.port, owner_username(args.orders), BENCH_PASSWORD)
        pages, serial = {}, {}
        for name, path in (("dashboard", DASHBOARD_PATH), ("floor", FLOOR_PATH)):
            say(f"{path}: {args.warmup:g} s of warm-up, 1 client for {args.serial_seconds:g} s, …")
            load(server.port, path, cookie, clients=args.clients, seconds=args.warmup)
            latencies, errors, elapsed = load(server.port, path, cookie, clients=1, seconds=args.serial_seconds)
            serial[name] = summary(f"{name}_1_client", path, latencies, errors, elapsed)
            emit(**serial[name])
            say(f"{path}: {args.clients} clients for {args.seconds:g} s…")
            latencies, errors, elapsed = load(server.port, path, cookie, clients=args.clients, seconds=args.seconds)
            pages[name] = summary(name, path, latencies, errors, elapsed)
            emit(**pages[name])
        # The figures computed afresh each time (the Refresh link): what the first
        # visit after an import costs, which the cached copy hides from the load above.
        fresh = f"{DASHBOARD_PATH}?fresh=1"
        say(f"{fresh}: 1 client for {args.serial_seconds:g} s…")
        latencies, errors, elapsed = load(server.port, fresh, cookie, clients=1, seconds=args.serial_seconds)
        serial["recompute"] = summary("dashboard_recompute_1_client", fresh, latencies, errors, elapsed)
        emit(**serial["recompute"])
    finally:
        server.stop()

    say(f"importing {IMPORT_ORDERS:,} new orders and refreshing what changed, {args.refresh_runs}×…")
    rows = import_rows(account, IMPORT_ORDERS, IMPORT_DAYS)
    runs = []
    for _ in range(args.refresh_runs):
        runs.append(import_refresh_run(account, rows))
        emit(phase="import_refresh", **{k: round(v, 3) if isinstance(v, float) else v for k, v in runs[-1].items()})

    def median(key):
        return round(statistics.median(run[key] for run in runs), 3)

    dashboard, floor = pages["dashboard"], pages["floor"]
    p95_ratio = round(dashboard["p95_ms"] / floor["p95_ms"], 2)
    rollup_refresh_s = median("refresh_s")
    emit(
        dashboard_p50_ms=dashboard["p50_ms"],
        dashboard_p95_ms=dashboard["p95_ms"],
        floor_p50_ms=floor["p50_ms"],
        floor_p95_ms=floor["p95_ms"],
        p95_ratio=p95_ratio,
        rollup_refresh_s=rollup_refresh_s,
        import_refresh_s=median("import_refresh_s"),
        import_orders=IMPORT_ORDERS,
        refresh_keys=runs[0]["keys"],
        full_refresh_s=round(full_seconds, 2),
        full_refresh_keys=full_keys,
        dashboard_1_client_p50_ms=serial["dashboard"]["p50_ms"],
        floor_1_client_p50_ms=serial["floor"]["p50_ms"],
        dashboard_recompute_1_client_p50_ms=serial["recompute"]["p50_ms"],
        dashboard_recompute_1_client_p95_ms=serial["recompute"]["p95_ms"],
        dashboard_per_second=dashboard["per_second"],
        floor_per_second=floor["per_second"],
        floor_path=FLOOR_PATH,
        clients=args.clients,
        seconds_per_page=args.seconds,
        # Every measured request (warm-ups aside), 1 client and C clients.
        requests=sum(page["requests"] for page in (*pages.values(), *serial.values())),
        errors=sum(page["errors"] for page in (*pages.values(), *serial.values())),
        orders=counts["orders"],
        feedback=counts["feedback"],
        seed_reused=not seeded,
        targets=TARGETS,
        meets_targets={
            "p95_ratio": p95_ratio <= TARGETS["p95_ratio"],
            "dashboard_p95_ms": dashboard["p95_ms"] < TARGETS["dashboard_p95_ms"],
            "rollup_refresh_s": rollup_refresh_s < TARGETS["rollup_refresh_s"],
        },
        machine=machine(),
    )


if __name__ == "__main__":
    main()
