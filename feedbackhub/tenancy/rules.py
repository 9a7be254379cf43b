"""Permissions by role, in one table (the `rules` package).

Every permission is checked against a SellerAccount:
    request.user.has_perm("orders.view_orders", account)
"""

import rules

from .models import Membership, Role

OWNER, ADMIN, VA = Role.OWNER, Role.ADMIN, Role.VA

ROLE_PERMISSIONS = {
    "tenancy.view_dashboard": {OWNER, ADMIN},
    "tenancy.manage_settings": {OWNER, ADMIN},
    "tenancy.manage_members": {OWNER},
    "tenancy.view_audit": {OWNER},
    "orders.view_orders": {OWNER, ADMIN, VA},
    "orders.import_data": {OWNER, ADMIN},
    "feedback.view_feedback": {OWNER, ADMIN},
    "feedback.work_queue": {OWNER, ADMIN, VA},
    # Assigning cases to others, and acting on a case someone else holds.
    "feedback.assign_cases": {OWNER, ADMIN},
    "feedback.view_outcomes": {OWNER},
    "messaging.view_inbox": {OWNER, ADMIN, VA},
    # The mailbox the inbox reads (server, password, hold and opt-out switches).
    "messaging.manage_mailbox": {OWNER, ADMIN},
    "messaging.manage_campaigns": {OWNER, ADMIN},
    # Settling an uncertain or failed send (was it sent?) is the owner's call.
    "messaging.decide_requests": {OWNER},
    "messaging.manage_templates": {OWNER, ADMIN},
    "messaging.use_reply_templates": {OWNER, ADMIN, VA},
}


def user_role(user, account):
    """The user's role in the account, or None; cached on the user object."""
    if account is None or not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_feedbackhub_roles", {})
    if account.pk not in cache:
        cache[account.pk] = Membership.objects.filter(user=user, account=account).values_list("role", flat=True).first()
    return cache[account.pk]


def _role_predicate(roles):
    names = "_or_".join(sorted(roles))

    @rules.predicate(name=f"has_role_{names}")
    def has_role(user, account):
        return user_role(user, account) in roles

    return has_role


for _permission, _roles in ROLE_PERMISSIONS.items():
    rules.add_perm(_permission, _role_predicate(_roles))
