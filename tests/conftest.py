import pytest

from feedbackhub.tenancy.models import Role

from .factories import MembershipFactory, SellerAccountFactory, UserFactory


@pytest.fixture
def account(db):
    return SellerAccountFactory(marketplaces=["US", "UK"])


@pytest.fixture
def other_account(db):
    return SellerAccountFactory(marketplaces=["US"])


@pytest.fixture
def member_of(db):
    """member_of(account, role) -> a user holding that role in the account."""

    def make(account, role=Role.OWNER, **user_fields):
        user = UserFactory(**user_fields)
        MembershipFactory(user=user, account=account, role=role)
        return user

    return make


@pytest.fixture
def client_for(client, member_of):
    """client_for(account, role) -> the test client logged in as such a member."""

    def make(account, role=Role.OWNER):
        client.force_login(member_of(account, role))
        return client

    return make
