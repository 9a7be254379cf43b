"""The channels a feedback request goes out through: custom email and
Amazon's Request a Review. Each has prepare(row) (an outcome that stops the
send, or Ready), send(row, payload, start) (an outcome) and close().

start, when given, records the row as "sending" (committed) and says whether
the dispatcher still holds it; a channel calls it once, before the message can
reach anyone, and sends nothing when it returns False (send returns None)."""

import base64
import logging
import re
import smtplib
import socket
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from email.header import Header
from email.utils import formatdate

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

from feedbackhub.rules import delivery_estimated
from feedbackhub.tenancy.amazon import (
    AmazonApi,
    AmazonApiError,
    AmazonError,
    AmazonNotConfigured,
    AmazonThrottled,
    QuotaWait,
)
from feedbackhub.tenancy.models import AmazonConnection

from ..compose import feedback_request_email, feedback_request_render, sender_address
from ..models import TEMPLATE_HOLD_REASON, Channel
from ..planning import reason_label
from .outcomes import Fail, Ready, Retry, Sent, Skip, Uncertain

logger = logging.getLogger(__name__)

AMAZON_MAX_WAIT = 5.0  # seconds the usage plan may make one call wait
REVIEW_ACTION = "productReviewAndSellerFeedback"
NOT_OFFERED = "Amazon does not offer Request a Review for this order (already requested or not eligible)."
# An order with no delivery date known is asked about once a day until Amazon
# offers the action or even the latest plausible delivery is more than 30 days
# past (the re-check then ends the row as "Past the latest allowed day").
NOT_OFFERED_YET = "Amazon does not offer Request a Review yet (delivery date unknown); asking Amazon again tomorrow."
ESTIMATE_RETRY = timedelta(days=1)


# What the SMTP fast path writes as is; anything else goes through Django's own serialiser.
PLAIN_ADDRESS_RE = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\Z")
PLAIN_HEADER_RE = re.compile(r"[\x20-\x7e]{0,900}\Z")
PLAIN_LINE_MAX = 990
DOT_AT_LINE_START_RE = re.compile(rb"(?m)^\.")


def _part(content_type, text):
    """One text part: 7bit when plain ASCII with short lines, else base64 of its UTF-8."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() and all(len(line) <= PLAIN_LINE_MAX for line in text.split("\n")):
        encoding, payload = "7bit", text.replace("\n", "\r\n")
    else:
        encoding = "base64"
        payload = base64.encodebytes(text.encode("utf-8")).decode("ascii").replace("\n", "\r\n").rstrip("\r\n")
    return f'Content-Type: {content_type}; charset="utf-8"\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n{payload}'


class MimeSkeleton:
    """The feedback-request email (compose.feedback_request_email) as bytes
    for the SMTP connection: the multipart/alternative frame and the sender
    written once per channel, each order's subject, recipient, ids and the two
    text parts filled in. The cost it removes is Django's message() and the
    email package's generator (bench/dispatch.py). A message of another shape
    (other headers, attachments, a sender with a display name) gets None: it
    goes through Django's backend as before."""

    def __init__(self, from_email):
        self.from_email = from_email if PLAIN_ADDRESS_RE.match(from_email or "") else None
        self.boundary = f"=============={uuid.uuid4().hex}=="

    def fill(self, message):
        if (
            self.from_email is None
            or type(message) is not EmailMultiAlternatives
            or message.from_email != self.from_email
            or len(message.to) != 1
            or message.cc
            or message.bcc
            or message.reply_to
            or message.attachments
            or message.encoding
            or set(message.extra_headers) != {"Message-ID"}
            or len(message.alternatives) != 1
            or message.alternatives[0][1] != "text/html"
            or message.content_subtype != "plain"
        ):
            return None
        to, message_id, subject = message.to[0], message.extra_headers["Message-ID"], message.subject
        html = message.alternatives[0][0]
        if not (PLAIN_ADDRESS_RE.match(to) and PLAIN_HEADER_RE.match(message_id)) or "\n" in subject or "\r" in subject:
            return None
        if self.boundary in message.body or self.boundary in html:
            return None
        if PLAIN_HEADER_RE.match(subject):
            subject_header = subject
        else:
            subject_header = Header(subject, "utf-8").encode(linesep="\r\n")
        data = (
            f'Content-Type: multipart/alternative; boundary="{self.boundary}"\r\n'
            "MIME-Version: 1.0\r\n"
            f"Subject: {subject_header}\r\n"
            f"From: {self.from_email}\r\n"
            f"To: {to}\r\n"
            f"Date: {formatdate(localtime=settings.EMAIL_USE_LOCALTIME)}\r\n"
            f"Message-ID: {message_id}\r\n"
            "\r\n"
            f"--{self.boundary}\r\n"
            f"{_part('text/plain', message.body)}\r\n"
            f"--{self.boundary}\r\n"
            f"{_part('text/html', html)}\r\n"
            f"--{self.boundary}--\r\n"
        )
        return data.encode("ascii")


