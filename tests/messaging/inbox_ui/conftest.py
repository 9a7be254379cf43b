from datetime import timedelta

import pytest
from django.utils import timezone

from feedbackhub.tenancy.amazon.locks import redis_client
from feedbackhub.tenancy.models import Role
from messaging.models import SendingSettings

from ...factories import BuyerMessageFactory, BuyerThreadFactory


@pytest.fixture
def va(account, member_of):
    return member_of(account, Role.VA, first_name="Anna", last_name="")


@pytest.fixture
def smtp_settings(settings):
    def use(port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port

    return use


@pytest.fixture(autouse=True)
def no_presence():
    """Presence lives in the real Redis: each test starts with nobody there."""
    store = redis_client()
    for key in store.scan_iter("feedbackhub:inbox:presence:*"):
        store.delete(key)


@pytest.fixture
def waiting_thread(account):
    """A thread whose buyer wrote twice (the second answering an earlier
    reply): the reply must go under the second message with the whole chain."""
    SendingSettings.objects.create(account=account, from_email="Shop <shop@seller.example>")
    received = timezone.now() - timedelta(hours=3)
    thread = BuyerThreadFactory(account=account, last_message_at=received)
    BuyerMessageFactory(
        thread=thread,
        message_id="<first@relay.example>",
        received_at=received - timedelta(days=2),
        answered_at=received - timedelta(days=1),
    )
    BuyerMessageFactory(
        thread=thread,
        message_id="<second@relay.example>",
        in_reply_to="<our-answer@seller.example>",
        references="<first@relay.example> <our-answer@seller.example>",
        received_at=received,
        body_text="It still has not arrived.",
    )
    return thread
