"""The audit trail: each sensitive action writes its row, no row carries
buyer data, and only the account's owner reads the account's trail."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from feedbackhub.audit.models import AuditAction, AuditEvent
from feedbackhub.audit.services import audit_record
from feedbackhub.tenancy.models import Role
from feedbackhub.tenancy.services import amazon_connection_save, membership_set
from messaging.forms import SendingSettingsForm
from messaging.services import (
    campaign_state_set,
    feedback_request_decide,
    message_template_save,
    sending_settings_get,
    sending_settings_save,
)
from orders.services import buyer_data_purge
from tests.factories import CampaignFactory, OrderFactory, UserFactory, marketplace

from .urlwalk import _uncertain_request

pytestmark = pytest.mark.django_db

BUYER_NAME = "Jane Q. Buyer"
BUYER_EMAIL = "jane.buyer@marketplace.amazon.example"
BUYER_STREET = "12 Elm Street"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def rows(account, action):
    return list(AuditEvent.objects.filter(account=account, action=action))


def assert_no_buyer_data():
    for event in AuditEvent.objects.all():
        text = f"{event.target} {event.actor_name}"
        for personal in (BUYER_NAME, BUYER_EMAIL, BUYER_STREET, "Jane"):
            assert personal not in text, f"{event.action} row holds buyer data: {text!r}"


@pytest.fixture
def buyer_order(account):
    return OrderFactory(
        account=account, buyer_name=BUYER_NAME, buyer_email=BUYER_EMAIL, ship_to=f"{BUYER_NAME}, {BUYER_STREET}"
    )


def test_log_in_and_failed_log_in(client, account, member_of):
    user = member_of(account, Role.VA)
    client.post(reverse("login"), {"username": user.username, "password": "wrong-password"})
    client.post(reverse("login"), {"username": "typed-my-password-here", "password": "x"})
    client.post(reverse("login"), {"username": user.username, "password": "correct-horse-battery"})
    [failed] = rows(account, AuditAction.LOGIN_FAILED)
    assert failed.target == f"user {user.username}" and failed.ip == "127.0.0.1"
    [unknown] = AuditEvent.objects.filter(account=None, action=AuditAction.LOGIN_FAILED)
    assert "typed-my-password-here" not in unknown.target
    [login] = rows(account, AuditAction.LOGIN)
    assert login.actor == user and login.ip == "127.0.0.1"


def test_role_change(account, member_of):
    owner = member_of(account, Role.OWNER)
    va = member_of(account, Role.VA)
    membership_set(user=va, account=account, role=Role.ADMIN, actor=owner)
    membership_set(user=va, account=account, role=Role.ADMIN, actor=owner)  # no change, no row
    [event] = rows(account, AuditAction.ROLE_CHANGED)
    assert event.target == f"{va.username}: va → admin" and event.actor == owner


def test_template_change(account, member_of):
    admin = member_of(account, Role.ADMIN)
    template = message_template_save(
        account=account,
        user=admin,
        name="Thanks",
        kind="feedback_request",
        language="en",
        subject="Your order {{ order_id }}",
        body="Thank you for your order {{ order_id }}.",
        marketplaces=[],
    )
    [event] = AuditEvent.objects.filter(account=account, action=AuditAction.TEMPLATE_CHANGED, actor=admin)
    assert event.target == f"created template #{template.pk} Thanks (en)"
    # The account's starter library (loaded when it was created) is one row, not one per template.
    [starter] = AuditEvent.objects.filter(account=account, action=AuditAction.TEMPLATE_CHANGED, actor=None)
    assert starter.target.startswith("starter library:")


def test_campaign_start_and_stop(account, member_of):
    admin = member_of(account, Role.ADMIN)
    campaign = CampaignFactory(account=account, state="live")
    campaign_state_set(campaign=campaign, state="paused", user=admin)
    [event] = rows(account, AuditAction.CAMPAIGN_STATE)
    assert event.target == f"campaign #{campaign.pk} {campaign.name}: live → paused"


def test_pause_all_and_resume(account, member_of):
    owner = member_of(account, Role.OWNER)
    current = sending_settings_get(account=account)
    for paused in (True, True, False):
        data = {
            "paused": "on" if paused else "",
            "from_email": current.from_email,
            "test_email": current.test_email,
            "daily_cap": current.daily_cap or "",
            "auto_blacklist_low_ratings": "on" if current.auto_blacklist_low_ratings else "",
        }
        form = SendingSettingsForm(data, instance=sending_settings_get(account=account))
        assert form.is_valid(), form.errors
        sending_settings_save(account=account, form=form, user=owner)
    assert len(rows(account, AuditAction.SENDING_PAUSED)) == 1
    assert len(rows(account, AuditAction.SENDING_RESUMED)) == 1


def test_amazon_connection_change(account, member_of):
    owner = member_of(account, Role.OWNER)
    amazon_connection_save(
        account=account, region="na", marketplaces=[marketplace("US")], refresh_token="Atzr|secret-token", actor=owner
    )
    [event] = rows(account, AuditAction.AMAZON_CONNECTION)
    assert event.target == "region na, marketplaces US, new refresh token"
    assert "Atzr" not in event.target


def test_export(client_for, account, buyer_order):
    client = client_for(account, Role.OWNER)
    response = client.get(reverse("feedback:export"))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    [event] = rows(account, AuditAction.EXPORT)
    assert event.target.startswith("feedback list: feedback-")


def test_pii_purge_counts_per_account_and_names_no_buyer(account, other_account, buyer_order):
    long_ago = timezone.now() - timedelta(days=120)
    OrderFactory(account=other_account, purchase_date=long_ago, last_updated=long_ago)
    type(buyer_order).objects.filter(pk=buyer_order.pk).update(purchase_date=long_ago, last_updated=long_ago)
    buyer_data_purge()
    [event] = rows(account, AuditAction.PII_PURGE)
    assert event.target.startswith("buyer data removed from 1 order ")
    assert event.actor is None
    assert len(rows(other_account, AuditAction.PII_PURGE)) == 1
    assert_no_buyer_data()


def test_outbox_decision_names_the_order_not_the_buyer(account, member_of):
    owner = member_of(account, Role.OWNER)
    request = _uncertain_request(account)
    type(request.order).objects.filter(pk=request.order_id).update(buyer_name=BUYER_NAME, buyer_email=BUYER_EMAIL)
    feedback_request_decide(request=request, status="skipped", user=owner, note=f"{BUYER_NAME} phoned: no mail")
    [event] = rows(account, AuditAction.OUTBOX_DECISION)
    assert event.target == f"request for order {request.order.amazon_order_id}: uncertain → skipped"
    assert_no_buyer_data()


def test_trail_page_is_the_owners_and_shows_only_the_account(client_for, account, other_account):
    audit_record(action=AuditAction.EXPORT, account=account, target="feedback list: mine.csv")
    audit_record(action=AuditAction.EXPORT, account=other_account, target="feedback list: theirs.csv")
    for role in (Role.ADMIN, Role.VA):
        assert client_for(account, role).get(reverse("audit:trail")).status_code == 403
    page = client_for(account, Role.OWNER).get(reverse("audit:trail")).content.decode()
    assert "mine.csv" in page and "theirs.csv" not in page


def test_trail_is_newest_first_paginated_in_the_accounts_time_zone(client_for, account):
    account.time_zone = "Asia/Tokyo"
    account.save(update_fields=["time_zone"])
    for number in range(55):
        audit_record(action=AuditAction.EXPORT, account=account, target=f"export number {number:02d}")
    client = client_for(account, Role.OWNER)  # also a log-in row, the newest
    first = client.get(reverse("audit:trail"))
    events = list(first.context["page"])
    assert [event.target for event in events[:2]] == ["password accepted", "export number 54"]
    assert len(events) == 50
    assert "JST" in first.content.decode()
    second = [event.target for event in client.get(reverse("audit:trail") + "?page=2").context["page"]]
    # Oldest last: the starter library loaded when the account was created.
    assert second[-2:] == ["export number 00", second[-1]] and second[-1].startswith("starter library")


def test_deleted_user_keeps_their_name_in_the_trail(account):
    user = UserFactory()
    audit_record(action=AuditAction.LOGIN, account=account, actor=user)
    user.delete()
    [event] = rows(account, AuditAction.LOGIN)
    assert event.actor is None and event.actor_name == user.username


def test_django_admin_reads_the_trail_but_cannot_edit_it(client, account):
    event = audit_record(action=AuditAction.EXPORT, account=account, target="feedback list: a.csv")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"})
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_role_change_and_removal_in_django_admin(client, account, member_of):
    va = member_of(account, Role.VA)
    membership = va.memberships.get(account=account)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    url = reverse("admin:tenancy_membership_change", args=[membership.pk])
    data = {"user": va.pk, "account": account.pk, "role": Role.ADMIN}

    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # no change, no row
    [event] = rows(account, AuditAction.ROLE_CHANGED)
    assert event.target == f"{va.username}: va → admin (Django admin)" and event.actor == superuser

    delete = reverse("admin:tenancy_membership_delete", args=[membership.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    removed = AuditEvent.objects.filter(account=account, action=AuditAction.ROLE_CHANGED).latest("pk")
    assert removed.target == f"{va.username}: admin → no role (Django admin)" and removed.actor == superuser


def test_role_change_in_the_accounts_membership_inline_in_django_admin(client, account, member_of):
    va = member_of(account, Role.VA)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    url = reverse("admin:tenancy_selleraccount_change", args=[account.pk])
    page = client.get(url)
    data = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()})
        forms += list(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = (
                [v.pk if hasattr(v, "pk") else v for v in value] if isinstance(value, list) else value
            )
    [membership_form] = [f for f in forms if getattr(f.instance, "user_id", None) == va.pk]
    data[membership_form.add_prefix("role")] = Role.ADMIN

    response = client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    [event] = rows(account, AuditAction.ROLE_CHANGED)
    assert event.target == f"{va.username}: va → admin (Django admin)" and event.actor == superuser