class EmailChannel:
    """Custom emails through the Django email backend (SMTP by default, a
    django-anymail provider by setting), one connection per batch."""

    def __init__(self, account):
        self.from_email = sender_address(account)
        self.account = account
        self.connection = None
        self.skeleton = MimeSkeleton(self.from_email)
        self.envelopes = None  # the thread that opens an SMTP transaction while the row is marked

    def close(self):
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                logger.debug("closing the mail connection failed", exc_info=True)
            self.connection = None
        if self.envelopes is not None:
            self.envelopes.shutdown(wait=True)
            self.envelopes = None

    def _drop_connection(self):
        """Close the socket without QUIT: inside DATA the server would read QUIT as the
        message's text. A message whose end-of-data never came is not delivered."""
        smtp = self.connection.connection if self.connection is not None else None
        if smtp is not None:
            smtp.close()
            self.connection.connection = None
        self.connection = None

    def prepare(self, row):
        """The message to send, or an outcome that stops the send."""
        order, template = row.order, row.variant.template if row.variant else None
        if template is None:
            return Skip(reason_label("no_template"))
        if template.compliance_blocked:
            # Not the order's fault: hold it (within its window) until the template is fixed.
            return Retry(TEMPLATE_HOLD_REASON.format(name=template.name), delay=timedelta(hours=1))
        if not order.buyer_email:
            return Skip(reason_label("no_address"))
        rendered = feedback_request_render(template=template, order=order, account=self.account)
        if rendered.blocking_rules:
            rules = ", ".join(rendered.blocking_rules)
            return Fail(f"Not sent: the rendered message breaks Amazon's rules ({rules}).")
        return Ready(
            feedback_request_email(rendered, account=self.account, from_email=self.from_email, to=order.buyer_email)
        )

    def send(self, row, message, start=None):
        try:
            if self.connection is None:
                self.connection = get_connection(fail_silently=False)
                self.connection.open()
            data = self.skeleton.fill(message) if type(self.connection) is SmtpBackend else None
            if data is not None and self.connection.connection is not None:
                # The same SMTP session Django's backend holds, without its serialiser.
                if not self._smtp_send(self.connection.connection, message.to[0], data, start):
                    return None
            else:
                if not _started(start):
                    return None
                self.connection.send_messages([message])
        except StartFailed as failed:
            raise failed.__cause__ from None  # the database's error, not the mail server's answer
        except EnvelopeBroken as error:
            self.close()
            return Retry(f"The mail connection broke before the message went out ({error}); it is sent again later.")
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()))
            return self._smtp_outcome(code, text)
        except smtplib.SMTPResponseException as error:
            self.close()
            return self._smtp_outcome(error.smtp_code, error.smtp_error)
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            self.close()
            # The server may or may not have taken the message: never resend.
            return Uncertain(f"The mail connection broke during the send ({type(error).__name__}).")
        except Exception as error:  # noqa: BLE001 - a provider's API error (django-anymail)
            self.close()
            status = getattr(error, "status_code", None)
            if status is not None and (status == 429 or status >= 500):
                return Retry(f"The mail provider answered {status}.")
            return Fail(f"The mail provider refused the message: {error}"[:300])
        status = getattr(message, "anymail_status", None)
        provider_id = (getattr(status, "message_id", None) if status else None) or message.extra_headers["Message-ID"]
        return Sent(provider_id=str(provider_id))

    def _smtp_send(self, smtp, to, data, start):
        """MAIL, RCPT, DATA and the message's text go out in a thread of their own while
        start() commits the row as "sending" here (both wait on the network, and the wait is
        the cost: bench/dispatch.py); the end of data, after which the server may deliver,
        only once the row is marked. Not held any more, or start() failed: the connection is
        dropped before the end of data, and nothing is delivered. False: not sent (not held)."""
        if start is None:
            smtp.sendmail(self.from_email, [to], data)
            return True
        if self.envelopes is None:
            self.envelopes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="smtp-envelope")
        if smtp.sock is not None and smtp.sock.family in (socket.AF_INET, socket.AF_INET6):
            # The end of data is written apart from the text before it: without this the kernel
            # holds those five bytes until the server acknowledges the text (Nagle's algorithm
            # against delayed acknowledgements, some 40 ms a message).
            smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        envelope = self.envelopes.submit(_smtp_envelope, smtp, self.from_email, to, data)
        try:
            started = _started(start)
        except BaseException:
            envelope.exception()  # waits for the envelope: the socket is the thread's until then
            self._drop_connection()
            raise
        error = envelope.exception()
        broken = isinstance(error, smtplib.SMTPServerDisconnected) or (
            isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)
        )
        if not started:
            if error is None or broken:
                self._drop_connection()  # inside DATA, or dead: either way nothing is delivered
            return False
        if broken:
            self._drop_connection()  # broke before the end of data: not delivered
            raise EnvelopeBroken(type(error).__name__) from error
        if error is not None:
            raise error  # a refusal (sender, recipient, DATA), as sendmail raises it
        smtp.send(b".\r\n")
        code, text = smtp.getreply()
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPDataError(code, text)
        return True

    @staticmethod
    def _smtp_outcome(code, text):
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        if 400 <= code < 500:
            return Retry(f"The mail server answered {code} {text} (temporary).")
        return Fail(f"The mail server refused the message: {code} {text}")


