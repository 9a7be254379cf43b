from pathlib import Path

import pytest

from feedbackhub.tenancy.amazon.locks import redis_client
from messaging.inbox.imap import LOCK_PREFIX
from messaging.inbox.models import Mailbox, MailboxSecurity

from .dovecot import DOVECOT, PASSWORD, USER, DovecotServer


@pytest.fixture(scope="module")
def dovecot():
    if not Path(DOVECOT).exists():
        pytest.fail("dovecot is not installed: apt-get install dovecot-imapd (.ci/run does)")
    server = DovecotServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def imap_folder(dovecot, request):
    """A fresh folder of the test's own on the shared server."""
    name = "Amazon-" + request.node.name.replace("[", "-").replace("]", "")[:60]
    dovecot.recreate(name)
    return name


@pytest.fixture
def mailbox(account, dovecot, imap_folder, settings, media_in_tmp):
    settings.INBOX_IMAP_PLAINTEXT_HOSTS = ["127.0.0.1"]
    for key in redis_client().scan_iter(f"{LOCK_PREFIX}:*"):
        redis_client().delete(key)
    return Mailbox.objects.create(
        account=account,
        enabled=True,
        host="127.0.0.1",
        port=dovecot.port,
        security=MailboxSecurity.STARTTLS,
        username=USER,
        password=PASSWORD,
        folder=imap_folder,
    )
