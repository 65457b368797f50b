import pytest

from tests import factories


@pytest.fixture
def member(db):
    return factories.UserFactory()


@pytest.fixture
def open_community(db):
    return factories.make_community("Channel shift", visibility="open")


@pytest.fixture
def private_community(db):
    return factories.make_community("Police data sharing", visibility="private")