def _smtp_envelope(smtp, from_email, to, data):
    """What smtplib's sendmail does up to the end of data: MAIL (with the size, when the
    server takes it), RCPT, DATA and the message (leading dots doubled, ending in CRLF),
    raising as sendmail does, the transaction reset (421: the connection closed)."""

    def refused(code, error):
        if code == 421:
            smtp.close()
        else:
            smtp.rset()
        raise error

    smtp.ehlo_or_helo_if_needed()
    options = [f"size={len(data)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
    code, text = smtp.mail(from_email, options)
    if code != 250:
        refused(code, smtplib.SMTPSenderRefused(code, text, from_email))
    code, text = smtp.rcpt(to)
    if code not in (250, 251):
        refused(code, smtplib.SMTPRecipientsRefused({to: (code, text)}))
    smtp.putcmd("data")
    code, text = smtp.getreply()
    if code != 354:
        refused(code, smtplib.SMTPDataError(code, text))
    body = DOT_AT_LINE_START_RE.sub(b"..", data)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    smtp.send(body)


class EnvelopeBroken(Exception):
    """The connection broke before the end of data: the server cannot have taken the message."""


class StartFailed(Exception):
    """start() raised (the database): not an outcome of the send; EmailChannel.send raises
    the original error, as the dispatcher did before a channel ran start."""


def _started(start):
    if start is None:
        return True
    try:
        return start()
    except Exception as error:
        raise StartFailed from error


def amazon_api(connection):
    """The SP-API client the dispatcher uses (tests swap in a fake clock)."""
    return AmazonApi(connection, max_wait=AMAZON_MAX_WAIT)


class AmazonChannel:
    """Amazon's Request a Review: only when Amazon offers it for the order."""

    def __init__(self, account):
        self.account = account
        self.api = None
        self.error = "This seller account is not connected to Amazon."
        connection = AmazonConnection.objects.filter(account=account).first()
        if connection is not None:
            try:
                self.api = amazon_api(connection)
            except AmazonNotConfigured as error:
                self.error = str(error)

    def close(self):
        if self.api is not None:
            self.api.close()

    def _offered(self, row):
        return REVIEW_ACTION in self.api.solicitation_actions(
            amazon_order_id=row.order.amazon_order_id, marketplace_id=row.order.marketplace_id
        )

    def prepare(self, row):
        if self.api is None:
            return Retry(f"Not sent: {self.error}", delay=timedelta(hours=1))
        try:
            if not self._offered(row):
                if delivery_estimated(row.order):
                    return Retry(NOT_OFFERED_YET, delay=ESTIMATE_RETRY)
                return Skip(NOT_OFFERED)
        except (QuotaWait, AmazonError) as error:
            return _amazon_failure(error, sending=False)
        except Exception as error:  # noqa: BLE001 - e.g. Redis (usage plans) down: try again later
            return Retry(f"Could not ask Amazon ({type(error).__name__}).")
        return Ready()

    def send(self, row, message, start=None):
        if start is not None and not start():
            return None
        try:
            self.api.request_review(amazon_order_id=row.order.amazon_order_id, marketplace_id=row.order.marketplace_id)
        except (QuotaWait, AmazonError) as error:
            return _amazon_failure(error, sending=True)
        except Exception as error:  # noqa: BLE001
            return Uncertain(f"Amazon's answer was lost ({type(error).__name__}); checking again.")
        return Sent(provider_id="amazon:productReviewAndSellerFeedback")

    def already_sent(self, row):
        """After an interrupted send: True when Amazon no longer offers the
        action (it took the request), False when it still does."""
        return not self._offered(row)


def _amazon_failure(error, *, sending):
    if isinstance(error, QuotaWait | AmazonThrottled):
        return Retry("Amazon asked to slow down (429); trying again later.", delay=timedelta(minutes=1))
    if isinstance(error, AmazonApiError) and error.status_code == 400:
        return Skip(f"Amazon: not eligible — {error}"[:300])
    if isinstance(error, AmazonApiError) and error.status_code and error.status_code >= 500 and sending:
        return Uncertain(f"Amazon failed mid-request ({error.status_code}); checking again.")
    if isinstance(error, AmazonApiError) and (error.status_code or 0) >= 500:
        return Retry(str(error))
    return Fail(str(error))


CHANNELS = {Channel.EMAIL: EmailChannel, Channel.AMAZON: AmazonChannel}
