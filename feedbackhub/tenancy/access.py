"""The one place a view gets its seller account from the request.

    @account_view("orders.view_orders")
    def order_list(request, account): ...

The decorated view receives the current SellerAccount and may only query
through it. No membership → 403; a role without the permission → 403.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Membership

SESSION_KEY = "feedbackhub_account_id"


def memberships_for(user):
    return Membership.objects.filter(user=user).select_related("account").order_by("account__name")


def current_membership(request):
    """The membership for the account chosen in the session, else the first one."""
    if not request.user.is_authenticated:
        return None
    if not hasattr(request, "_feedbackhub_membership"):
        memberships = list(memberships_for(request.user))
        chosen = request.session.get(SESSION_KEY)
        membership = next((m for m in memberships if m.account_id == chosen), None)
        if membership is None and memberships:
            # No choice yet: the account the user joined first.
            membership = min(memberships, key=lambda m: (m.created_at, m.pk))
        request._feedbackhub_membership = membership
        request._feedbackhub_memberships = memberships
    return request._feedbackhub_membership


def current_account(request):
    membership = current_membership(request)
    return membership.account if membership else None


def account_view(permission):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            account = current_account(request)
            if account is None or not request.user.has_perm(permission, account):
                raise PermissionDenied
            return view(request, account, *args, **kwargs)

        wrapped.required_permission = permission
        return wrapped

    return decorator


def found_or_404(found, what="object"):
    """A selector's answer, or 404 when it found nothing in the account:
    another account's id looks exactly like one that does not exist."""
    if found is None:
        raise Http404(f"No such {what} in this seller account.")
    return found
