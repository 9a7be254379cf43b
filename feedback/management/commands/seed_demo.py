import os

from django.core.management.base import BaseCommand

from feedback.demo import DEMO_PASSWORD, DEMO_USERS, demo_seed


class Command(BaseCommand):
    help = "Load the demo seller account, users and six months of orders (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--orders",
            type=int,
            default=int(os.environ.get("FEEDBACKHUB_DEMO_ORDERS", 20000)),
            help="orders to create (default 20,000, or FEEDBACKHUB_DEMO_ORDERS)",
        )

    def handle(self, *args, orders, **options):
        result = demo_seed(order_count=orders)
        verb = "Created" if result.created else "Reusing"
        self.stdout.write(f"{verb} demo account {result.account.name!r} with {result.orders:,} orders.")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD}):"))
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {username:<6} {role.label}")
        self.stdout.write("Open http://127.0.0.1:8000/ and log in.")
