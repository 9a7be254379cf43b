"""Pages a signed-in user gets (buyer data: orders, feedback, cases, queue,
inbox, exports) are never stored by a browser or proxy."""

import pytest
from django.urls import reverse

from feedbackhub.tenancy.models import Role

from .urlwalk import KWARG_FACTORIES, POST_ONLY, account_routes

GET_ROUTES = [route for route in account_routes() if route.name not in POST_ONLY]


def test_the_walk_covers_the_pages_with_buyer_data():
    names = {route.name for route in GET_ROUTES}
    assert {"orders:list", "orders:detail", "feedback:list", "feedback:export", "feedback:case"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("route", GET_ROUTES, ids=lambda route: route.name)
def test_every_account_page_says_no_store(route, account, client_for):
    client = client_for(account, Role.OWNER)
    kwargs = {kwarg: KWARG_FACTORIES[kwarg](account) for kwarg in route.kwargs}
    response = client.get(reverse(route.name, kwargs=kwargs))
    cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= cache_control, f"{route.name}: Cache-Control {cache_control}"
