"""Amazon's own Order Defect Rate (the imported account-health report) beside
ours for the same reporting range, with the difference explained order by order.

Amazon gives counts only, so the orders we can name are ours: defects we
count that Amazon could not have counted yet (the feedback or claim arrived
after its figure), and orders Amazon counted that we no longer do (the
feedback was removed or struck through, the claim denied, after its figure).
What is left is counted by Amazon and unknown to us: feedback or claims not
imported yet.
"""

from dataclasses import dataclass, field

from django.db import connection

from feedbackhub.rules import negative_sql

from .models import AccountHealthSnapshot, FeedbackState

CHANNEL = {"afn": "AFN", "mfn": "MFN"}
LISTED = 20

ORDERS_SQL = f"""
SELECT o.amazon_order_id,
       f.rating, f.state, f.feedback_date, f.state_changed_at,
       c.kind, c.status, c.opened_at, c.closed_at
  FROM orders_order o
  LEFT JOIN feedback_feedback f ON f.order_id = o.id AND {negative_sql("f.rating")}
  LEFT JOIN orders_claim c ON c.order_id = o.id
 WHERE o.account_id = %(account)s AND o.marketplace_id = %(marketplace)s AND o.fulfillment_channel = %(channel)s
   AND o.purchase_date >= %(date_from)s AND o.purchase_date < %(date_to)s
   AND (f.id IS NOT NULL OR c.id IS NOT NULL)
 ORDER BY o.purchase_date
"""
COUNT_SQL = """
SELECT count(*) FROM orders_order o
 WHERE o.account_id = %(account)s AND o.marketplace_id = %(marketplace)s AND o.fulfillment_channel = %(channel)s
   AND o.purchase_date >= %(date_from)s AND o.purchase_date < %(date_to)s
"""


@dataclass
class Reconciliation:
    snapshot: AccountHealthSnapshot
    our_orders: int = 0
    our_defects: int = 0
    only_ours: list = field(default_factory=list)  # [(order id, why)]
    only_amazons: list = field(default_factory=list)  # [(order id, why)]

    @property
    def our_rate(self):
        return self.our_defects / self.our_orders if self.our_orders else None

    @property
    def unexplained(self):
        """Defects Amazon counts that we cannot name: not imported yet."""
        return self.snapshot.orders_with_defects - (self.our_defects - len(self.only_ours) + len(self.only_amazons))


def _state_label(state):
    """ "removed by Amazon", "struck through by Amazon", …: the state's label, in a sentence."""
    label = FeedbackState(state).label
    return label[:1].lower() + label[1:]


def _explain(rows, as_of):
    """Per order: is it a defect now, was it one when Amazon computed, and why not."""
    orders = {}
    for order_id, rating, state, feedback_date, changed_at, kind, status, opened_at, closed_at in rows:
        facts = orders.setdefault(order_id, {"now": False, "then": False, "why": []})
        if rating is not None:
            counted_then = feedback_date <= as_of.date() and (
                state == "live" or (changed_at is not None and changed_at > as_of)
            )
            facts["now"] |= state == "live"
            facts["then"] |= counted_then
            if state == "live" and feedback_date > as_of.date():
                facts["why"].append(f"{rating}★ feedback of {feedback_date:%Y-%m-%d}, after Amazon's figure")
            elif state != "live" and counted_then:
                facts["why"].append(f"{rating}★ feedback {_state_label(state)} after Amazon's figure")
        if kind is not None:
            counted_then = opened_at <= as_of and (status != "denied" or (closed_at is not None and closed_at > as_of))
            facts["now"] |= status != "denied"
            facts["then"] |= counted_then
            if status != "denied" and opened_at > as_of:
                facts["why"].append(f"{kind} opened {opened_at:%Y-%m-%d}, after Amazon's figure")
            elif status == "denied" and counted_then:
                facts["why"].append(f"{kind} denied after Amazon's figure")
    return orders


def reconciliation(*, account, snapshot: AccountHealthSnapshot) -> Reconciliation:
    params = {
        "account": account.pk,
        "marketplace": snapshot.marketplace_id,
        "channel": CHANNEL[snapshot.fulfillment],
        "date_from": snapshot.date_from,
        "date_to": snapshot.date_to,
    }
    with connection.cursor() as cursor:
        cursor.execute(COUNT_SQL, params)
        our_orders = cursor.fetchone()[0]
        cursor.execute(ORDERS_SQL, params)
        rows = cursor.fetchall()
    result = Reconciliation(snapshot=snapshot, our_orders=our_orders)
    for order_id, facts in _explain(rows, snapshot.imported_at).items():
        result.our_defects += facts["now"]
        why = "; ".join(facts["why"]) or "counted on both sides"
        if facts["now"] and not facts["then"]:
            result.only_ours.append((order_id, why))
        elif facts["then"] and not facts["now"]:
            result.only_amazons.append((order_id, why))
    return result


def latest_snapshots(*, account, marketplace: str = "", channel: str = ""):
    """The newest imported figure per marketplace and side (the filters applied)."""
    snapshots = AccountHealthSnapshot.objects.filter(account=account).select_related("marketplace")
    if marketplace:
        snapshots = snapshots.filter(marketplace__code=marketplace)
    if channel:
        snapshots = snapshots.filter(fulfillment=channel.lower())
    newest = {}
    for snapshot in snapshots.order_by("-date_to"):
        newest.setdefault((snapshot.marketplace_id, snapshot.fulfillment), snapshot)
    return list(newest.values())
