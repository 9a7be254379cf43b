"""Reading the seller's mailbox over IMAP (the standard library's imaplib:
the poller needs LOGIN, SELECT, UID SEARCH and UID FETCH, nothing a client
library would add).

What was read is UIDVALIDITY + the last UID. Each message is stored and the
mailbox's last UID moved in one transaction, so a poller that dies mid-batch
restarts at the first message it had not committed: nothing is skipped or
read twice. When the server's UIDVALIDITY changes (the folder was recreated),
the folder is read again from the start and the per-account unique
Message-ID keeps what was stored from coming twice.

Logs name the mailbox by id and count messages; never bodies or addresses.
"""

import contextlib
import imaplib
import logging
import re
import socket
import ssl
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from feedbackhub.tenancy.amazon.locks import redis_client

from .models import BuyerMessage, BuyerThread, Mailbox, MailboxSecurity, MessageSource
from .parse import MAX_MESSAGE_BYTES
from .store import inbound_message_store, thread_clock_refresh

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 20
# Messages read per poll; the rest wait for the next one (beat, every few minutes).
POLL_BATCH = 200
LOCK_PREFIX = "feedbackhub:inbox:poll"
LOCK_TIMEOUT_SECONDS = 15 * 60
FETCH_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


class MailboxError(Exception):
    """The server could not be reached or refused us; the message says why in words."""


@dataclass(frozen=True)
class ConnectionTestResult:
    ok: bool
    message: str


@dataclass(frozen=True)
class PollResult:
    stored: int = 0
    duplicates: int = 0
    busy: bool = False  # another poller holds this mailbox
    error: str = ""


@contextlib.contextmanager
def _poll_lock(mailbox_id):
    """One poller per mailbox; the lock expires if its holder dies."""
    lock = redis_client().lock(f"{LOCK_PREFIX}:{mailbox_id}", timeout=LOCK_TIMEOUT_SECONDS, blocking=False)
    if not lock.acquire():
        yield False
        return
    try:
        yield True
    finally:
        with contextlib.suppress(redis.exceptions.LockError):
            lock.release()


def _text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _server_says(error):
    """What the server answered, in its own words (imaplib wraps them in b'...')."""
    said = error.args[0] if error.args else error
    said = _text(said)
    if said.startswith(("b'", 'b"')):
        said = said[2:-1]
    return said.strip()[:200]


def _open(mailbox: Mailbox):
    """A logged-in connection, or MailboxError in words."""
    where = f"{mailbox.host}:{mailbox.port}"
    context = ssl.create_default_context()
    try:
        if mailbox.security == MailboxSecurity.SSL:
            connection = imaplib.IMAP4_SSL(
                mailbox.host, mailbox.port, ssl_context=context, timeout=CONNECT_TIMEOUT_SECONDS
            )
        else:
            connection = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=CONNECT_TIMEOUT_SECONDS)
            if "STARTTLS" in connection.capabilities:
                connection.starttls(ssl_context=context)
            elif mailbox.host not in settings.INBOX_IMAP_PLAINTEXT_HOSTS:
                connection.logout()
                raise MailboxError(f"{where} does not offer STARTTLS: the password would travel unencrypted.")
    except socket.gaierror as error:
        raise MailboxError(f"The server name {mailbox.host} could not be found.") from error
    except ConnectionRefusedError as error:
        raise MailboxError(f"{where} refused the connection: check the server and port.") from error
    except TimeoutError as error:
        raise MailboxError(f"No answer from {where} within {CONNECT_TIMEOUT_SECONDS} seconds.") from error
    except ssl.SSLError as error:
        raise MailboxError(f"The secure connection to {where} failed: {error.reason or error}.") from error
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxError(f"Could not talk to {where}: {_server_says(error) or type(error).__name__}.") from error
    try:
        connection.login(mailbox.username, mailbox.password)
    except imaplib.IMAP4.error as error:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            connection.logout()
        raise MailboxError(f"The server refused the login: {_server_says(error)}") from error
    return connection


def _select(connection, folder):
    """Open the folder read-only (nothing is marked read); its message count and UIDVALIDITY."""
    status, data = connection.select(_quoted(folder), readonly=True)
    if status != "OK":
        raise MailboxError(f"The folder {folder!r} could not be opened: {_server_says(Exception(data[0]))}")
    count = int(data[0])
    _, validity = connection.response("UIDVALIDITY")
    return count, int(validity[0])


def _quoted(folder):
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _close(connection):
    with contextlib.suppress(OSError, imaplib.IMAP4.error):
        connection.logout()


def mailbox_connection_test(*, mailbox: Mailbox) -> ConnectionTestResult:
    """Log in, open the folder, say how many messages it holds or what went wrong."""
    if not (mailbox.host and mailbox.username and mailbox.password):
        return ConnectionTestResult(ok=False, message="Fill in the server, user name and password first.")
    try:
        connection = _open(mailbox)
        try:
            count, _ = _select(connection, mailbox.folder)
        finally:
            _close(connection)
    except MailboxError as error:
        return ConnectionTestResult(ok=False, message=str(error))
    except imaplib.IMAP4.error as error:
        return ConnectionTestResult(ok=False, message=f"The server said: {_server_says(error)}")
    plural = "" if count == 1 else "s"
    return ConnectionTestResult(ok=True, message=f"Connected: {mailbox.folder} holds {count} message{plural}.")


