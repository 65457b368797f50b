"""Saved searches: saving from the search page, bad input, and matching new documents in
SQL (text and filters) with privacy checked per member when they are told."""

import pytest
from django.core import mail

from participation.models import Follow, FollowKind, Frequency, SavedSearch, SavedSearchMatch
from participation.services import notifications
from participation.services.saved_searches import (
    SavedSearchError,
    saved_search_create,
    saved_search_delete,
)
from search.engines.base import SavedQuery
from search.services import postgres_engine
from tests import factories

pytestmark = pytest.mark.django_db


def test_save_this_search_button_on_the_search_page(client, member):
    client.force_login(member)
    body = client.get("/search/", {"q": "chatbot"}).content.decode()
    assert 'action="/saved-searches/"' in body and 'name="query_string" value="q=chatbot"' in body
    response = client.post(
        "/saved-searches/", {"name": "Chatbots", "query_string": "q=chatbot&stage=live&page=3"}
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=member)
    assert (saved.name, saved.query, saved.filters) == ("Chatbots", "chatbot", {"stage": ["live"]})
    assert saved.query_string == "q=chatbot&stage=live"
    assert Follow.objects.filter(user=member, kind=FollowKind.SAVED_SEARCH, active=True).exists()
    listing = client.get("/saved-searches/").content.decode()
    assert 'href="/search/?q=chatbot&amp;stage=live"' in listing
    assert "Chatbots" in client.get("/following/").content.decode()


def test_no_button_for_visitors_or_before_searching(client, member):
    assert 'action="/saved-searches/"' not in client.get("/search/", {"q": "x"}).content.decode()
    client.force_login(member)
    assert 'action="/saved-searches/"' not in client.get("/search/").content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": "", "query_string": "q=x"}, "Enter a name for this search"),
        ({"name": "   ", "query_string": "q=x"}, "Enter a name for this search"),
        ({"name": "x" * 101, "query_string": "q=x"}, "100 characters or fewer"),
        ({"name": "Nothing", "query_string": ""}, "Search for something or choose a filter"),
        ({"name": "Bad", "query_string": "stage=nonsense"}, "Search for something or choose"),
    ],
)
def test_bad_input_gets_a_clear_message(client, member, data, message):
    client.force_login(member)
    response = client.post("/saved-searches/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_saving_the_same_search_again_renames_it_and_there_is_a_limit(member):
    first = saved_search_create(user=member, name="One", query_string="q=bins")
    again = saved_search_create(user=member, name="Bins", query_string="q=bins")
    assert first.pk == again.pk and SavedSearch.objects.get().name == "Bins"
    for n in range(49):
        saved_search_create(user=member, name=f"S{n}", query_string=f"q=word{n}")
    with pytest.raises(SavedSearchError, match="the most you can have"):
        saved_search_create(user=member, name="Too many", query_string="q=more")


def test_delete_only_ones_own(client, member):
    saved = saved_search_create(user=member, name="Mine", query_string="q=bins")
    other = factories.UserFactory()
    client.force_login(other)
    client.post(f"/saved-searches/{saved.pk}/delete/")
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    assert saved_search_delete(user=member, saved_search_id=saved.pk)
    assert not Follow.objects.filter(kind=FollowKind.SAVED_SEARCH).exists()


def _doc_keys(study):
    return [f"page:{study.pk}"] + [f"lesson:{lesson.pk}" for lesson in study.lessons.all()]


def test_postgres_matches_text_and_every_kind_of_filter_in_one_query(django_assert_num_queries):
    community = factories.make_community(visibility="open")
    theme = factories.theme("Channel shift")
    study = factories.make_case_study(
        community,
        title="Chatbot for missed bins",
        stage="live",
        lessons=[("went_wrong", "procurement", "We bought the chatbot too early.")],
    )
    study.themes.add(theme)
    study.save_revision().publish()
    lesson_key = f"lesson:{study.lessons.get().pk}"
    queries = [
        SavedQuery(1, "chatbot", {}),
        SavedQuery(2, "chatbots bins", {"stage": ["live"], "theme": [theme.pk]}),
        SavedQuery(3, "chatbot", {"stage": ["alpha"]}),
        SavedQuery(4, "", {"kind": ["lesson"], "lesson_category": ["procurement"]}),
        SavedQuery(5, '"missed bins" -parking', {"community": [community.pk]}),
        SavedQuery(6, "parking", {}),
        SavedQuery(7, "", {"region": ["south_west"], "organisation_type": ["county"]}),
        SavedQuery(8, "chatbot", {"theme": [theme.pk + 1000]}),
        SavedQuery(9, "chatbot OR parking", {"year": [2019]}),
    ]
    keys = _doc_keys(study)
    with django_assert_num_queries(1):
        pairs = postgres_engine().match_saved_searches(keys, queries)
    page_key = f"page:{study.pk}"
    # A lesson's document carries its case study's title and facets, as in search results.
    assert set(pairs) == {
        (1, page_key),
        (1, lesson_key),
        (2, page_key),
        (2, lesson_key),
        (4, lesson_key),
        (5, page_key),
        (5, lesson_key),
    }


def test_new_case_study_matching_a_saved_search_is_told_per_member_privacy(
    member, django_capture_on_commit_callbacks
):
    """The member with access hears at once; one without access hears nothing, though the
    engine matched their saved search too."""
    private = factories.make_community(visibility="private")
    factories.add_member(private, member)
    outsider = factories.UserFactory()
    for person in (member, outsider):
        notifications.preference_set(user=person, frequency=Frequency.IMMEDIATE)
        saved_search_create(user=person, name="Chatbots", query_string="q=chatbot")
    with django_capture_on_commit_callbacks(execute=True):
        study = factories.make_case_study(private, title="Chatbot for the police")
    assert SavedSearchMatch.objects.filter(item_key=f"case_study:{study.pk}").count() == 2
    assert [email.to for email in mail.outbox] == [[member.email]]
    assert "Matches your saved search: Chatbots" in mail.outbox[0].body


def test_saved_search_matches_appear_in_the_weekly_digest(member, clock):
    import datetime as dt

    from participation.services.notifications import activity
    from tests.participation.conftest import NOW, published_at

    community = factories.make_community(visibility="open")
    saved_search_create(user=member, name="Bins", query_string="q=bins")
    study = published_at(
        factories.make_case_study(community, title="Bins by app"), NOW - dt.timedelta(days=5)
    )
    items = activity.items_for_keys([f"case_study:{study.pk}"])
    from participation.services.saved_searches import saved_searches_match

    saved_searches_match(items=items)
    run = notifications.digests_send(frequency=Frequency.WEEKLY)
    assert run.sent == 1
    assert "Matches your saved search: Bins" in mail.outbox[0].body


def test_alerts_stop_when_the_member_unfollows_the_saved_search(member):
    saved = saved_search_create(user=member, name="Bins", query_string="q=bins")
    Follow.objects.filter(kind=FollowKind.SAVED_SEARCH, object_id=saved.pk).update(active=False)
    community = factories.make_community(visibility="open")
    study = factories.make_case_study(community, title="Bins by app")
    from participation.services.notifications import activity
    from participation.services.saved_searches import saved_searches_match

    assert saved_searches_match(items=activity.items_for_keys([f"case_study:{study.pk}"])) == 0
