"""Owner / admin / VA × every page: allowed (200) or refused (403)."""

import pytest
from django.urls import reverse

from feedbackhub.tenancy.models import Role

from .urlwalk import KWARG_FACTORIES, POST_ONLY, account_routes

OWNER, ADMIN, VA = Role.OWNER, Role.ADMIN, Role.VA
EVERYONE = {OWNER, ADMIN, VA}

# Who may open each page. A page missing here fails test_every_page_is_in_the_matrix.
ROLE_MATRIX = {
    "dashboard": {OWNER, ADMIN},
    "dashboard_export": {OWNER, ADMIN},
    "orders:list": EVERYONE,
    "orders:detail": EVERYONE,
    "orders:import_list": {OWNER, ADMIN},
    "orders:import_upload": {OWNER, ADMIN},
    "orders:import_detail": {OWNER, ADMIN},
    "orders:import_progress": {OWNER, ADMIN},
    "orders:import_rejections": {OWNER, ADMIN},
    "feedback:list": {OWNER, ADMIN},
    "feedback:export": {OWNER, ADMIN},
    "feedback:queue": EVERYONE,
    "feedback:queue_assign": {OWNER, ADMIN},
    "feedback:queue_outcomes": {OWNER},
    "feedback:queue_settings": {OWNER, ADMIN},
    "feedback:case": EVERYONE,
    "feedback:case_take": EVERYONE,
    "feedback:case_move": EVERYONE,
    "feedback:case_message": EVERYONE,
    "feedback:case_message_preview": EVERYONE,
    "feedback:case_resolve": EVERYONE,
    "feedback:case_amazon": EVERYONE,
    "feedback:case_response": EVERYONE,
    "messaging:inbox": EVERYONE,
    "messaging:thread": EVERYONE,
    "messaging:thread_reply": EVERYONE,
    "messaging:thread_no_reply": EVERYONE,
    "messaging:thread_presence": EVERYONE,
    "messaging:thread_messages": EVERYONE,
    "messaging:reply_decide": EVERYONE,
    "messaging:opt_out_decide": EVERYONE,
    "messaging:inbox_attachment": EVERYONE,
    "messaging:mailbox_settings": {OWNER, ADMIN},
    "messaging:mailbox_test": {OWNER, ADMIN},
    "messaging:campaigns": {OWNER, ADMIN},
    "messaging:campaign_new": {OWNER, ADMIN},
    "messaging:campaign_detail": {OWNER, ADMIN},
    "messaging:campaign_edit": {OWNER, ADMIN},
    "messaging:campaign_state": {OWNER, ADMIN},
    "messaging:campaign_test_send": {OWNER, ADMIN},
    "messaging:sending_settings": {OWNER, ADMIN},
    "messaging:do_not_solicit": {OWNER, ADMIN},
    "messaging:do_not_solicit_remove": {OWNER, ADMIN},
    "messaging:outbox": {OWNER, ADMIN},
    "messaging:outbox_decide": {OWNER},
    "messaging:templates": {OWNER, ADMIN},
    "messaging:reply_templates": EVERYONE,
    "messaging:template_new": {OWNER, ADMIN},
    "messaging:template_edit": {OWNER, ADMIN},
    "messaging:template_preview": {OWNER, ADMIN},
    "messaging:template_history": {OWNER, ADMIN},
    "messaging:template_restore": {OWNER, ADMIN},
    "tenancy:settings": {OWNER, ADMIN},
    "tenancy:amazon": {OWNER, ADMIN},
    "tenancy:team": {OWNER},
    "tenancy:two_factor_requirement": {OWNER},
    "audit:trail": {OWNER},
}


def test_every_page_is_in_the_matrix():
    missing = sorted({route.name for route in account_routes()} - set(ROLE_MATRIX))
    assert not missing, f"add these pages to ROLE_MATRIX: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", [OWNER, ADMIN, VA])
@pytest.mark.parametrize("route", account_routes(), ids=lambda route: route.name)
def test_role_matrix(route, role, account, client_for):
    client = client_for(account, role)
    kwargs = {kwarg: KWARG_FACTORIES[kwarg](account) for kwarg in route.kwargs}
    status = client.get(reverse(route.name, kwargs=kwargs)).status_code
    allowed_status = 405 if route.name in POST_ONLY else 200
    expected = allowed_status if role in ROLE_MATRIX[route.name] else 403
    assert status == expected, f"{role} on {route.name}: got {status}, expected {expected}"


@pytest.mark.django_db
def test_va_cannot_change_settings_by_post(account, client_for):
    client = client_for(account, VA)
    response = client.post(
        reverse("tenancy:settings"),
        {"name": "Renamed by VA", "time_zone": "UTC", "marketplaces": ["ATVPDKIKX0DER"]},
    )
    assert response.status_code == 403
    account.refresh_from_db()
    assert account.name != "Renamed by VA"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected_nav"),
    [
        (OWNER, ["Dashboard", "Orders", "Feedback", "Queue", "Messages", "Campaigns", "Templates", "Settings"]),
        (ADMIN, ["Dashboard", "Orders", "Feedback", "Queue", "Messages", "Campaigns", "Templates", "Settings"]),
        (VA, ["Orders", "Queue", "Messages"]),
    ],
)
def test_navigation_by_role(role, expected_nav, account, client_for):
    response = client_for(account, role).get(reverse("orders:list"))
    assert [item.label for item in response.context["nav_items"]] == expected_nav


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "landing"), [(OWNER, "dashboard"), (ADMIN, "dashboard"), (VA, "orders:list")])
def test_home_sends_each_role_to_its_first_section(role, landing, account, client_for):
    response = client_for(account, role).get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse(landing)


@pytest.mark.django_db
def test_owner_sees_team_link_admin_does_not(account, client_for, member_of, client):
    assert b"Team members and roles" in client_for(account, OWNER).get(reverse("tenancy:settings")).content
    client.force_login(member_of(account, ADMIN))
    assert b"Team members and roles" not in client.get(reverse("tenancy:settings")).content