def mailboxes_to_poll():
    return Mailbox.objects.filter(enabled=True).exclude(host="").values_list("pk", flat=True)


def mailbox_poll(*, mailbox_id: int, batch_size: int = POLL_BATCH) -> PollResult:
    """Read what arrived since the last poll; another poller already on this
    mailbox makes this one a no-op."""
    with _poll_lock(mailbox_id) as acquired:
        if not acquired:
            return PollResult(busy=True)
        mailbox = Mailbox.objects.select_related("account").filter(pk=mailbox_id, enabled=True).first()
        if mailbox is None:
            return PollResult()
        try:
            result = _poll(mailbox, batch_size)
        except (MailboxError, imaplib.IMAP4.error, OSError) as error:
            message = str(error) if isinstance(error, MailboxError) else f"The server said: {_server_says(error)}"
            Mailbox.objects.filter(pk=mailbox.pk).update(last_error=message[:300], last_polled_at=timezone.now())
            logger.warning("mailbox %s: poll failed (%s)", mailbox.pk, type(error).__name__)
            return PollResult(error=message)
        Mailbox.objects.filter(pk=mailbox.pk).update(last_error="", last_polled_at=timezone.now())
        logger.info("mailbox %s: %s stored, %s already there", mailbox.pk, result.stored, result.duplicates)
        return result


def _poll(mailbox, batch_size):
    connection = _open(mailbox)
    try:
        _, uidvalidity = _select(connection, mailbox.folder)
        if mailbox.uidvalidity != uidvalidity:
            # A new folder as far as UIDs go: read it all again (Message-IDs dedupe).
            mailbox.uidvalidity, mailbox.last_uid = uidvalidity, 0
            Mailbox.objects.filter(pk=mailbox.pk).update(uidvalidity=uidvalidity, last_uid=0)
        status, data = connection.uid("SEARCH", None, f"UID {mailbox.last_uid + 1}:*")
        if status != "OK":
            raise MailboxError(f"The server could not list new messages: {_server_says(Exception(data[0]))}")
        # "n:*" also answers the highest UID when it is below n: keep only the new ones.
        uids = sorted(uid for uid in (int(part) for part in (data[0] or b"").split()) if uid > mailbox.last_uid)
        stored = duplicates = 0
        for uid in uids[:batch_size]:
            raw, size = _fetch(connection, uid)
            with transaction.atomic():
                created = _store_one(mailbox, uid, uidvalidity, raw, size)
                Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=uid)
            stored += created
            duplicates += not created
        return PollResult(stored=stored, duplicates=duplicates)
    finally:
        _close(connection)


def _fetch(connection, uid):
    """The message's bytes; only its headers when it is over the size limit."""
    status, data = connection.uid("FETCH", str(uid), "(RFC822.SIZE)")
    found = FETCH_SIZE.search(data[0] or b"") if status == "OK" and data and data[0] else None
    size = int(found.group(1)) if found else None
    part = "BODY.PEEK[HEADER]" if size is not None and size > MAX_MESSAGE_BYTES else "BODY.PEEK[]"
    status, data = connection.uid("FETCH", str(uid), f"({part})")
    if status != "OK":
        raise MailboxError(f"The server could not send message {uid}: {_server_says(Exception(data[0]))}")
    raw = b"".join(item[1] for item in data if isinstance(item, tuple))
    return raw, size


def _store_one(mailbox, uid, uidvalidity, raw, size):
    """Store one fetched message. A message the parser or the store cannot
    cope with is kept as a record with its problem, never a stuck poller."""
    try:
        with transaction.atomic():
            return inbound_message_store(
                account=mailbox.account, raw=raw, source=MessageSource.IMAP, size_bytes=size
            ).created
    except Exception as error:  # noqa: BLE001 - any failure on one message: record it and go on
        logger.warning("mailbox %s: message uid %s could not be stored (%s)", mailbox.pk, uid, type(error).__name__)
        message_id = f"<imap-{uidvalidity}-{uid}@mailbox-{mailbox.pk}.invalid>"
        if BuyerMessage.objects.filter(account=mailbox.account, message_id=message_id).exists():
            return False
        now = timezone.now()
        thread = BuyerThread.objects.create(
            account=mailbox.account, subject="(unreadable message)", last_message_at=now
        )
        BuyerMessage.objects.create(
            account=mailbox.account,
            thread=thread,
            source=MessageSource.IMAP,
            message_id=message_id,
            size_bytes=min(size or len(raw), 2**31 - 1),
            problem=f"The message could not be read ({type(error).__name__}): open it in the mailbox itself",
            received_at=now,
        )
        thread_clock_refresh(thread=thread)
        return True
