"""Writing a case study in the admin: who may, the lesson rule, review by facilitators."""

import pytest
from django.core import mail
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from casestudies.forms import LESSON_RULE_MESSAGE
from casestudies.models import CaseStudyPage
from communities.models import MembershipRole
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(open_community):
    author = factories.UserFactory(first_name="Asha", last_name="Author")
    facilitator = factories.UserFactory(first_name="Femi", last_name="Facilitator")
    factories.add_member(open_community, author)
    factories.add_member(open_community, facilitator, role=MembershipRole.FACILITATOR)
    return {"author": author, "facilitator": facilitator, "community": open_community}


def form_data(lessons=(("went_wrong", "procurement", "We bought before we tested."),), **fields):
    data = {
        "title": "Shared bin collection rota",
        "slug": "shared-bin-rota",
        "summary": "Two districts shared one rota and one fleet.",
        "stage": "live",
        "licence": "ogl",
        "change_note": "",
        "background": rich_text("<p>Each district ran its own half-empty lorry.</p>"),
        "what_we_did": rich_text("<p>We merged the rounds over six months.</p>"),
        "lessons": inline_formset(
            [{"kind": kind, "category": category, "text": text} for kind, category, text in lessons]
        ),
        "measures": inline_formset([]),
        "images": inline_formset([]),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def add_url(community):
    return f"/admin/pages/add/casestudies/casestudypage/{community.pk}/"


def test_a_member_can_start_a_case_study_from_the_community_page(client, people):
    client.force_login(people["author"])
    body = client.get(people["community"].url).content.decode()
    assert add_url(people["community"]) in body
    assert client.get(add_url(people["community"])).status_code == 200


def test_a_non_member_cannot_add_a_case_study(client, people, member):
    client.force_login(member)
    response = client.post(add_url(people["community"]), form_data(**{"action-submit": "1"}))
    assert response.status_code in (302, 403, 404)
    assert not CaseStudyPage.objects.filter(slug="shared-bin-rota").exists()


def test_drafts_save_without_the_lesson_rule_but_submitting_needs_it(client, people):
    client.force_login(people["author"])
    only_good_news = (("went_well", "people", "The crews liked it."),)
    response = client.post(add_url(people["community"]), form_data(lessons=only_good_news))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CaseStudyPage.objects.get(slug="shared-bin-rota")
    assert not page.live

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        form_data(lessons=only_good_news, **{"action-submit": "1"}),
    )
    assert response.status_code == 200
    assert LESSON_RULE_MESSAGE in response.content.decode()
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_submit_then_facilitator_approves_and_the_author_is_told(client, people):
    client.force_login(people["author"])
    mail.outbox.clear()
    response = client.post(add_url(people["community"]), form_data(**{"action-submit": "1"}))
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(slug="shared-bin-rota")
    assert not page.live
    # The facilitator (not the author) is asked to review, once.
    assert [m.to for m in mail.outbox] == [[people["facilitator"].email]]
    assert "Please review: Shared bin collection rota" in mail.outbox[0].subject
    assert people["community"].title in mail.outbox[0].body

    state = WorkflowState.objects.get(object_id=str(page.pk))
    task_state = state.current_task_state
    mail.outbox.clear()
    client.force_login(people["facilitator"])
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
        {"comment": "Lovely, thank you."},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert [m.to for m in mail.outbox] == [[people["author"].email]]
    assert "Published" in mail.outbox[0].subject
    assert "Lovely, thank you." in mail.outbox[0].body


def test_facilitator_requests_changes_with_a_comment(client, people):
    client.force_login(people["author"])
    client.post(add_url(people["community"]), form_data(**{"action-submit": "1"}))
    page = CaseStudyPage.objects.get(slug="shared-bin-rota")
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    mail.outbox.clear()
    client.force_login(people["facilitator"])
    client.post(
        f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/",
        {"comment": "Please add the costs."},
    )
    page.refresh_from_db()
    assert not page.live
    assert [m.to for m in mail.outbox] == [[people["author"].email]]
    message = mail.outbox[0]
    assert "Changes requested" in message.subject
    assert "Please add the costs." in message.body
    assert f"/admin/pages/{page.pk}/edit/" in message.body


