"""Community wiki: members edit and publish directly; everyone who may read sees history."""

import pytest
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from communities.models import MembershipRole
from tests import factories
from wiki.diff import compare, plain_text
from wiki.models import WikiPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def wiki_world(open_community):
    editor = factories.UserFactory(first_name="Wren", last_name="Editor")
    factories.add_member(open_community, editor)
    page = factories.make_wiki_page(
        open_community,
        title="Where to start",
        body="<p>Read the data protection guide first.</p>",
        user=editor,
        change_note="First notes",
    )
    return {"editor": editor, "page": page, "community": open_community}


def edit_data(title, body, note, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": "where-to-start",
            "body": rich_text(body),
            "change_note": note,
            "comments": inline_formset([]),
            **extra,
        }
    )


def edit(client, page, body, note="Updated"):
    return client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_data("Where to start", body, note, **{"action-publish": "1"}),
    )


def test_every_community_has_a_wiki(open_community):
    wiki = factories.wiki_of(open_community)
    assert wiki.live and wiki.title == "Wiki"


def test_a_member_edits_and_the_change_is_live_at_once(client, wiki_world):
    other = factories.UserFactory(first_name="Otto", last_name="Other")
    factories.add_member(wiki_world["community"], other)
    client.force_login(other)
    response = edit(client, wiki_world["page"], "<p>Read the DPIA template first.</p>", "DPIA")
    assert response.status_code == 302, response.content.decode()[:1000]
    page = WikiPage.objects.get(pk=wiki_world["page"].pk)
    assert "DPIA template" in page.body
    body = client.get(page.url).content.decode()
    assert "DPIA template" in body
    assert "Otto Other" in body and "DPIA" in body


def test_a_member_adds_a_wiki_page(client, wiki_world):
    client.force_login(wiki_world["editor"])
    wiki = factories.wiki_of(wiki_world["community"])
    response = client.post(
        f"/admin/pages/add/wiki/wikipage/{wiki.pk}/",
        nested_form_data(
            {
                "title": "Useful contacts",
                "slug": "useful-contacts",
                "body": rich_text("<p>Ask the records team.</p>"),
                "change_note": "",
                "comments": inline_formset([]),
                "action-publish": "1",
            }
        ),
    )
    assert response.status_code == 302
    assert WikiPage.objects.get(slug="useful-contacts").live


def test_non_members_cannot_edit(client, wiki_world, member):
    client.force_login(member)
    response = edit(client, wiki_world["page"], "<p>Vandalised.</p>")
    assert response.status_code in (302, 403)
    assert "Vandalised" not in WikiPage.objects.get(pk=wiki_world["page"].pk).body
    assert "Edit this page" not in client.get(wiki_world["page"].url).content.decode()


def test_members_cannot_delete_wiki_pages_but_facilitators_can(client, wiki_world):
    page = wiki_world["page"]
    client.force_login(wiki_world["editor"])
    client.post(f"/admin/pages/{page.pk}/delete/")
    assert WikiPage.objects.filter(pk=page.pk).exists()
    facilitator = factories.UserFactory()
    factories.add_member(wiki_world["community"], facilitator, role=MembershipRole.FACILITATOR)
    client.force_login(facilitator)
    client.post(f"/admin/pages/{page.pk}/delete/")
    assert not WikiPage.objects.filter(pk=page.pk).exists()


def test_history_lists_published_versions_with_who_and_note(client, wiki_world):
    page = wiki_world["page"]
    page.body = "<p>Read the data protection guide and the DPIA template.</p>"
    page.change_note = "Added the DPIA"
    page.save_revision(user=wiki_world["editor"], log_action=True).publish(
        user=wiki_world["editor"]
    )
    page.body = "<p>An unpublished draft sentence.</p>"
    page.save_revision(user=wiki_world["editor"], log_action=True)  # a draft: not public
    body = client.get(page.url + "history/").content.decode()
    assert "First notes" in body and "Added the DPIA" in body
    assert "Wren Editor" in body
    for revision in page.revisions.all():
        response = client.get(page.url + f"history/{revision.pk}/")
        if "unpublished draft" in str(revision.content):
            assert response.status_code == 404
        else:
            assert response.status_code == 200


def test_compare_shows_words_removed_and_added(client, wiki_world):
    page = wiki_world["page"]
    first = page.get_latest_revision()
    page.body = "<p>Read the DPIA guide first.</p>"
    second = page.save_revision(user=wiki_world["editor"], log_action=True)
    second.publish(user=wiki_world["editor"])
    response = client.get(page.url + f"history/compare/?from={first.pk}&to={second.pk}")
    body = response.content.decode()
    assert (
        '<del class="app-diff-del"><span class="govuk-visually-hidden">Removed: </span>data' in body
    )
    assert (
        '<ins class="app-diff-ins"><span class="govuk-visually-hidden">Added: </span>DPIA' in body
    )
    # Nonsense or foreign revision ids are 404, not errors.
    other = factories.make_wiki_page(wiki_world["community"], title="Other")
    foreign = other.get_latest_revision().pk
    assert client.get(page.url + f"history/compare/?from={foreign}").status_code == 404
    assert client.get(page.url + "history/compare/?from=abc&to=").status_code == 200


def test_a_member_puts_back_an_old_version(client, wiki_world):
    page = wiki_world["page"]
    first = page.get_latest_revision()
    page.body = "<p>Something mistaken.</p>"
    page.save_revision(user=wiki_world["editor"], log_action=True).publish(
        user=wiki_world["editor"]
    )
    client.force_login(wiki_world["editor"])
    assert client.get(page.url + f"history/{first.pk}/revert/").status_code == 405
    response = client.post(page.url + f"history/{first.pk}/revert/")
    assert response.status_code == 302
    page = WikiPage.objects.get(pk=page.pk)
    assert "data protection guide" in page.body
    assert page.change_note.startswith("Put back the version of")
    assert PageLogEntry.objects.filter(page=page, action="wagtail.revert").exists()
    # Nothing is lost: the mistaken version is still in the history.
    assert "Something mistaken" in client.get(page.url + "history/").content.decode() or any(
        "Something mistaken" in str(r.content) for r in page.revisions.all()
    )


def test_readers_who_are_not_members_cannot_revert(client, wiki_world, member):
    page = wiki_world["page"]
    first = page.get_latest_revision()
    page.body = "<p>Second.</p>"
    page.save_revision(log_action=True).publish()
    client.force_login(member)
    assert client.post(page.url + f"history/{first.pk}/revert/").status_code == 403
    client.logout()
    assert client.post(page.url + f"history/{first.pk}/revert/").status_code == 403
    assert "Second." in WikiPage.objects.get(pk=page.pk).body


def test_plain_text_and_diff():
    assert plain_text("<p>One &amp; two</p><ul><li>three</li></ul>") == "One & two\nthree"
    result = compare("A", "<p>one two three</p>", "B", "<p>one four three</p>")
    assert result["title"] == ("A", "B")
    assert result["paragraphs"] == [
        [("equal", "one"), ("delete", "two"), ("insert", "four"), ("equal", "three")]
    ]
    assert not compare("A", "<p>x</p>", "A", "<p>x</p>")["changed"]


def test_the_editor_starts_each_version_with_an_empty_change_note(client, wiki_world):
    client.force_login(wiki_world["editor"])
    body = client.get(f"/admin/pages/{wiki_world['page'].pk}/edit/").content.decode()
    assert 'name="change_note"' in body
    assert 'value="First notes"' not in body
