"""The local mail sink of the embedded run: outgoing mail is kept in the
database and shown at /dev/mail/ instead of leaving the machine.

A caught message is readable only by those it was meant for, since it may
hold a password-reset link or buyers' names and addresses:
- mail tagged for one user (mail_for_user: a password reset) by that user;
- mail tagged for a seller account (mail_for_account: requests and replies to
  its buyers) by the account's members;
- any other mail by the users whose address it was sent to;
- everything by superusers.
Tags are attributes of the message object, never headers: nothing of them
leaves with the mail when a real backend sends it.
"""

from django.contrib.auth import get_user_model
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower

ACCOUNT_ATTRIBUTE = "feedbackhub_account_id"
USER_ATTRIBUTE = "feedbackhub_user_id"


def mail_for_account(message, *, account_id: int):
    """Mark a message as the seller account's mail (to one of its buyers)."""
    setattr(message, ACCOUNT_ATTRIBUTE, account_id)
    return message


def mail_for_user(message, *, user_id: int):
    """Mark a message as one user's own mail, readable by nobody else."""
    setattr(message, USER_ATTRIBUTE, user_id)
    return message


def _readers(message) -> list[int]:
    user_id = getattr(message, USER_ATTRIBUTE, None)
    if user_id is not None:
        return [user_id]
    if getattr(message, ACCOUNT_ATTRIBUTE, None) is not None:
        return []
    addresses = {address.strip().lower() for address in message.recipients() if address.strip()}
    users = get_user_model().objects.annotate(email_lower=Lower("email")).filter(email_lower__in=addresses)
    return list(users.values_list("pk", flat=True))


class DatabaseSinkBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from feedbackhub.models import SinkMessage

        for message in email_messages:
            caught = SinkMessage.objects.create(
                from_email=message.from_email,
                to=", ".join(message.recipients()),
                subject=message.subject,
                body=message.body,
                raw=message.message().as_string(),
                account_id=getattr(message, ACCOUNT_ATTRIBUTE, None),
            )
            caught.readers.set(_readers(message))
        return len(email_messages)


def sink_messages_for(user) -> QuerySet:
    """The caught mail this user may read (see the module's docstring)."""
    from feedbackhub.models import SinkMessage
    from feedbackhub.tenancy.models import Membership

    if user.is_superuser:
        return SinkMessage.objects.all()
    through = SinkMessage.readers.through
    has_readers = Exists(through.objects.filter(sinkmessage_id=OuterRef("pk")))
    is_reader = Exists(through.objects.filter(sinkmessage_id=OuterRef("pk"), user_id=user.pk))
    member_of = Membership.objects.filter(user=user).values("account_id")
    return SinkMessage.objects.filter(is_reader | (~has_readers & Q(account_id__in=member_of)))
