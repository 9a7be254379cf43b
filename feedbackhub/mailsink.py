"""The local mail sink of the embedded run: outgoing mail is kept in the
database and shown at /dev/mail/ instead of leaving the machine."""

from django.core.mail.backends.base import BaseEmailBackend


class DatabaseSinkBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from feedbackhub.models import SinkMessage

        for message in email_messages:
            SinkMessage.objects.create(
                from_email=message.from_email,
                to=", ".join(message.recipients()),
                subject=message.subject,
                body=message.body,
                raw=message.message().as_string(),
            )
        return len(email_messages)
