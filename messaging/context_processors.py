"""The navigation's inbox badge: threads waiting for a reply."""

from functools import partial

from feedbackhub.tenancy.access import current_account

from .inbox.selectors import needs_reply_count


def inbox(request):
    account = current_account(request)
    if account is None or not request.user.has_perm("messaging.view_inbox", account):
        return {}
    # Called by the template when it draws the badge, not for every response.
    return {"inbox_needs_reply": partial(needs_reply_count, account=account)}
