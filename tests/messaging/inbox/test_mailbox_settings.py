"""The mailbox settings page and its Test connection button: owner and admin
only, the password stored encrypted and never shown, the server's answer in
words."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from feedbackhub.tenancy.models import Role
from messaging.inbox.models import Mailbox

from .dovecot import PASSWORD, USER

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "enabled": "on",
        "host": "imap.seller.example",
        "port": "993",
        "security": "ssl",
        "username": "buyers@seller.example",
        "password": "app-password-1",
        "folder": "INBOX",
        "inbound_address": "",
        "hold_requests_while_unanswered": "on",
    }
    return data | overrides


def stored_password(mailbox):
    with connection.cursor() as cursor:
        cursor.execute("SELECT password FROM messaging_mailbox WHERE id = %s", [mailbox.pk])
        return cursor.fetchone()[0]


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_owner_saves_the_mailbox_and_the_password_is_kept_encrypted(account, client_for):
    client = client_for(account, Role.OWNER)
    response = client.post(reverse("messaging:mailbox_settings"), form_data())
    assert response.status_code == 302
    mailbox = Mailbox.objects.get(account=account)
    assert mailbox.password == "app-password-1" and "app-password-1" not in stored_password(mailbox)
    assert mailbox.hold_requests_while_unanswered and not mailbox.auto_confirm_opt_outs

    page = client.get(reverse("messaging:mailbox_settings")).content.decode()
    assert "app-password-1" not in page and "imap.seller.example" in page

    client.post(reverse("messaging:mailbox_settings"), form_data(password="", hold_requests_while_unanswered=""))
    mailbox.refresh_from_db()
    assert mailbox.password == "app-password-1" and not mailbox.hold_requests_while_unanswered


def test_another_folder_is_read_afresh(account, client_for):
    client = client_for(account, Role.ADMIN)
    client.post(reverse("messaging:mailbox_settings"), form_data())
    Mailbox.objects.filter(account=account).update(uidvalidity=77, last_uid=40)
    client.post(reverse("messaging:mailbox_settings"), form_data(folder="Amazon"))
    mailbox = Mailbox.objects.get(account=account)
    assert (mailbox.folder, mailbox.uidvalidity, mailbox.last_uid) == ("Amazon", None, 0)


def test_an_inbound_address_belongs_to_one_account(account, other_account, client_for):
    Mailbox.objects.create(account=other_account, inbound_address="buyers@inbound.example")
    response = client_for(account).post(
        reverse("messaging:mailbox_settings"), form_data(inbound_address="Buyers@Inbound.example")
    )
    assert response.status_code == 200 and "already receives another seller account" in response.content.decode()
    assert not Mailbox.objects.filter(account=account).exists()


def test_a_va_can_neither_change_the_mailbox_nor_test_it(account, client_for):
    Mailbox.objects.create(account=account, host="imap.seller.example", username="u", password="secret")
    client = client_for(account, Role.VA)
    assert client.post(reverse("messaging:mailbox_settings"), form_data(host="evil.example")).status_code == 403
    assert client.post(reverse("messaging:mailbox_test")).status_code == 403
    assert Mailbox.objects.get(account=account).host == "imap.seller.example"


def test_test_connection_reports_the_folder_count_or_the_error_in_words(
    account, client_for, mailbox, dovecot, settings
):
    client = client_for(account, Role.OWNER)
    response = client.post(reverse("messaging:mailbox_test"))
    assert response.status_code == 302 and said(response) == [f"Connected: {mailbox.folder} holds 0 messages."]

    Mailbox.objects.filter(pk=mailbox.pk).update(password="wrong-password")
    response = client.post(reverse("messaging:mailbox_test"))
    assert said(response)[-1] == "The server refused the login: [AUTHENTICATIONFAILED] Authentication failed."


def test_test_connection_without_settings_says_so(account, client_for):
    response = client_for(account).post(reverse("messaging:mailbox_test"))
    assert said(response) == ["Save the mailbox settings first."]


def test_the_settings_page_links_to_the_mailbox(account, client_for):
    page = client_for(account).get(reverse("tenancy:settings")).content.decode()
    assert reverse("messaging:mailbox_settings") in page


def test_pages_of_one_account_never_show_another_accounts_mailbox(account, other_account, client_for):
    Mailbox.objects.create(account=other_account, host="imap.other-seller.example", username=USER, password=PASSWORD)
    page = client_for(account).get(reverse("messaging:mailbox_settings")).content.decode()
    assert "imap.other-seller.example" not in page
    response = client_for(account).post(reverse("messaging:mailbox_test"))
    assert said(response) == ["Save the mailbox settings first."]
