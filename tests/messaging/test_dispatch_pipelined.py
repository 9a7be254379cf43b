"""The email channel's send with start (messaging/dispatch/channels.py): the envelope (MAIL,
RCPT, DATA and the text) goes out while the row is marked "sending", and the end of data, after
which the server may deliver, only once it is. Against a real SMTP server (aiosmtpd) over TCP."""

import threading

import pytest
from django.db import DatabaseError

from messaging.compose import RenderedMessage, feedback_request_email
from messaging.dispatch import channels
from messaging.dispatch.outcomes import Fail, Retry, Sent
from messaging.models import SendingSettings

from ..smtp_sink import RecordingHandler, smtp_sink

pytestmark = pytest.mark.django_db

SELLER = "seller@shop.example"


class EnvelopeWatcher(RecordingHandler):
    """Records the message as RecordingHandler does, and signals each RCPT it accepts."""

    def __init__(self, refuse_rcpt=False, hang_up_at_rcpt=False):
        super().__init__()
        self.rcpt_seen = threading.Event()
        self.refuse_rcpt = refuse_rcpt
        self.hang_up_at_rcpt = hang_up_at_rcpt

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook
        self.rcpt_seen.set()
        if self.hang_up_at_rcpt:
            self.hang_up_at_rcpt = False
            server.transport.close()
            return "250 OK"
        if self.refuse_rcpt:
            return "550 5.1.1 Recipient address rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def channel(account, settings):
    SendingSettings.objects.update_or_create(account=account, defaults={"from_email": SELLER})
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    email_channel = channels.EmailChannel(account)
    yield email_channel
    email_channel.close()


def email(account, to="buyer@marketplace.amazon.example", body="Your order 111-1111111-1111111 arrived."):
    rendered = RenderedMessage(subject="Your order", body=body, html=f"<p>{body}</p>", blocking_rules=())
    return feedback_request_email(rendered, account=account, from_email=SELLER, to=to)


def use_sink(settings, port):
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port


def test_the_end_of_data_waits_for_the_row_to_be_marked(account, channel, settings):
    handler = EnvelopeWatcher()
    with smtp_sink(handler=handler) as (sink, port):
        use_sink(settings, port)
        seen_while_marking = {}

        def start():
            # The envelope is on its way while the row is marked; nothing delivered yet.
            seen_while_marking["rcpt"] = handler.rcpt_seen.wait(timeout=10)
            seen_while_marking["delivered"] = len(sink.messages)
            return True

        outcome = channel.send(None, email(account), start)
        assert isinstance(outcome, Sent)
        assert seen_while_marking == {"rcpt": True, "delivered": 0}
        assert len(sink.messages) == 1
        assert sink.messages[0]["To"] == "buyer@marketplace.amazon.example"
        assert channel.skeleton.from_email == SELLER  # the fast path was the one taken


def test_a_row_no_longer_held_sends_nothing_and_the_next_one_goes(account, channel, settings):
    with smtp_sink() as (sink, port):
        use_sink(settings, port)
        assert channel.send(None, email(account), lambda: False) is None
        outcome = channel.send(None, email(account, to="next@marketplace.amazon.example"), lambda: True)
        assert isinstance(outcome, Sent)
        assert [message["To"] for message in sink.messages] == ["next@marketplace.amazon.example"]


def test_a_database_error_while_marking_is_raised_and_nothing_is_delivered(account, channel, settings):
    def start():
        raise DatabaseError("the database went away")

    with smtp_sink() as (sink, port):
        use_sink(settings, port)
        with pytest.raises(DatabaseError, match="went away"):
            channel.send(None, email(account), start)
        assert sink.messages == []
        assert isinstance(channel.send(None, email(account), lambda: True), Sent)
        assert len(sink.messages) == 1


def test_a_refused_recipient_is_the_outcome_once_the_row_is_marked(account, channel, settings):
    marked = []
    with smtp_sink(handler=EnvelopeWatcher(refuse_rcpt=True)) as (sink, port):
        use_sink(settings, port)
        outcome = channel.send(None, email(account), lambda: marked.append(True) or True)
        assert isinstance(outcome, Fail) and "550" in outcome.reason
        assert marked == [True] and sink.messages == []
        # The transaction was reset: the connection sends the next message.
        sink.refuse_rcpt = False
        assert isinstance(channel.send(None, email(account), lambda: True), Sent)
        assert len(sink.messages) == 1


def test_a_connection_broken_before_the_end_of_data_is_tried_again_not_uncertain(account, channel, settings):
    """The server hung up at RCPT: it cannot have taken the message, so the row is retried
    (a break after the end of data stays uncertain and is never resent: test_dispatch_kill)."""
    with smtp_sink(handler=EnvelopeWatcher(hang_up_at_rcpt=True)) as (sink, port):
        use_sink(settings, port)
        outcome = channel.send(None, email(account), lambda: True)
        assert isinstance(outcome, Retry) and "before the message went out" in outcome.reason
        assert sink.messages == []
        assert isinstance(channel.send(None, email(account), lambda: True), Sent)
        assert len(sink.messages) == 1


def test_lines_starting_with_a_dot_arrive_as_written(account, channel, settings):
    body = "Your order 111-1111111-1111111.\n.\n.. two dots\n.end"
    with smtp_sink() as (sink, port):
        use_sink(settings, port)
        assert isinstance(channel.send(None, email(account, body=body), lambda: True), Sent)
    text = next(part for part in sink.messages[0].walk() if part.get_content_type() == "text/plain")
    assert text.get_payload(decode=True).decode().replace("\r\n", "\n") == body
