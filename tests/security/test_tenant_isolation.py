"""Nobody reaches another seller account's data through any URL."""

import pytest
from django.urls import reverse

from feedback.rollups import rollups_refresh
from feedbackhub.tenancy.models import Role
from tests.factories import ClaimFactory, FeedbackFactory, OrderFactory, OrderItemFactory

from .urlwalk import KWARG_FACTORIES, POST_ONLY, account_routes

ROUTES_WITH_IDS = [route for route in account_routes() if route.kwargs]


def test_the_walk_finds_object_pages():
    """Guards the walk itself: if it found nothing, the tests below would pass vacuously."""
    assert any(route.name == "orders:detail" for route in ROUTES_WITH_IDS)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES_WITH_IDS, ids=lambda route: route.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_ids_of_another_account_are_refused(route, method, account, other_account, client_for):
    unknown = [kwarg for kwarg in route.kwargs if kwarg not in KWARG_FACTORIES]
    assert not unknown, f"{route.name}: add a factory for {unknown} to KWARG_FACTORIES in urlwalk.py"
    client = client_for(account, Role.OWNER)
    kwargs = {kwarg: KWARG_FACTORIES[kwarg](other_account) for kwarg in route.kwargs}
    response = getattr(client, method)(reverse(route.name, kwargs=kwargs))
    assert response.status_code in (403, 404, 405), f"{route.name} served another account's object"
    if response.status_code == 405:
        assert method == "post" or route.name in POST_ONLY, f"{route.name} refuses GET"


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES_WITH_IDS, ids=lambda route: route.name)
def test_ids_of_own_account_are_served(route, account, client_for):
    """The same pages do open for their own account's objects (the refusal above is not blanket)."""
    client = client_for(account, Role.OWNER)
    kwargs = {kwarg: KWARG_FACTORIES[kwarg](account) for kwarg in route.kwargs}
    expected = 405 if route.name in POST_ONLY else 200
    assert client.get(reverse(route.name, kwargs=kwargs)).status_code == expected


@pytest.mark.django_db
def test_order_list_shows_only_own_orders(account, other_account, client_for):
    mine = OrderFactory(account=account)
    theirs = OrderFactory(account=other_account)
    OrderItemFactory(order=theirs, sku="SHARED-SKU")
    OrderItemFactory(order=mine, sku="SHARED-SKU")
    client = client_for(account)
    for params, expected in (({}, [mine]), ({"q": "SHARED-SKU"}, [mine]), ({"q": theirs.amazon_order_id}, [])):
        page = client.get(reverse("orders:list"), params).context["page"]
        assert list(page.object_list) == expected, params


@pytest.mark.django_db
def test_feedback_list_and_dashboard_count_only_own_rows(account, other_account, client_for):
    FeedbackFactory(order__account=other_account, rating=1, comment="Another seller's complaint")
    ClaimFactory(order__account=other_account)
    FeedbackFactory(order__account=account, rating=5, comment="Our own praise")
    client = client_for(account)
    body = client.get(reverse("feedback:list")).content.decode()
    assert "Our own praise" in body and "Another seller" not in body
    for seller in (account, other_account):
        rollups_refresh(account=seller)
    figures = client.get(reverse("dashboard"), {"fresh": "1"}).context["figures"]
    assert (figures.ratings["lifetime"].total, figures.ratings["lifetime"].negative) == (1, 0)
    assert (figures.live_window.orders, figures.live_window.defect_orders) == (1, 0)


@pytest.mark.django_db
def test_marketplace_filter_offers_only_own_marketplaces(account, client_for):
    form = client_for(account).get(reverse("orders:list")).context["filter"].form
    assert {m.code for m in form.fields["marketplace"].queryset} == {"US", "UK"}


@pytest.mark.django_db
def test_switching_to_an_account_without_membership_is_404(account, other_account, client_for):
    client = client_for(account)
    response = client.post(reverse("tenancy:switch"), {"account_id": other_account.pk})
    assert response.status_code == 404
    OrderFactory(account=other_account, amazon_order_id="999-9999999-9999999")
    assert "999-9999999-9999999" not in client.get(reverse("orders:list")).content.decode()


@pytest.mark.django_db
def test_switcher_changes_the_account_for_members_of_both(account, other_account, member_of, client):
    user = member_of(account, Role.OWNER)
    from tests.factories import MembershipFactory

    MembershipFactory(user=user, account=other_account, role=Role.VA)
    theirs = OrderFactory(account=other_account)
    client.force_login(user)
    assert theirs.amazon_order_id not in client.get(reverse("orders:list")).content.decode()
    response = client.post(reverse("tenancy:switch"), {"account_id": other_account.pk})
    assert response.status_code == 302
    assert theirs.amazon_order_id in client.get(reverse("orders:list")).content.decode()
    # The role follows the account: VA there, so no settings.
    assert client.get(reverse("tenancy:settings")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in account_routes() if not r.kwargs], ids=lambda route: route.name)
def test_a_user_without_membership_is_refused(route, member_of, client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse(route.name)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("route", account_routes(), ids=lambda route: route.name)
def test_every_account_page_requires_login(route, account, client):
    kwargs = {kwarg: KWARG_FACTORIES[kwarg](account) for kwarg in route.kwargs}
    response = client.get(reverse(route.name, kwargs=kwargs))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
