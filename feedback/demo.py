"""Demo data for `make run`: a seller account with a realistic six months.

Deterministic (a fixed random seed, dates relative to "now") and idempotent:
an account that already has its demo orders is left as it is. Every name and
address is obviously fake.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from feedbackhub.crypto import blind_index
from feedbackhub.rules import FEEDBACK_WINDOW_DAYS, PII_RETENTION_DAYS, is_negative, local_day, local_midnight
from feedbackhub.tenancy.models import Marketplace, Role, SellerAccount
from feedbackhub.tenancy.services import membership_set, seller_account_create
from feedbackhub.tenancy.two_factor import two_factor_require_set
from messaging.inbox.demo import demo_threads_load
from messaging.services import starter_templates_load
from orders.models import Claim, ClaimKind, ClaimStatus, FulfillmentChannel, Order, OrderItem, OrderStatus

from .demo_campaigns import demo_campaigns_seed
from .demo_cases import demo_cases_seed
from .demo_imports import demo_imports_run
from .metrics import dashboard
from .models import AccountHealthSnapshot, Feedback, FeedbackState
from .rollups import rollups_refresh

DEMO_PASSWORD = "feedbackhub-demo"
DEMO_USERS = (("owner", Role.OWNER), ("admin", Role.ADMIN), ("va", Role.VA))
DEMO_MERCHANT_ID = "ADEMOSELLER0001"
SECOND_MERCHANT_ID = "ADEMOSELLER0002"
PII_RETENTION = timedelta(days=PII_RETENTION_DAYS)

PRODUCTS = (
    ("TRAIL-BOTTLE-750", "B0DEMO0001", "Trail insulated bottle 750 ml", Decimal("24.99")),
    ("TRAIL-BOTTLE-500", "B0DEMO0002", "Trail insulated bottle 500 ml", Decimal("19.99")),
    ("CAMP-MUG-STEEL", "B0DEMO0003", "Camp mug, stainless steel", Decimal("12.49")),
    ("HEADLAMP-300", "B0DEMO0004", "Headlamp 300 lumen, rechargeable", Decimal("29.90")),
    ("DRYBAG-20L", "B0DEMO0005", "Dry bag 20 L, roll-top", Decimal("17.95")),
    ("SPORK-TI", "B0DEMO0006", "Titanium spork", Decimal("9.99")),
    ("TARP-3X3", "B0DEMO0007", "Ultralight tarp 3 × 3 m", Decimal("59.00")),
    ("FIRSTAID-MINI", "B0DEMO0008", "First-aid kit, mini", Decimal("14.50")),
)
MARKETPLACE_WEIGHTS = {"US": 55, "CA": 10, "UK": 20, "DE": 15}
CURRENCY_FACTOR = {"USD": Decimal("1"), "CAD": Decimal("1.35"), "GBP": Decimal("0.8"), "EUR": Decimal("0.92")}

COMMENTS = {
    "en": {
        5: ["Arrived quickly and exactly as described.", "Great seller, fast shipping.", "Perfect, thank you!"],
        4: ["Good item, delivery a day later than promised.", "Well packed, works fine."],
        3: ["Item OK but the box was dented.", "Took a while to arrive."],
        2: [
            "Arrived late and the lid was scratched.",
            "Wrong colour sent, still waiting for a reply.",
            "The bottle leaks and the paint chipped after a week. Poor quality.",
        ],
        1: ["Never arrived.", "Item broken on arrival and no answer from the seller.", "Cheap plastic, it cracked."],
    },
    "de": {
        5: ["Schnelle Lieferung, alles bestens.", "Artikel wie beschrieben, gerne wieder."],
        4: ["Gute Ware, Lieferung einen Tag später als angekündigt."],
        3: ["Ware in Ordnung, Verpackung beschädigt."],
        2: ["Lieferung verspätet und der Deckel war zerkratzt.", "Die Flasche ist undicht, schlechte Qualität."],
        1: ["Paket nie angekommen.", "Defekt angekommen, keine Antwort vom Verkäufer."],
    },
    "fr": {
        5: ["Livraison rapide, article conforme."],
        4: ["Bon produit, livré avec un jour de retard."],
        3: ["Article correct mais emballage abîmé."],
        2: ["Livré en retard et couvercle rayé."],
        1: ["Colis jamais reçu."],
    },
}
# Canada gets French comments from about a quarter of its buyers.
MARKETPLACE_LANGUAGES = {"US": ["en"], "UK": ["en"], "DE": ["de"], "CA": ["en", "en", "en", "fr"], "FR": ["fr"]}
RATING_WEIGHTS = {5: 80, 4: 12, 3: 3, 2: 2, 1: 3}
# An item's status as Amazon reports it for its order's status (never "Shipped"
# under an order that has not shipped).
ITEM_STATUS = {
    OrderStatus.CANCELED: "Cancelled",
    OrderStatus.PENDING: "Unshipped",
    OrderStatus.UNSHIPPED: "Unshipped",
    OrderStatus.SHIPPED: "Shipped",
}


@dataclass
class SeedResult:
    account: SellerAccount
    created: bool
    orders: int


def _order_id(rng, used):
    while True:
        candidate = f"{rng.randint(100, 999)}-{rng.randint(0, 9999999):07d}-{rng.randint(0, 9999999):07d}"
        if candidate not in used:
            used.add(candidate)
            return candidate


def _build_orders(rng, account, marketplace_weights, count, now):
    marketplaces = {m.code: m for m in Marketplace.objects.filter(code__in=marketplace_weights)}
    codes = list(marketplace_weights)
    weights = [marketplace_weights[code] for code in codes]
    used_ids = set()
    orders, baskets = [], []
    for number in range(count):
        marketplace = marketplaces[rng.choices(codes, weights)[0]]
        purchase = now - timedelta(days=rng.uniform(0, 180))
        channel = FulfillmentChannel.AFN if rng.random() < 0.65 else FulfillmentChannel.MFN
        age_days = (now - purchase).days
        shipped_at = earliest = latest = delivered = returned = refunded = None
        if rng.random() < 0.03:
            status = OrderStatus.CANCELED
        elif age_days < 1:
            status = rng.choice([OrderStatus.PENDING, OrderStatus.UNSHIPPED])
        else:
            status = OrderStatus.SHIPPED
            shipped_at = purchase + timedelta(hours=rng.uniform(2, 40))
            earliest = shipped_at + timedelta(days=2)
            latest = shipped_at + timedelta(days=5 if channel == FulfillmentChannel.AFN else 8)
            candidate = shipped_at + timedelta(days=rng.uniform(1.5, 7))
            delivered = candidate if candidate < now else None
            if delivered and rng.random() < 0.02:
                returned = delivered + timedelta(days=rng.uniform(2, 20))
                returned = returned if returned < now else None
                refunded = returned + timedelta(days=2) if returned and returned + timedelta(days=2) < now else None
        basket = rng.sample(PRODUCTS, k=rng.choices([1, 2, 3], [75, 20, 5])[0])
        factor = CURRENCY_FACTOR[marketplace.currency]
        quantities = [rng.choices([1, 2, 3], [85, 12, 3])[0] for _ in basket]
        total = sum(
            (price * factor).quantize(Decimal("0.01")) * qty
            for (_, _, _, price), qty in zip(basket, quantities, strict=True)
        )
        buyer_email = f"demo-buyer-{number:05d}@marketplace.amazon.example"
        purged_at = delivered + PII_RETENTION if delivered and delivered + PII_RETENTION < now else None
        orders.append(
            Order(
                account=account,
                marketplace=marketplace,
                amazon_order_id=_order_id(rng, used_ids),
                purchase_date=purchase,
                last_updated=max(x for x in (purchase, shipped_at, delivered, returned, refunded) if x),
                status=status,
                fulfillment_channel=channel,
                sales_channel=marketplace.domain.capitalize(),
                ship_service_level=rng.choice(["Standard", "Expedited"]),
                earliest_ship_date=purchase,
                latest_ship_date=purchase + timedelta(days=2),
                shipped_at=shipped_at,
                earliest_delivery_date=earliest,
                latest_delivery_date=latest,
                delivered_at=delivered,
                returned_at=returned,
                refunded_at=refunded,
                order_total=total,
                currency=marketplace.currency,
                is_business_order=rng.random() < 0.05,
                is_prime=channel == FulfillmentChannel.AFN and rng.random() < 0.7,
                is_replacement_order=rng.random() < 0.005,
                ship_country=marketplace.country_code,
                buyer_name="" if purged_at else f"Demo Buyer {number:05d}",
                buyer_email="" if purged_at else buyer_email,
                buyer_key=blind_index(buyer_email),
                pii_purged_at=purged_at,
            )
        )
        baskets.append(list(zip(basket, quantities, strict=True)))
    return orders, baskets


def _build_feedback(rng, orders, now):
    feedback = []
    ratings = list(RATING_WEIGHTS)
    weights = [RATING_WEIGHTS[rating] for rating in ratings]
    for order in orders:
        if order.delivered_at is None or rng.random() >= 0.062:
            continue
        rating = rng.choices(ratings, weights)[0]
        feedback_at = order.delivered_at + timedelta(days=rng.uniform(0, 20))
        if feedback_at >= now or feedback_at - order.purchase_date > timedelta(days=FEEDBACK_WINDOW_DAYS):
            continue
        language = rng.choice(MARKETPLACE_LANGUAGES[order.marketplace.code])
        state, changed = FeedbackState.LIVE, None
        if is_negative(rating) and rng.random() < 0.25:
            state = rng.choice([FeedbackState.REMOVED_BY_BUYER, FeedbackState.STRUCK_THROUGH])
            changed = min(now, feedback_at + timedelta(days=rng.uniform(2, 15)))
        feedback.append(
            Feedback(
                account=order.account,
                marketplace=order.marketplace,
                order=order,
                amazon_order_id=order.amazon_order_id,
                rating=rating,
                comment=rng.choice(COMMENTS[language][rating]),
                feedback_date=feedback_at.date(),
                state=state,
                state_changed_at=changed,
            )
        )
    return feedback


def _build_claims(rng, orders, now):
    claims = []
    for order in orders:
        if order.shipped_at is None:
            continue
        roll = rng.random()
        if roll < 0.003:
            kind = ClaimKind.A_TO_Z
        elif roll < 0.004:
            kind = ClaimKind.CHARGEBACK
        else:
            continue
        opened = order.shipped_at + timedelta(days=rng.uniform(5, 25))
        if opened >= now:
            continue
        status = rng.choices(list(ClaimStatus), [30, 30, 25, 15])[0]
        closed = None if status == ClaimStatus.OPEN else min(now, opened + timedelta(days=rng.uniform(3, 20)))
        claims.append(
            Claim(
                account=order.account,
                order=order,
                amazon_order_id=order.amazon_order_id,
                kind=kind,
                status=status,
                reason=rng.choice(["Item not received", "Item not as described", "Damaged item"]),
                amount=order.order_total,
                currency=order.currency,
                opened_at=opened,
                closed_at=closed,
            )
        )
    return claims


def _seed_account(*, name, merchant_id, marketplace_weights, order_count, seed, now):
    account = SellerAccount.objects.filter(merchant_id=merchant_id).first()
    if account is not None and account.orders.exists():
        return SeedResult(account=account, created=False, orders=account.orders.count())
    if account is None:
        account = seller_account_create(
            name=name,
            merchant_id=merchant_id,
            time_zone="America/Los_Angeles",
            marketplace_codes=list(marketplace_weights),
        )
    rng = random.Random(seed)
    orders, baskets = _build_orders(rng, account, marketplace_weights, order_count, now)
    Order.objects.bulk_create(orders, batch_size=2000)
    items = [
        OrderItem(
            order=order,
            sku=sku,
            asin=asin,
            title=title,
            quantity=quantity,
            item_price=(price * CURRENCY_FACTOR[order.currency]).quantize(Decimal("0.01")),
            item_status=ITEM_STATUS[order.status],
        )
        for order, basket in zip(orders, baskets, strict=True)
        for (sku, asin, title, price), quantity in basket
    ]
    OrderItem.objects.bulk_create(items, batch_size=5000)
    Feedback.objects.bulk_create(_build_feedback(rng, orders, now), batch_size=2000)
    Claim.objects.bulk_create(_build_claims(rng, orders, now), batch_size=2000)
    return SeedResult(account=account, created=True, orders=len(orders))


@transaction.atomic
def demo_seed(*, order_count=20000, now=None):
    """Create (or find) the demo accounts and users; returns the main account's result."""
    now = now or timezone.now()
    main = _seed_account(
        name="Demo Outdoor Goods",
        merchant_id=DEMO_MERCHANT_ID,
        marketplace_weights=MARKETPLACE_WEIGHTS,
        order_count=order_count,
        seed=2026,
        now=now,
    )
    # A second, smaller account shows the account switcher (owner only).
    second = _seed_account(
        name="Demo Kitchen Supplies",
        merchant_id=SECOND_MERCHANT_ID,
        marketplace_weights={"UK": 1},
        order_count=max(order_count // 50, 10),
        seed=2027,
        now=now,
    )
    for account in (main.account, second.account):
        starter_templates_load(account=account)
        # The demo logins work with the password alone; a real account
        # requires two-factor sign-in of owners and admins from the start.
        two_factor_require_set(account=account, required=False)
    demo_campaigns_seed(account=main.account, now=now)
    User = get_user_model()
    for username, role in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, email=f"{username}@demo.example", password=DEMO_PASSWORD)
        membership_set(user=user, account=main.account, role=role)
        if role == Role.OWNER:
            membership_set(user=user, account=second.account, role=role)
    for account in (main.account, second.account):
        rollups_refresh(account=account)
    _demo_health_snapshot(main.account, now)
    demo_cases_seed(
        account=main.account,
        va=User.objects.get(username="va"),
        admin=User.objects.get(username="admin"),
        now=now,
    )
    if main.created:
        # Recent orders as uploads bring them, through the importers (the campaigns plan them).
        demo_imports_run(
            account=main.account,
            user=User.objects.get(username="owner"),
            now=now,
            rng=random.Random(2028),
            products=PRODUCTS,
        )
        # The VA's inbox: buyer threads in every state, through the same parsing as real mail.
        demo_threads_load(account=main.account, now=now, worker=User.objects.get(username="va"))
        main.orders = main.account.orders.count()  # the uploads' orders too
    return main


def _demo_health_snapshot(account, now):
    """Amazon's own US FBA figure for its window, two defects above ours (as if
    two feedback had not been imported yet): the dashboard explains the gap."""
    us = Marketplace.objects.get(code="US")
    today = local_day(now, us.time_zone)
    window = dashboard(account=account, today=today, marketplace="US", channel="AFN").amazon_window
    defects = window.defect_orders + 2
    AccountHealthSnapshot.objects.update_or_create(
        account=account,
        marketplace=us,
        fulfillment="afn",
        date_from=local_midnight(window.first_day, us.time_zone),
        date_to=local_midnight(window.last_day + timedelta(days=1), us.time_zone),
        defaults={
            "order_count": window.orders,
            "orders_with_defects": defects,
            "claims": window.claim_orders,
            "chargebacks": window.chargeback_orders,
            "negative_feedback": window.negative_feedback_orders + 2,
            "rate": Decimal(defects) / Decimal(window.orders or 1),
            "status": "GOOD" if defects < window.orders * 0.01 else "BAD",
        },
    )
