"""The main navigation; each entry shows only to roles holding its permission."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str


NAV_ITEMS = (
    NavItem("Dashboard", "dashboard", "tenancy.view_dashboard"),
    NavItem("Orders", "orders:list", "orders.view_orders"),
    NavItem("Feedback", "feedback:list", "feedback.view_feedback"),
    NavItem("Queue", "feedback:queue", "feedback.work_queue"),
    NavItem("Messages", "messaging:inbox", "messaging.view_inbox"),
    NavItem("Campaigns", "messaging:campaigns", "messaging.manage_campaigns"),
    NavItem("Templates", "messaging:templates", "messaging.manage_templates"),
    NavItem("Settings", "tenancy:settings", "tenancy.manage_settings"),
)


def nav_items_for(user, account):
    if account is None:
        return []
    return [item for item in NAV_ITEMS if user.has_perm(item.permission, account)]
