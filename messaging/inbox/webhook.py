"""Buyer mail pushed by a mail provider (django-anymail's inbound webhooks at
/anymail/<provider>/inbound/, each checked the provider's way: its signature,
or the basic auth of ANYMAIL["WEBHOOK_SECRET"]). The message is routed to the
account whose mailbox lists one of its recipients as the inbound address,
then takes the same parse-and-store path as IMAP."""

import logging

from anymail.signals import inbound
from django.dispatch import receiver

from .models import MessageSource
from .store import StoreResult, inbound_message_store, mailbox_for_recipients

logger = logging.getLogger(__name__)


def _recipients(message):
    addresses = [message.envelope_recipient or ""]
    for header in ("to", "cc"):
        addresses += [address.addr_spec for address in getattr(message, header) or []]
    return addresses


def inbound_webhook_store(*, message) -> StoreResult | None:
    """Store an anymail AnymailInboundMessage for the account it was sent to;
    None when no mailbox has that address (the provider is still told "OK":
    a retry would not find one either)."""
    mailbox = mailbox_for_recipients(addresses=_recipients(message))
    if mailbox is None:
        logger.warning("inbound webhook: no mailbox has this message's recipient as its inbound address")
        return None
    return inbound_message_store(account=mailbox.account, raw=message.as_bytes(), source=MessageSource.WEBHOOK)


@receiver(inbound, dispatch_uid="messaging.inbox.inbound_webhook")
def inbound_mail_received(sender, event, esp_name, **kwargs):
    inbound_webhook_store(message=event.message)
