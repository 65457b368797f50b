"""Shared fixtures. Rate limit counts live in the database cache, so each test's rollback
clears them."""

import pytest

from communities.models import MembershipRole
from tests import factories


@pytest.fixture
def people(db):
    """A member, a second member, a facilitator, a non-member and a site administrator."""
    return {
        "member": factories.UserFactory(first_name="Mina", last_name="Member"),
        "other": factories.UserFactory(first_name="Omar", last_name="Other"),
        "facilitator": factories.UserFactory(first_name="Femi", last_name="Facilitator"),
        "outsider": factories.UserFactory(first_name="Nia", last_name="Outsider"),
        "admin": factories.UserFactory(is_staff=True, is_superuser=True),
    }


def join(community, people):
    factories.add_member(community, people["member"])
    factories.add_member(community, people["other"])
    factories.add_member(community, people["facilitator"], role=MembershipRole.FACILITATOR)
    return community


@pytest.fixture
def community(people):
    return join(factories.make_community("Waste and recycling", visibility="open"), people)
