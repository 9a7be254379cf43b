"""The embedded run's mail sink (/dev/mail/) shows each user only their own
mail: never another user's password-reset link, never another account's buyers."""

import importlib
import re

import pytest
from django.core.mail import EmailMessage
from django.test import override_settings
from django.urls import clear_url_caches, reverse

import feedbackhub.urls
from feedbackhub.mailsink import DatabaseSinkBackend, mail_for_account
from feedbackhub.models import SinkMessage
from messaging.compose import RenderedMessage, feedback_request_email

SINK_BACKEND = "feedbackhub.mailsink.DatabaseSinkBackend"


@pytest.fixture
def mail_sink(settings):
    """The local settings' sink: mail kept in the database and routed at /dev/mail/."""
    settings.EMAIL_BACKEND = SINK_BACKEND
    with override_settings(MAIL_SINK_VIEW=True):
        importlib.reload(feedbackhub.urls)
        clear_url_caches()
        yield
    importlib.reload(feedbackhub.urls)
    clear_url_caches()


def _buyer_mail(account, subject, to):
    mail_for_account(EmailMessage(subject, f"Dear buyer of {account.name}", to=[to]), account_id=account.pk).send()
    return SinkMessage.objects.get(subject=subject)


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login(mail_sink, client, account):
    message = _buyer_mail(account, "Your order", "buyer@marketplace.amazon.example")
    for url in (reverse("mail_sink_list"), reverse("mail_sink_detail", args=[message.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_a_member_sees_only_the_mail_of_own_accounts(mail_sink, client, account, other_account, member_of):
    own = _buyer_mail(account, "How was your order A?", "buyer-a@marketplace.amazon.example")
    foreign = _buyer_mail(other_account, "How was your order B?", "buyer-b@marketplace.amazon.example")
    client.force_login(member_of(account))

    listing = client.get(reverse("mail_sink_list")).content.decode()
    assert "How was your order A?" in listing
    assert "How was your order B?" not in listing and "buyer-b@" not in listing
    assert client.get(reverse("mail_sink_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("mail_sink_detail", args=[foreign.pk])).status_code == 404


@pytest.mark.django_db
def test_a_reset_requested_for_someone_else_cannot_be_read(mail_sink, client, account, member_of):
    victim = member_of(account, email="victim@example.com")
    attacker = member_of(account, email="attacker@example.com")  # even a member of the same account
    client.post(reverse("password_reset"), {"email": victim.email})
    reset = SinkMessage.objects.get(to="victim@example.com")
    assert re.search(r"/accounts/reset/\S+/", reset.body)

    client.force_login(attacker)
    listing = client.get(reverse("mail_sink_list")).content.decode()
    assert reset.subject not in listing and "victim@example.com" not in listing
    assert client.get(reverse("mail_sink_detail", args=[reset.pk])).status_code == 404

    client.force_login(victim)
    assert "/accounts/reset/" in client.get(reverse("mail_sink_detail", args=[reset.pk])).content.decode()


@pytest.mark.django_db
def test_a_user_never_sees_another_users_reset_mail_even_at_the_same_address(
    mail_sink, client, account, other_account, member_of
):
    user_a = member_of(account, email="shared@example.com")
    user_b = member_of(other_account, email="shared@example.com")
    client.post(reverse("password_reset"), {"email": "shared@example.com"})
    # Django sends one mail per user, each with that user's own link.
    mail_of_a, mail_of_b = (SinkMessage.objects.get(readers=user) for user in (user_a, user_b))
    assert mail_of_a.pk != mail_of_b.pk

    client.force_login(user_b)
    assert client.get(reverse("mail_sink_detail", args=[mail_of_a.pk])).status_code == 404
    assert client.get(reverse("mail_sink_detail", args=[mail_of_b.pk])).status_code == 200


@pytest.mark.django_db
def test_mail_to_a_user_is_that_users_and_unaddressed_mail_is_superusers(mail_sink, client, account, member_of):
    owner = member_of(account, email="owner@example.com")
    colleague = member_of(account, email="colleague@example.com")
    EmailMessage("Alert for the owner", "3 cases near their deadline", to=["owner@example.com"]).send()
    EmailMessage("To nobody we know", "text", to=["stranger@example.net"]).send()
    to_owner = SinkMessage.objects.get(subject="Alert for the owner")
    to_stranger = SinkMessage.objects.get(subject="To nobody we know")

    client.force_login(colleague)
    assert client.get(reverse("mail_sink_detail", args=[to_owner.pk])).status_code == 404
    assert client.get(reverse("mail_sink_detail", args=[to_stranger.pk])).status_code == 404
    client.force_login(owner)
    assert client.get(reverse("mail_sink_detail", args=[to_owner.pk])).status_code == 200
    assert client.get(reverse("mail_sink_detail", args=[to_stranger.pk])).status_code == 404

    client.force_login(member_of(account, is_superuser=True))
    listing = client.get(reverse("mail_sink_list")).content.decode()
    assert "Alert for the owner" in listing and "To nobody we know" in listing


@pytest.mark.django_db
def test_mail_to_buyers_is_marked_as_the_accounts(account):
    rendered = RenderedMessage(subject="How was it?", body="Text", html="<p>Text</p>", blocking_rules=())
    message = feedback_request_email(rendered, account=account, from_email="s@example.com", to="b@example.com")
    DatabaseSinkBackend().send_messages([message])
    caught = SinkMessage.objects.get(subject="How was it?")
    assert caught.account_id == account.pk and not caught.readers.exists()
    assert "x-feedbackhub" not in caught.raw.lower()  # the mark is no header: nothing of it leaves with the mail
