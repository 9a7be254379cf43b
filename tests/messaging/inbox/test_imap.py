"""The IMAP poller against a real dovecot on loopback (tests/messaging/inbox/dovecot.py)."""

import logging
from collections import Counter

import pytest

from feedbackhub.tenancy.amazon.locks import redis_client
from messaging.inbox import imap
from messaging.inbox.imap import LOCK_PREFIX, mailbox_connection_test, mailbox_poll
from messaging.inbox.models import BuyerMessage, BuyerThread, Mailbox, ThreadState

from ...factories import OrderFactory
from .dovecot import PASSWORD, USER
from .mail import relay_mail

pytestmark = pytest.mark.django_db


class PollerKilled(BaseException):  # noqa: N818 - stands for the process dying (not an Exception: nothing catches it)
    pass


def order_ids_stored(account):
    return Counter(BuyerMessage.objects.for_account(account).values_list("amazon_order_id", flat=True))


def test_an_appended_message_is_a_thread_after_one_poll(account, mailbox, dovecot):
    order = OrderFactory(account=account, amazon_order_id="112-0000001-0000001")
    dovecot.append(mailbox.folder, relay_mail(1, order_id=order.amazon_order_id))

    result = mailbox_poll(mailbox_id=mailbox.pk)

    assert (result.stored, result.duplicates, result.error) == (1, 0, "")
    message = BuyerMessage.objects.get(account=account)
    assert message.order == order and message.thread.order == order
    assert message.from_address == "test-buyer-00001@marketplace.amazon.com"
    assert message.body_text.startswith("Hello, where is my parcel?")
    assert message.thread.state == ThreadState.NEEDS_REPLY and message.thread.reply_due_at is not None
    mailbox.refresh_from_db()
    assert mailbox.uidvalidity == dovecot.uidvalidity(mailbox.folder) and mailbox.last_uid == 1
    assert mailbox.last_polled_at is not None and mailbox.last_error == ""

    assert mailbox_poll(mailbox_id=mailbox.pk).stored == 0  # nothing new: nothing read again
    assert BuyerMessage.objects.count() == 1


def test_a_poller_killed_mid_batch_and_restarted_loses_and_repeats_nothing(account, mailbox, dovecot, monkeypatch):
    orders = [f"112-0000002-{n:07d}" for n in range(6)]
    dovecot.append(mailbox.folder, *(relay_mail(n, order_id=order_id) for n, order_id in enumerate(orders)))
    real_store = imap.inbound_message_store
    calls = []

    def dies_on_the_fourth(**kwargs):
        calls.append(1)
        if len(calls) == 4:
            raise PollerKilled
        return real_store(**kwargs)

    monkeypatch.setattr(imap, "inbound_message_store", dies_on_the_fourth)
    with pytest.raises(PollerKilled):
        mailbox_poll(mailbox_id=mailbox.pk)
    mailbox.refresh_from_db()
    assert mailbox.last_uid == 3 and sorted(order_ids_stored(account)) == orders[:3]

    monkeypatch.setattr(imap, "inbound_message_store", real_store)
    result = mailbox_poll(mailbox_id=mailbox.pk)

    assert (result.stored, result.duplicates) == (3, 0)
    assert order_ids_stored(account) == Counter(orders)
    mailbox.refresh_from_db()
    assert mailbox.last_uid == 6


def test_a_new_uidvalidity_rereads_the_folder_without_duplicates(account, mailbox, dovecot):
    first = [relay_mail(n, order_id=f"112-0000003-{n:07d}") for n in range(2)]
    dovecot.append(mailbox.folder, *first)
    assert mailbox_poll(mailbox_id=mailbox.pk).stored == 2
    old_validity = dovecot.uidvalidity(mailbox.folder)

    dovecot.recreate(mailbox.folder)  # e.g. the provider rebuilt the folder
    later = relay_mail(9, order_id="112-0000003-0000009")
    dovecot.append(mailbox.folder, *first, later)
    assert dovecot.uidvalidity(mailbox.folder) != old_validity

    result = mailbox_poll(mailbox_id=mailbox.pk)

    assert (result.stored, result.duplicates) == (1, 2)
    assert order_ids_stored(account) == Counter([f"112-0000003-{n:07d}" for n in (0, 1, 9)])
    mailbox.refresh_from_db()
    assert mailbox.uidvalidity == dovecot.uidvalidity(mailbox.folder) and mailbox.last_uid == 3


def test_a_mailbox_another_poller_holds_is_left_alone(account, mailbox, dovecot):
    dovecot.append(mailbox.folder, relay_mail(1))
    lock = redis_client().lock(f"{LOCK_PREFIX}:{mailbox.pk}", timeout=60)
    assert lock.acquire(blocking=False)
    try:
        assert mailbox_poll(mailbox_id=mailbox.pk).busy
        assert not BuyerMessage.objects.exists()
    finally:
        lock.release()
    assert mailbox_poll(mailbox_id=mailbox.pk).stored == 1


def test_test_connection_counts_the_folder_or_says_why_not(mailbox, dovecot):
    dovecot.append(mailbox.folder, relay_mail(1), relay_mail(2))
    result = mailbox_connection_test(mailbox=mailbox)
    assert result.ok and result.message == f"Connected: {mailbox.folder} holds 2 messages."

    mailbox.password = "not-the-password"
    result = mailbox_connection_test(mailbox=mailbox)
    assert not result.ok
    assert result.message.startswith("The server refused the login:") and "Authentication failed" in result.message

    mailbox.password, mailbox.folder = PASSWORD, "No-Such-Folder"
    result = mailbox_connection_test(mailbox=mailbox)
    assert not result.ok and "No-Such-Folder" in result.message


def test_without_starttls_the_password_is_not_sent(mailbox, settings):
    settings.INBOX_IMAP_PLAINTEXT_HOSTS = []
    result = mailbox_connection_test(mailbox=mailbox)
    assert not result.ok and "does not offer STARTTLS" in result.message


def test_a_failed_poll_is_recorded_in_words(account, mailbox):
    Mailbox.objects.filter(pk=mailbox.pk).update(password="not-the-password")
    result = mailbox_poll(mailbox_id=mailbox.pk)
    mailbox.refresh_from_db()
    assert result.error and mailbox.last_error == result.error
    assert mailbox.last_error.startswith("The server refused the login")
    assert not BuyerThread.objects.exists()


def test_the_poll_logs_neither_bodies_nor_addresses(account, mailbox, dovecot, caplog):
    dovecot.append(mailbox.folder, relay_mail(41, body="My secret plan: a refund please"))
    with caplog.at_level(logging.DEBUG):
        assert mailbox_poll(mailbox_id=mailbox.pk).stored == 1
    assert f"mailbox {mailbox.pk}" in caplog.text  # the poll did log
    for private in ("secret plan", "test-buyer-00041", "marketplace.amazon.com", USER):
        assert private not in caplog.text


def test_beat_enqueues_one_poll_per_enabled_mailbox(account, other_account, monkeypatch):
    from messaging import tasks

    enabled = Mailbox.objects.create(account=account, enabled=True, host="imap.seller.example")
    Mailbox.objects.create(account=other_account, enabled=False, host="imap.seller.example")
    enqueued = []
    monkeypatch.setattr(tasks.inbox_poll, "delay", enqueued.append)
    tasks.inbox_poll_all()
    assert enqueued == [enabled.pk]
