"""Demo buyer threads, brought in through the same parse-and-store code as
real mail, from generated RFC 5322 messages: obviously fake names, relay
addresses like demo-buyer-00012@marketplace.amazon.com, order ids of the
account's demo orders. One thread in every state the inbox shows.

Loading twice changes nothing (each demo message has a fixed Message-ID).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from orders.models import Order, OrderStatus

from .models import BuyerMessage, BuyerThread, MessageDirection, MessageSource, ReplyStatus
from .parse import message_build
from .store import inbound_message_store, thread_clock_refresh

SELLER_ADDRESS = "buyer-messages@demo-seller.example"
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082"
)


@dataclass(frozen=True)
class DemoThread:
    number: int  # the demo buyer's number (their relay address)
    hours_ago: float
    body: str
    marketplace: str = "US"
    with_order: bool = True
    subject: str = ""
    attachment: bool = False
    # What happened after: "replied" (our reply sent: waiting on the buyer),
    # "replied_then_thanked" (done), "no_reply_needed" (done).
    then: str = ""


DEMO_THREADS = (
    DemoThread(1, 21.5, "Hello, the tracking has not moved for four days. Can you check where my parcel is?"),
    DemoThread(2, 20.25, "The mug arrived with a chipped handle. Can I get a replacement?"),
    DemoThread(3, 30, "I ordered two but received one. Please send the second one."),  # overdue
    DemoThread(4, 1, "The lid does not fit, see the photo attached.", attachment=True),
    DemoThread(
        5,
        6,
        "Guten Tag, das Paket kam beschädigt an. Können Sie mir bitte ein Ersatzteil schicken?",
        marketplace="DE",
    ),
    DemoThread(6, 5, "Everything is fine with the order. Please stop emailing me, I do not want any more messages."),
    DemoThread(
        7, 3, "Do you also sell this backpack in dark blue?", with_order=False, subject="Question about a product"
    ),
    DemoThread(8, 40, "Can you send me an invoice with my company name?", then="replied"),
    DemoThread(9, 70, "The charger is missing from the box.", then="replied_then_thanked"),
    DemoThread(10, 12, "Just to let you know it arrived today. All good!", then="no_reply_needed"),
)

SUBJECTS = {
    "US": "Inquiry from Amazon customer Demo Buyer {number} (Order: {order_id})",
    "UK": "Inquiry from Amazon customer Demo Buyer {number} (Order: {order_id})",
    "CA": "Inquiry from Amazon customer Demo Buyer {number} (Order: {order_id})",
    "DE": "Anfrage von Amazon-Kunde Demo Käufer {number} (Bestellung: {order_id})",
}
RELAY_DOMAINS = {"US": "amazon.com", "UK": "amazon.co.uk", "CA": "amazon.ca", "DE": "amazon.de"}


def _orders_by_marketplace(account, now):
    """Recent delivered demo orders per marketplace code, newest first: a buyer
    writes about an order that has arrived (and before the message's time)."""
    orders = {}
    delivered = Order.objects.filter(
        account=account, status=OrderStatus.SHIPPED, delivered_at__lt=now - timedelta(days=3)
    )
    for order in delivered.select_related("marketplace").order_by("-purchase_date")[:400]:
        orders.setdefault(order.marketplace.code, []).append(order)
    return orders


def _pick_order(orders, code):
    for candidates in (orders.get(code), *orders.values()):
        if candidates:
            return candidates.pop(0)
    return None


def _relay_address(spec):
    return f"demo-buyer-{spec.number:05d}@marketplace.{RELAY_DOMAINS.get(spec.marketplace, 'amazon.com')}"


def _message_id(account, spec, part):
    return f"<demo-{account.pk}-{spec.number}-{part}@marketplace.{RELAY_DOMAINS.get(spec.marketplace, 'amazon.com')}>"


def _buyer_mail(account, spec, *, order, part, body, sent_at):
    order_id = order.amazon_order_id if order else ""
    subject = spec.subject or SUBJECTS.get(spec.marketplace, SUBJECTS["US"])
    if part != "1":
        subject = "Re: " + subject
    return message_build(
        subject=subject.format(number=spec.number, order_id=order_id),
        body=body,
        from_address=f"Demo Buyer {spec.number} <{_relay_address(spec)}>",
        to_address=SELLER_ADDRESS,
        message_id=_message_id(account, spec, part),
        sent_at=sent_at,
        attachments=(("lid-photo.png", "image/png", TINY_PNG),) if spec.attachment and part == "1" else (),
    )


def _reply(account, thread, spec, *, sent_at, author):
    message_id = _message_id(account, spec, "reply")
    if BuyerMessage.objects.filter(account=account, message_id=message_id).exists():
        return
    BuyerMessage.objects.create(
        account=account,
        thread=thread,
        order=thread.order,
        amazon_order_id=thread.amazon_order_id,
        direction=MessageDirection.OUTBOUND,
        source=MessageSource.REPLY,
        message_id=message_id,
        subject="Re: " + thread.subject,
        body_text="Thank you for your message. We are sorry about this and have sent what was missing today.",
        language=thread.language,
        received_at=sent_at,
        status=ReplyStatus.SENT,
        sent_at=sent_at,
        author=author,
    )


def demo_threads_load(*, account, now: datetime, worker=None) -> list[BuyerThread]:
    """Load the demo threads for the account (its demo orders must exist for
    the threads to link to them); `worker` is the person who answered the
    answered ones (the dashboard's reply times per person). Returns the
    threads, in DEMO_THREADS order."""
    orders = _orders_by_marketplace(account, now)
    threads = []
    with transaction.atomic():
        for spec in DEMO_THREADS:
            order = _pick_order(orders, spec.marketplace) if spec.with_order else None
            received = now - timedelta(hours=spec.hours_ago)
            raw = _buyer_mail(account, spec, order=order, part="1", body=spec.body, sent_at=received)
            message = inbound_message_store(account=account, raw=raw, source=MessageSource.DEMO, now=now).message
            thread = message.thread
            if spec.then:
                answered_at = received + timedelta(hours=2)
                fields = {
                    "answered_at": answered_at,
                    "answered_by": worker,
                    "no_reply_needed": spec.then == "no_reply_needed",
                }
                BuyerMessage.objects.filter(pk=message.pk).update(**fields)
                if spec.then != "no_reply_needed":
                    _reply(account, thread, spec, sent_at=answered_at, author=worker)
                if spec.then == "replied_then_thanked":
                    thanks = _buyer_mail(
                        account,
                        spec,
                        order=order,
                        part="2",
                        body="Got it, thank you very much!",
                        sent_at=received + timedelta(hours=26),
                    )
                    thanked = inbound_message_store(account=account, raw=thanks, source=MessageSource.DEMO, now=now)
                    BuyerMessage.objects.filter(pk=thanked.message.pk).update(
                        answered_at=received + timedelta(hours=27), answered_by=worker, no_reply_needed=True
                    )
                thread = thread_clock_refresh(thread=BuyerThread.objects.get(pk=thread.pk))
            threads.append(thread)
    return threads
