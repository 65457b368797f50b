"""Theme collections: an editor's reading list from every community, where each reader sees
only the items they may read, and nothing (title, summary, lesson, note or count) about
the others."""

import pytest
from django.core.exceptions import ValidationError

from curation.models import CollectionIndexPage, CollectionItem
from tests import factories
from tests.communities.test_signup_rules import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    theme = factories.theme("Channel shift")
    open_community = factories.make_community("Open community", visibility="open")
    restricted = factories.make_community("Restricted community", visibility="restricted")
    private = factories.make_community("Private community", visibility="private")
    member = factories.UserFactory()
    factories.add_member(private, member)
    open_study = factories.make_case_study(
        open_community,
        title="Webchat for council tax",
        lessons=[("advice", "people", "Train the team before launch.")],
    )
    restricted_study = factories.make_case_study(restricted, title="Restricted rollout")
    private_study = factories.make_case_study(
        private,
        title="Secret chatbot pilot",
        summary="Confidential summary of the pilot.",
        lessons=[("went_wrong", "technology", "Hidden lesson about the vendor.")],
    )
    collection = factories.make_collection(
        "Channel shift: read these first",
        theme=theme,
        items=[
            (private_study, "Private editor note"),
            open_study.lessons.get(),
            restricted_study,
            (private_study.lessons.get(), "Another private note"),
            open_study,
        ],
    )
    return {
        "theme": theme,
        "collection": collection,
        "member": member,
        "open_study": open_study,
        "private_study": private_study,
    }


PRIVATE_TEXT = [
    "Secret chatbot pilot",
    "Confidential summary",
    "Hidden lesson about the vendor",
    "Private editor note",
    "Another private note",
]


def test_the_collections_page_exists_under_the_home_page(client):
    index = CollectionIndexPage.objects.get()
    assert index.url == "/collections/"
    assert client.get("/collections/").status_code == 200


def test_anonymous_visitors_see_only_open_items_in_order(client, world):
    html = client.get(world["collection"].url).content.decode()
    assert "Channel shift: read these first" in html and "Read these first." in html
    first, second = html.split('<li class="app-card">')[1:3]
    assert "Train the team before launch." in first and "Webchat for council tax" in first
    assert "Webchat for council tax" in second and "Train the team" not in second
    assert "Restricted rollout" not in html
    for text in PRIVATE_TEXT:
        assert text not in html
    # No count of what is left out: the list has exactly the two open items.
    assert html.count('<li class="app-card">') == 2


def test_signed_in_members_of_the_site_also_see_restricted_items(client, world):
    client.force_login(factories.UserFactory())
    html = client.get(world["collection"].url).content.decode()
    assert "Restricted rollout" in html
    for text in PRIVATE_TEXT:
        assert text not in html


def test_members_of_the_private_community_see_everything(client, world):
    client.force_login(world["member"])
    html = client.get(world["collection"].url).content.decode()
    for text in ["Restricted rollout", *PRIVATE_TEXT]:
        assert text in html
    assert html.count('<li class="app-card">') == 5


def test_an_unpublished_case_study_drops_out_with_its_lessons(client, world):
    world["open_study"].unpublish()
    html = client.get(world["collection"].url).content.decode()
    assert "Webchat for council tax" not in html and "Train the team" not in html
    assert "nothing in this collection that you can read yet" in html


def test_the_listing_and_the_theme_page_link_the_collection(client, world):
    listing = client.get("/collections/").content.decode()
    assert "Channel shift: read these first" in listing
    for text in PRIVATE_TEXT:
        assert text not in listing
    theme_page = client.get(f"/themes/{world['theme'].slug}/").content.decode()
    assert f'href="{world["collection"].url}"' in theme_page


def test_an_item_is_a_case_study_or_a_lesson_never_both_or_neither(world):
    study = world["open_study"]
    for item in (
        CollectionItem(collection=world["collection"]),
        CollectionItem(
            collection=world["collection"], case_study=study, lesson=study.lessons.get()
        ),
    ):
        with pytest.raises(ValidationError):
            item.clean()
    CollectionItem(collection=world["collection"], case_study=study).clean()


def test_site_administrators_edit_collections_in_the_admin(client, world):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    sign_in_with_second_factor(client, admin)
    index = CollectionIndexPage.objects.get()
    add = client.get(f"/admin/pages/add/curation/collectionpage/{index.pk}/")
    assert add.status_code == 200
    edit = client.get(f"/admin/pages/{world['collection'].pk}/edit/")
    assert edit.status_code == 200
    html = edit.content.decode()
    # Lessons are labelled with their case study, so editors can tell them apart.
    assert "Secret chatbot pilot – What went wrong: Hidden lesson about the vendor." in html


def test_facilitators_cannot_add_collections(client, world):
    community = world["open_study"].get_parent()
    facilitator = factories.UserFactory()
    factories.add_member(community, facilitator, role="facilitator")
    client.force_login(facilitator)
    index = CollectionIndexPage.objects.get()
    response = client.get(f"/admin/pages/add/curation/collectionpage/{index.pk}/")
    assert response.status_code in (302, 403)
