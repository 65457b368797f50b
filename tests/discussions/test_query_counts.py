"""Discussion pages and case study comments: the number of queries does not grow with the
number of posts, quotes, comments or authors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def thread(community, author, size):
    people = [factories.UserFactory() for _ in range(size)]
    for person in people:
        factories.add_member(community, person)
    discussion = factories.make_discussion(
        community,
        author,
        is_question=True,
        replies=[(person, f"Reply by person {n}") for n, person in enumerate(people)],
    )
    first = discussion.posts.filter(is_opening=False).first()
    discussion.posts.filter(is_opening=False).exclude(pk=first.pk).update(quote=first)
    # The author's own recent replies (editable) too.
    for n in range(size):
        discussion.posts.create(community=community, author=author, body=f"Own {n}")
    return discussion


@pytest.mark.parametrize("viewer", ["anonymous", "author", "facilitator"])
def test_discussion_pages_do_not_grow_with_posts(client, people, community, viewer):
    author = people["member"]
    small, large = thread(community, author, 1), thread(community, author, 8)
    if viewer != "anonymous":
        client.force_login(author if viewer == "author" else people["facilitator"])
    assert queries_for(client, large.get_url()) == queries_for(client, small.get_url())
    factories.make_discussion(community, author)
    list_url = f"{community.url}discussions/"
    few = queries_for(client, list_url)
    for _ in range(6):
        factories.make_discussion(community, factories.UserFactory())
    assert queries_for(client, list_url) == few


def test_case_study_comments_do_not_grow(client, people, community):
    small = factories.make_case_study(community)
    large = factories.make_case_study(community)
    for study, size in ((small, 1), (large, 6)):
        for n in range(size):
            comment = factories.make_comment(study, factories.UserFactory(), body=f"Q{n}")
            factories.make_comment(study, people["member"], body=f"A{n}", parent=comment)
    client.force_login(people["member"])
    assert queries_for(client, large.url) == queries_for(client, small.url)
