"""A community's home page: welcome, featured case studies and pinned discussions, curated
by its facilitators on the site (`<community>/curate/`)."""

import pytest

from curation.models import CommunityWelcome, FeaturedCaseStudy
from discussions.models import ModerationAction
from tests import factories
from tests.discussions.conftest import join

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return {
        "member": factories.UserFactory(),
        "other": factories.UserFactory(),
        "facilitator": factories.UserFactory(),
        "outsider": factories.UserFactory(),
        "admin": factories.UserFactory(is_staff=True, is_superuser=True),
    }


@pytest.fixture
def community(people):
    community = join(factories.make_community("Waste and recycling", visibility="open"), people)
    community.studies = [
        factories.make_case_study(community, title=title)
        for title in ("Garden waste online", "Food waste caddies", "Bulky waste booking")
    ]
    return community


def signed_in(client, user):
    client.force_login(user)
    return client


def curate_url(community):
    return f"{community.url}curate/"


def post_curation(client, community, **data):
    return client.post(curate_url(community), data)


def test_facilitator_curates_and_the_home_page_shows_it_in_order(client, community, people):
    garden, food, bulky = community.studies
    discussion = factories.make_discussion(community, people["member"], title="Caddy liners")
    signed_in(client, people["facilitator"])
    form = client.get(curate_url(community))
    assert form.status_code == 200 and "Curate this community" in form.content.decode()

    response = post_curation(
        client,
        community,
        welcome="Start with the caddies.\n\nThen ask away.",
        featured_1=bulky.pk,
        featured_2=garden.pk,
        pinned=[discussion.pk],
    )
    assert response.status_code == 302 and response.url == community.url

    discussion.refresh_from_db()
    assert discussion.pinned
    assert ModerationAction.objects.filter(
        discussion_id_recorded=discussion.pk, action="pin"
    ).exists()
    client.logout()
    html = client.get(community.url).content.decode()
    assert "<p>Start with the caddies.</p>" in html and "<p>Then ask away.</p>" in html
    featured = html.split('id="featured-case-studies"')[1].split("</section>")[0]
    assert featured.index("Bulky waste booking") < featured.index("Garden waste online")
    assert "Food waste caddies" not in featured
    pinned = html.split('id="pinned-discussions"')[1].split("</section>")[0]
    assert "Caddy liners" in pinned
    assert "Curate this community" not in html


def test_saving_again_unpins_and_clears(client, community, people):
    discussion = factories.make_discussion(community, people["member"], pinned=True)
    FeaturedCaseStudy.objects.create(community=community, case_study=community.studies[0])
    signed_in(client, people["facilitator"])
    response = post_curation(client, community, welcome="")
    assert response.status_code == 302
    discussion.refresh_from_db()
    assert not discussion.pinned
    assert not FeaturedCaseStudy.objects.exists()
    html = client.get(community.url).content.decode()
    assert 'id="featured-case-studies"' not in html and 'id="community-welcome"' not in html


def test_an_unpublished_or_moved_featured_case_study_is_not_shown(client, community, people):
    garden, food, bulky = community.studies
    elsewhere = factories.make_community(visibility="open")
    for n, study in enumerate((garden, food, bulky)):
        FeaturedCaseStudy.objects.create(community=community, case_study=study, sort_order=n)
    garden.unpublish()
    food.move(elsewhere, pos="last-child")
    html = client.get(community.url).content.decode()
    featured = html.split('id="featured-case-studies"')[1].split("</section>")[0]
    assert "Bulky waste booking" in featured
    assert "Garden waste online" not in featured and "Food waste caddies" not in featured


@pytest.mark.parametrize(
    "data, message",
    [
        ({"featured_1": "{garden}", "featured_2": "{garden}"}, "is already featured case study 1"),
        ({"featured_1": "{foreign}"}, "Choose a published case study from this community."),
        ({"featured_1": "not-a-number"}, "Choose a published case study from this community."),
        ({"featured_1": "{draft}"}, "Choose a published case study from this community."),
        ({"welcome": "x" * 1001}, "The welcome must be 1000 characters or fewer."),
        ({"pinned": ["{foreign_discussion}"]}, "Choose discussions from this community."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    client, community, people, data, message
):
    garden = community.studies[0]
    other = factories.make_community(visibility="open")
    foreign = factories.make_case_study(other)
    draft = factories.make_case_study(community)
    draft.unpublish()
    factories.make_discussion(community, people["member"])
    foreign_discussion = factories.make_discussion(other, people["admin"])
    values = {
        "garden": garden.pk,
        "foreign": foreign.pk,
        "draft": draft.pk,
        "foreign_discussion": foreign_discussion.pk,
    }

    def fill(value):
        if isinstance(value, list):
            return [fill(v) for v in value]
        return value.format(**values) if isinstance(value, str) else value

    CommunityWelcome.objects.create(community=community, text="Kept as it was.")
    signed_in(client, people["facilitator"])
    response = post_curation(client, community, **{k: fill(v) for k, v in data.items()})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert CommunityWelcome.objects.get().text == "Kept as it was."
    assert not FeaturedCaseStudy.objects.exists()


def test_only_facilitators_and_site_administrators_curate(client, community, people):
    url = curate_url(community)
    assert client.get(url).status_code == 302  # anonymous: sign in first
    for person, status in [
        ("member", 403),
        ("outsider", 403),
        ("facilitator", 200),
        ("admin", 200),
    ]:
        signed_in(client, people[person])
        assert client.get(url).status_code == status, person
        client.logout()
    signed_in(client, people["member"])
    assert post_curation(client, community, welcome="Hijacked").status_code == 403
    assert not CommunityWelcome.objects.exists()


@pytest.mark.parametrize("visibility", ["private", "hidden"])
def test_curating_a_community_you_cannot_read_is_a_missing_page(client, people, visibility):
    community = factories.make_community(visibility=visibility)
    signed_in(client, people["outsider"])
    assert client.get(curate_url(community)).status_code == 404
    assert client.post(curate_url(community), {"welcome": "x"}).status_code == 404


def test_welcome_and_featured_items_are_content_a_preview_never_shows(client, people):
    community = factories.make_community(visibility="private")
    factories.add_member(community, people["facilitator"], role="facilitator")
    study = factories.make_case_study(community, title="Secret pilot")
    signed_in(client, people["facilitator"])
    post_curation(client, community, welcome="Members only welcome", featured_1=study.pk)
    client.logout()
    signed_in(client, people["outsider"])
    html = client.get(community.url).content.decode()
    assert "Members only welcome" not in html and "Secret pilot" not in html
    signed_in(client, people["facilitator"])
    html = client.get(community.url).content.decode()
    assert "Members only welcome" in html and "Secret pilot" in html


def test_a_pinned_discussion_the_form_does_not_offer_keeps_its_pin(client, community, people):
    """A pinned discussion whose opening post a moderator has hidden is not offered, and
    saving the form leaves its pin alone."""
    from discussions.models import PostStatus

    hidden = factories.make_discussion(community, people["member"], pinned=True)
    hidden.posts.filter(is_opening=True).update(status=PostStatus.HIDDEN)
    signed_in(client, people["facilitator"])
    form = client.get(curate_url(community)).content.decode()
    assert hidden.title not in form
    assert post_curation(client, community, welcome="Hello").status_code == 302
    hidden.refresh_from_db()
    assert hidden.pinned
