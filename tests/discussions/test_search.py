"""Discussions in the search index: one document per visible thread, kept with its community."""

import io

import pytest
from django.core.management import call_command

from communities.models import Visibility
from search import indexing, services
from search.models import Audience, Kind, SearchDocument
from tests import factories
from tests.discussions.conftest import join

pytestmark = pytest.mark.django_db


def doc(discussion):
    return SearchDocument.objects.filter(key=f"discussion:{discussion.pk}").first()


def found(query, user):
    return [
        hit.url
        for hit in services.search(query=query, user=user, log=False).page.object_list
        if hit.kind == Kind.DISCUSSION
    ]


def test_starting_and_replying_index_the_thread(client, people, community):
    client.force_login(people["member"])
    client.post(
        f"{community.url}discussions/new/",
        {"title": "Wheelie bin sensors", "body": "Has anyone tried fill sensors?"},
    )
    discussion = community.discussions.get()
    document = doc(discussion)
    assert document.kind == Kind.DISCUSSION
    assert document.page_id == document.community_id == community.pk
    assert document.audience == Audience.EVERYONE
    assert document.url == discussion.get_url()
    assert document.title == "Wheelie bin sensors"
    assert document.summary == "Has anyone tried fill sensors?"
    client.force_login(people["other"])
    client.post(f"{discussion.get_url()}reply/", {"body": "Yes, with a zigbee gateway."})
    assert found("zigbee", None) == [discussion.get_url()]


def test_hidden_and_deleted_posts_leave_the_index(client, people, community):
    discussion = factories.make_discussion(
        community, people["member"], title="Routes", replies=[(people["other"], "Quetzal spam")]
    )
    indexing.index_pages_now([community.pk])
    assert found("quetzal", None) == [discussion.get_url()]
    spam = discussion.posts.get(is_opening=False)
    client.force_login(people["facilitator"])
    client.post(f"{community.url}posts/{spam.pk}/moderate/", {"action": "hide", "reason": "Spam"})
    assert found("quetzal", None) == []
    opening = discussion.posts.get(is_opening=True)
    client.post(
        f"{community.url}posts/{opening.pk}/moderate/", {"action": "delete", "reason": "Gone"}
    )
    assert doc(discussion) is None


def test_held_threads_are_not_indexed_until_approved(client, people, community):
    community.hold_first_posts = True
    community.save()
    newcomer = factories.UserFactory()
    factories.add_member(community, newcomer)
    client.force_login(newcomer)
    client.post(f"{community.url}discussions/new/", {"title": "Ocelot", "body": "First"})
    discussion = community.discussions.get()
    assert doc(discussion) is None
    client.force_login(people["facilitator"])
    opening = discussion.posts.get()
    client.post(f"{community.url}posts/{opening.pk}/moderate/", {"action": "approve"})
    assert doc(discussion) is not None


def test_search_follows_the_community(people):
    private = join(factories.make_community(visibility="private"), people)
    discussion = factories.make_discussion(private, people["member"], title="Pangolin plans")
    indexing.index_pages_now([private.pk])
    assert doc(discussion).audience == Audience.MEMBERS
    assert found("pangolin", None) == []
    assert found("pangolin", people["outsider"]) == []
    assert found("pangolin", people["member"]) == [discussion.get_url()]
    assert found("pangolin", people["admin"]) == [discussion.get_url()]


def test_reindexing_the_community_keeps_its_discussions_and_follows_visibility(people, community):
    discussion = factories.make_discussion(community, people["member"], title="Narwhal")
    indexing.index_pages_now([community.pk])
    community.visibility = Visibility.PRIVATE
    community.save_revision().publish()  # re-indexes the community's subtree
    assert doc(discussion).audience == Audience.MEMBERS
    assert SearchDocument.objects.filter(key=f"page:{community.pk}").exists()


def test_rebuild_and_check_include_discussions(people, community):
    discussion = factories.make_discussion(community, people["member"], title="Capybara")
    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())
    assert doc(discussion) is not None
    out = io.StringIO()
    call_command("check_search_index", stdout=out, stderr=io.StringIO())
    assert "The index matches the published pages." in out.getvalue()
    # A discussion written while indexing was off is reported missing.
    with indexing.suspended():
        later = factories.make_discussion(community, people["member"], title="Late")
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("check_search_index", stdout=out, stderr=io.StringIO())
    assert f"discussion:{later.pk}" in out.getvalue()


def test_the_index_holds_the_words_without_formatting_marks(client, people, community):
    client.force_login(people["member"])
    client.post(
        f"{community.url}discussions/new/",
        {"title": "Repairs chatbot", "body": "> Did anyone see **fewer calls**?\n- _really_ fewer"},
    )
    document = doc(community.discussions.get())
    assert document.summary == "Did anyone see fewer calls?\nreally fewer"
    assert "**" not in document.body and "_really_" not in document.body
