"""The engine's answers kept for the page cache's generation (search.services._engine_search):
shared only between readers with the same access, current as soon as the index changes,
and every search still logged."""

import io

import pytest
from django.core.management import call_command

from search import services
from search.models import SearchLog
from tests import factories

pytestmark = pytest.mark.django_db


def titles(results):
    return [result.title for result in results.page]


def test_kept_answers_are_never_shared_with_readers_of_other_access(page_cache, open_community):
    private = factories.make_community(visibility="private")
    factories.make_case_study(open_community, title="Garden waste renewals online")
    factories.make_case_study(private, title="Garden waste members pilot")
    member, outsider = factories.UserFactory(), factories.UserFactory()
    factories.add_member(private, member)
    for user, sees in [(member, True), (outsider, False), (None, False), (member, True)]:
        found = titles(services.search(query="garden", user=user))
        assert "Garden waste renewals online" in found
        assert ("Garden waste members pilot" in found) is sees


def test_a_published_case_study_is_found_at_once(page_cache, open_community):
    factories.make_case_study(open_community, title="Garden waste renewals online")
    assert "Garden waste by text message" not in titles(services.search(query="garden"))
    factories.make_case_study(open_community, title="Garden waste by text message")
    assert "Garden waste by text message" in titles(services.search(query="garden"))


def test_a_rebuilt_index_is_searched_at_once(page_cache, open_community):
    from search.models import SearchDocument

    factories.make_case_study(open_community, title="Garden waste renewals online")
    SearchDocument.objects.all().delete()  # an index gone wrong, which a rebuild mends
    assert services.search(query="garden").total == 0
    call_command(
        "rebuild_search_index", engine="postgres", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert "Garden waste renewals online" in titles(services.search(query="garden"))


def test_every_search_of_a_member_is_logged(client, page_cache, open_community):
    factories.make_case_study(open_community, title="Garden waste renewals online")
    client.force_login(factories.UserFactory())
    for _ in range(3):
        assert "Garden waste renewals online" in client.get("/search/?q=garden").content.decode()
    assert SearchLog.objects.filter(query="garden").count() == 3


def test_related_case_studies_are_checked_against_the_privacy_rule_not_only_the_index(
    open_community,
):
    """An index a moment behind a change (here: a community made private without its
    documents being indexed again) never shows its case studies to readers who may no
    longer see them."""
    from communities.models import CommunityPage

    theme = factories.theme("Waste")
    other = factories.make_community("Waste services")
    page = factories.make_case_study(open_community, title="Food waste rounds")
    near = factories.make_case_study(other, title="Garden waste permits")
    for study in (page, near):
        study.themes.set([theme])
        study.save_revision().publish()
    assert [card.title for card in services.similar_case_studies(page, None)] == [
        "Garden waste permits"
    ]
    CommunityPage.objects.filter(pk=other.pk).update(visibility="private")
    assert services.similar_case_studies(page, None) == []
