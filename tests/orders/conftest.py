import pytest

from tests.factories import AmazonConnectionFactory


@pytest.fixture
def connection(account):
    """An Amazon connection of the account for the US and CA marketplaces (the SP-API sync tests)."""
    return AmazonConnectionFactory(account=account, marketplaces=["US", "CA"])
