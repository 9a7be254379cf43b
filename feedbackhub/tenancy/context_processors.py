from .access import current_membership
from .navigation import nav_items_for


def tenancy(request):
    membership = current_membership(request)
    if membership is None:
        return {}
    return {
        "current_account": membership.account,
        "current_role": membership.get_role_display(),
        "user_memberships": request._feedbackhub_memberships,
        "nav_items": nav_items_for(request.user, membership.account),
    }