def test_facilitators_publish_directly(client, people):
    client.force_login(people["facilitator"])
    response = client.post(add_url(people["community"]), form_data(**{"action-publish": "1"}))
    assert response.status_code == 302
    assert CaseStudyPage.objects.get(slug="shared-bin-rota").live


def test_members_cannot_publish_directly(client, people):
    client.force_login(people["author"])
    client.post(add_url(people["community"]), form_data(**{"action-publish": "1"}))
    page = CaseStudyPage.objects.get(slug="shared-bin-rota")
    assert not page.live


def test_contacts_list_only_community_members_without_email_addresses(client, people, member):
    client.force_login(people["author"])
    body = client.get(add_url(people["community"])).content.decode()
    assert "Femi Facilitator" in body
    assert member.display_name not in body
    assert people["facilitator"].email not in body


def test_end_date_before_start_date_is_refused(client, people):
    client.force_login(people["facilitator"])
    response = client.post(
        add_url(people["community"]),
        form_data(start_date="2025-05-01", end_date="2025-01-01", **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    assert "The end date must be on or after the start date." in response.content.decode()
    assert not CaseStudyPage.objects.filter(slug="shared-bin-rota").exists()


def test_unknown_taxonomy_values_are_refused(client, people):
    client.force_login(people["facilitator"])
    data = form_data(**{"action-publish": "1"})
    data["themes"] = "999999"
    response = client.post(add_url(people["community"]), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CaseStudyPage.objects.filter(slug="shared-bin-rota").exists()


def test_page_type_rules():
    from communities.models import CommunityIndexPage, CommunityPage, HomePage
    from wiki.models import WikiIndexPage, WikiPage

    assert CaseStudyPage.can_create_at(Page(depth=1)) is False
    assert CaseStudyPage.parent_page_types == ["communities.CommunityPage"]
    assert set(CommunityPage.subpage_types) == {"casestudies.CaseStudyPage", "wiki.WikiIndexPage"}
    assert WikiPage.allowed_parent_page_models() == [WikiIndexPage, WikiPage]
    assert WikiIndexPage.allowed_parent_page_models() == [CommunityPage]
    assert CommunityPage.allowed_parent_page_models() == [CommunityIndexPage]
    assert HomePage.allowed_subpage_models()


def test_bulk_publish_keeps_the_lesson_rule(client, people):
    client.force_login(people["author"])
    only_good_news = (("went_well", "people", "The crews liked it."),)
    client.post(add_url(people["community"]), form_data(lessons=only_good_news))
    page = CaseStudyPage.objects.get(slug="shared-bin-rota")
    client.force_login(people["facilitator"])
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/", follow=True
    )
    page.refresh_from_db()
    assert not page.live
    assert "Nothing was published" in response.content.decode()


def test_publishing_needs_the_background_and_what_was_done(client, people):
    client.force_login(people["facilitator"])
    data = form_data(**{"action-publish": "1"})
    data["background"] = rich_text("")
    response = client.post(add_url(people["community"]), data)
    assert response.status_code == 200
    assert "Describe the problem before you publish" in response.content.decode()
    assert not CaseStudyPage.objects.filter(slug="shared-bin-rota").exists()
    # A draft saves without it, so nothing written is lost.
    data = form_data()
    data["background"] = rich_text("")
    assert client.post(add_url(people["community"]), data).status_code == 302
    assert not CaseStudyPage.objects.get(slug="shared-bin-rota").live


def test_each_facilitator_gets_their_own_review_email(client, people):
    second = factories.UserFactory()
    factories.add_member(people["community"], second, role=MembershipRole.FACILITATOR)
    client.force_login(people["author"])
    mail.outbox.clear()
    client.post(add_url(people["community"]), form_data(**{"action-submit": "1"}))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["facilitator"].email, second.email]
    )
    assert all(len(m.to) == 1 for m in mail.outbox)
