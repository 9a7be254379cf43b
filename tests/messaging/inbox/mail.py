"""Buyer mail as Amazon relays it, for the inbox tests."""

from datetime import UTC, datetime, timedelta

from messaging.inbox.parse import message_build

SELLER_ADDRESS = "orders@seller.example"


def relay_mail(
    number=1,
    *,
    order_id="112-1234567-1234567",
    body="Hello, where is my parcel? It has not arrived yet.",
    domain="amazon.com",
    subject=None,
    sent_at=None,
    attachments=(),
    message_id=None,
):
    """Buyer `number`'s message (obviously fake names, relay address on `domain`)."""
    if subject is None:
        subject = f"Inquiry from Amazon customer Test Buyer {number}" + (f" (Order: {order_id})" if order_id else "")
    return message_build(
        subject=subject,
        body=body,
        from_address=f"Test Buyer {number} <test-buyer-{number:05d}@marketplace.{domain}>",
        to_address=SELLER_ADDRESS,
        message_id=message_id or f"<relay-{number}-{order_id or 'none'}@marketplace.{domain}>",
        sent_at=sent_at or datetime.now(UTC) - timedelta(minutes=5),
        attachments=attachments,
    )
