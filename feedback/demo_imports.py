"""Demo orders that come in the way a seller's do: Seller Central report files
run through the import framework (orders.imports), so `make run` shows every
path in the import history and its effects.

- an All Orders report of the last ten days' new orders: no delivery dates, no
  buyer address, so Request a Review is planned on an estimate;
- the Amazon Fulfilled Shipments report for the FBA half of them: ship dates
  and Amazon's estimated arrival fill in;
- the FBM Order Report for the seller-fulfilled half: the buyer's relay address
  and the delivery window fill in, so the email campaign can reach them.
Every name and address is obviously fake.
"""

from datetime import timedelta

from django.core.files.base import ContentFile

from orders.imports.services import import_job_run
from orders.models import ImportJob

DEMO_IMPORT_ORDERS = 40
US_DOMAIN = "Amazon.com"

ALL_ORDERS_HEADER = (
    "amazon-order-id merchant-order-id purchase-date last-updated-date order-status fulfillment-channel "
    "sales-channel order-channel ship-service-level product-name sku asin item-status quantity currency item-price "
    "ship-city ship-state ship-postal-code ship-country is-business-order"
).split()
FBA_SHIPMENTS_HEADER = (
    "amazon-order-id merchant-order-id shipment-id shipment-item-id amazon-order-item-id merchant-order-item-id "
    "purchase-date payments-date shipment-date reporting-date buyer-email buyer-name sku product-name "
    "quantity-shipped currency item-price ship-service-level ship-city ship-state ship-postal-code ship-country "
    "carrier tracking-number estimated-arrival-date fulfillment-center-id fulfillment-channel sales-channel"
).split()
FBM_ORDER_HEADER = (
    "order-id order-item-id purchase-date payments-date buyer-email buyer-name sku product-name quantity-purchased "
    "currency item-price ship-service-level ship-city ship-state ship-postal-code ship-country sales-channel "
    "earliest-ship-date latest-ship-date earliest-delivery-date latest-delivery-date is-business-order is-prime"
).split()


def _stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _tsv(header, rows):
    lines = ["\t".join(header)] + ["\t".join(row.get(column, "") for column in header) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _demo_orders(rng, now, products):
    """(order id, purchase time, FBA?, product) of the new orders: every other one FBA."""
    orders = []
    for number in range(DEMO_IMPORT_ORDERS):
        order_id = f"113-{8000000 + number:07d}-{rng.randint(0, 9999999):07d}"
        purchased = now - timedelta(days=rng.uniform(2, 10))
        orders.append((order_id, purchased, number % 2 == 0, products[number % len(products)]))
    return orders


def _all_orders(orders):
    rows = []
    for order_id, purchased, fba, (sku, asin, title, price) in orders:
        rows.append(
            {
                "amazon-order-id": order_id,
                "purchase-date": _stamp(purchased),
                "last-updated-date": _stamp(purchased + timedelta(days=1)),
                "order-status": "Shipped",
                "fulfillment-channel": "Amazon" if fba else "Merchant",
                "sales-channel": US_DOMAIN,
                "ship-service-level": "Standard",
                "product-name": title,
                "sku": sku,
                "asin": asin,
                "item-status": "Shipped",
                "quantity": "1",
                "currency": "USD",
                "item-price": str(price),
                "ship-city": "Springfield",
                "ship-state": "IL",
                "ship-postal-code": "62704",
                "ship-country": "US",
                "is-business-order": "false",
            }
        )
    return rows


def _fba_shipments(orders):
    rows = []
    for number, (order_id, purchased, fba, (sku, _asin, title, price)) in enumerate(orders):
        if not fba or number % 4 == 0:  # a few FBA orders stay on the estimate
            continue
        shipped = purchased + timedelta(hours=20)
        rows.append(
            {
                "amazon-order-id": order_id,
                "shipment-id": f"DdemoShp{number:04d}",
                "shipment-item-id": f"DdemoItm{number:04d}",
                "purchase-date": _stamp(purchased),
                "payments-date": _stamp(purchased),
                "shipment-date": _stamp(shipped),
                "reporting-date": _stamp(shipped + timedelta(hours=2)),
                "sku": sku,
                "product-name": title,
                "quantity-shipped": "1",
                "currency": "USD",
                "item-price": str(price),
                "ship-service-level": "Standard",
                "ship-city": "Springfield",
                "ship-state": "IL",
                "ship-postal-code": "62704",
                "ship-country": "US",
                "carrier": "AMZN_US",
                "tracking-number": f"TBA0000{number:06d}",
                "estimated-arrival-date": _stamp(shipped + timedelta(days=3)),
                "fulfillment-center-id": "DEMO1",
                "fulfillment-channel": "AFN",
                "sales-channel": US_DOMAIN,
            }
        )
    return rows


def _fbm_order_report(orders):
    rows = []
    for number, (order_id, purchased, fba, (sku, _asin, title, price)) in enumerate(orders):
        if fba:
            continue
        rows.append(
            {
                "order-id": order_id,
                "order-item-id": f"{number:014d}",
                "purchase-date": _stamp(purchased),
                "payments-date": _stamp(purchased),
                "buyer-email": f"demo-report-buyer-{number:03d}@marketplace.amazon.com",
                "buyer-name": f"Demo Report Buyer {number:03d}",
                "sku": sku,
                "product-name": title,
                "quantity-purchased": "1",
                "currency": "USD",
                "item-price": str(price),
                "ship-service-level": "Standard",
                "ship-city": "Springfield",
                "ship-state": "IL",
                "ship-postal-code": "62704",
                "ship-country": "US",
                "sales-channel": US_DOMAIN,
                "earliest-ship-date": _stamp(purchased),
                "latest-ship-date": _stamp(purchased + timedelta(days=2)),
                "earliest-delivery-date": _stamp(purchased + timedelta(days=3)),
                "latest-delivery-date": _stamp(purchased + timedelta(days=7)),
                "is-business-order": "false",
                "is-prime": "false",
            }
        )
    return rows


def _run(account, user, name, content):
    job = ImportJob(account=account, uploaded_by=user, original_name=name, size_bytes=len(content))
    job.file.save(name, ContentFile(content), save=False)
    job.save()
    return import_job_run(job_id=job.pk)


def demo_imports_run(*, account, user, now, rng, products):
    """The three demo uploads, in the order a seller would make them; returns the jobs."""
    orders = _demo_orders(rng, now, products)
    return [
        _run(account, user, "All Orders (last 10 days).txt", _tsv(ALL_ORDERS_HEADER, _all_orders(orders))),
        _run(account, user, "Amazon Fulfilled Shipments.txt", _tsv(FBA_SHIPMENTS_HEADER, _fba_shipments(orders))),
        _run(account, user, "FBM Order Report.txt", _tsv(FBM_ORDER_HEADER, _fbm_order_report(orders))),
    ]
