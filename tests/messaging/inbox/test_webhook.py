"""Buyer mail pushed by a provider through django-anymail's inbound webhooks:
checked the provider's way, routed by the recipient to its account, stored by
the same parse-and-store path as IMAP."""

import base64
import hashlib
import hmac
import json

import pytest
from django.urls import reverse

from messaging.inbox.models import BuyerMessage, Mailbox, MessageSource

from .mail import relay_mail

pytestmark = pytest.mark.django_db

SIGNING_KEY = "mailgun-test-signing-key"
WEBHOOK_SECRET = "anymail-user:anymail-secret"
INBOUND_ADDRESS = "buyers+seller1@inbound.feedbackhub.example"


@pytest.fixture
def webhook_settings(settings, media_in_tmp):
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY, "WEBHOOK_SECRET": WEBHOOK_SECRET}


@pytest.fixture
def routed(account, other_account):
    Mailbox.objects.create(account=account, inbound_address=INBOUND_ADDRESS)
    Mailbox.objects.create(account=other_account, inbound_address="someone-else@inbound.feedbackhub.example")
    return account


def basic_auth(secret=WEBHOOK_SECRET):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def mailgun_post(client, raw, *, recipient=INBOUND_ADDRESS, key=SIGNING_KEY, auth=None):
    timestamp, token = "1767225600", "f1e2d3c4b5a6978877665544332211000"
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    fields = {"body-mime": raw.decode(), "recipient": recipient, "sender": "relay@marketplace.amazon.com"}
    fields |= {"timestamp": timestamp, "token": token, "signature": signature}
    url = reverse("anymail:mailgun_inbound_webhook").replace("inbound", "inbound_mime")
    return client.post(url, fields, **(auth or basic_auth()))


def test_a_signed_mailgun_post_stores_the_message_for_the_recipients_account(client, webhook_settings, routed):
    response = mailgun_post(client, relay_mail(21, order_id="112-0000021-0000021"))
    assert response.status_code == 200
    message = BuyerMessage.objects.get()
    assert message.account == routed and message.source == MessageSource.WEBHOOK
    assert message.amazon_order_id == "112-0000021-0000021"
    assert message.from_address == "test-buyer-00021@marketplace.amazon.com"

    assert mailgun_post(client, relay_mail(21, order_id="112-0000021-0000021")).status_code == 200  # a retry
    assert BuyerMessage.objects.count() == 1


def test_a_bad_signature_is_refused_and_nothing_stored(client, webhook_settings, routed):
    response = mailgun_post(client, relay_mail(22), key="not-the-signing-key")
    assert response.status_code == 400
    assert not BuyerMessage.objects.exists()


def test_without_the_basic_auth_secret_the_post_is_refused(client, webhook_settings, routed):
    response = mailgun_post(client, relay_mail(23), auth=basic_auth("anymail-user:guessed"))
    assert response.status_code == 400
    assert not BuyerMessage.objects.exists()


def test_postmark_with_basic_auth_takes_the_same_path(client, webhook_settings, routed):
    payload = {
        "RawEmail": relay_mail(24, order_id="112-0000024-0000024").decode(),
        "OriginalRecipient": INBOUND_ADDRESS,
    }
    url = reverse("anymail:postmark_inbound_webhook")
    refused = client.post(url, json.dumps(payload), content_type="application/json")
    assert refused.status_code == 400 and not BuyerMessage.objects.exists()

    response = client.post(url, json.dumps(payload), content_type="application/json", **basic_auth())
    assert response.status_code == 200
    assert BuyerMessage.objects.get().amazon_order_id == "112-0000024-0000024"


def test_mail_for_an_address_no_mailbox_has_is_not_stored(client, webhook_settings, routed):
    assert mailgun_post(client, relay_mail(25), recipient="stranger@inbound.feedbackhub.example").status_code == 200
    assert not BuyerMessage.objects.exists()
