"""The mailbox settings page and its Test connection button (owner and
admin: messaging.manage_mailbox). The inbox's own pages live elsewhere."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from feedbackhub.tenancy.access import account_view

from .forms import MailboxForm
from .imap import mailbox_connection_test
from .store import mailbox_for, mailbox_save


@account_view("messaging.manage_mailbox")
def mailbox_settings(request, account):
    mailbox = mailbox_for(account=account)
    form = MailboxForm(request.POST or None, instance=mailbox)
    if request.method == "POST" and form.is_valid():
        mailbox_save(account=account, **form.cleaned_data)
        messages.success(request, "Mailbox settings saved.")
        return redirect("messaging:mailbox_settings")
    return render(request, "messaging/inbox/mailbox_settings.html", {"form": form, "mailbox": mailbox})


@account_view("messaging.manage_mailbox")
@require_POST
def mailbox_test(request, account):
    mailbox = mailbox_for(account=account)
    if mailbox is None:
        messages.error(request, "Save the mailbox settings first.")
    else:
        result = mailbox_connection_test(mailbox=mailbox)
        (messages.success if result.ok else messages.error)(request, result.message)
    return redirect("messaging:mailbox_settings")
