"""A local SMTP server for tests (aiosmtpd in a thread): it records what it
accepts and can answer with an error chosen per message."""

import email
import socket
import threading
from contextlib import contextmanager

from aiosmtpd.controller import Controller


class RecordingHandler:
    def __init__(self, answer=None):
        # answer(envelope) -> None to accept, or an SMTP reply like "451 4.3.0 Try later".
        self.answer = answer
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        reply = self.answer(envelope) if self.answer else None
        if reply:
            return reply
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.original_content or envelope.content))
        return "250 2.0.0 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_sink(answer=None, handler=None):
    """Yields (handler, port). `handler`: a RecordingHandler of the caller's own."""
    handler = handler or RecordingHandler(answer)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()
