""" "This helped us": one record per member and case study, counts, reuses on both
organisations' pages, the author told, bad input."""

import pytest
from django.core import mail

from participation.models import Frequency, HelpedRecord
from participation.services import notifications
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(db):
    author_org = factories.OrganisationFactory(name="Northshire Council")
    reuser_org = factories.OrganisationFactory(name="Southby District Council")
    author = factories.UserFactory(organisation=author_org, first_name="Ada", last_name="Author")
    reader = factories.UserFactory(organisation=reuser_org, first_name="Rae", last_name="Reuser")
    community = factories.make_community(visibility="open")
    study = factories.make_case_study(
        community, title="Chatbot for bins", owner=author, lead_organisation=author_org
    )
    return {"author": author, "reader": reader, "study": study, "orgs": (author_org, reuser_org)}


def test_member_records_a_reuse_and_it_shows_everywhere(client, setting):
    reader, study = setting["reader"], setting["study"]
    author_org, reuser_org = setting["orgs"]
    client.force_login(reader)
    form = client.get(f"{study.url}helped/")
    assert form.status_code == 200 and "This helped us" in form.content.decode()
    response = client.post(
        f"{study.url}helped/", {"kind": "reused", "note": "We used the script.\r\nThanks!"}
    )
    assert response.status_code == 302 and response["Location"] == study.url
    record = HelpedRecord.objects.get()
    assert (record.kind, record.note, record.organisation) == (
        "reused",
        "We used the script.\nThanks!",
        reuser_org,
    )
    page = client.get(study.url).content.decode()
    assert "Reused by 1 member" in page and "We used the script." in page
    assert "Change what you said" in page
    # Both organisations' pages.
    author_page = client.get(f"/organisations/{author_org.slug}/").content.decode()
    assert "Work of Northshire Council reused elsewhere" in author_page
    assert "Southby District Council" in author_page
    reuser_page = client.get(f"/organisations/{reuser_org.slug}/").content.decode()
    assert "Case studies Southby District Council reused" in reuser_page
    assert "Chatbot for bins" in reuser_page
    # The author is told, once.
    [email] = mail.outbox
    assert email.to == [setting["author"].email]
    assert "Southby District Council" in email.subject
    assert "We used the script." in email.body and "List-Unsubscribe" in email.extra_headers


def test_one_record_per_member_which_they_can_change_and_remove(client, setting):
    reader, study = setting["reader"], setting["study"]
    client.force_login(reader)
    client.post(f"{study.url}helped/", {"kind": "helped"})
    client.post(f"{study.url}helped/", {"kind": "reused", "note": "Later we reused it."})
    assert HelpedRecord.objects.count() == 1
    assert HelpedRecord.objects.get().kind == "reused"
    assert len(mail.outbox) == 1  # the author heard about the first record only
    client.post(f"{study.url}helped/", {"remove": "1"})
    assert not HelpedRecord.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Choose whether it helped your organisation or you reused it."),
        ({"kind": "loved"}, "Choose whether it helped your organisation or you reused it."),
        ({"kind": "helped", "note": "x" * 1001}, "1000 characters or fewer"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, setting, data, message):
    client.force_login(setting["reader"])
    response = client.post(f"{setting['study'].url}helped/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HelpedRecord.objects.exists() and not mail.outbox


def test_visitors_are_asked_to_sign_in_and_unreadable_case_studies_are_404(client, setting):
    response = client.get(f"{setting['study'].url}helped/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    private = factories.make_community(visibility="private")
    hidden_study = factories.make_case_study(private)
    client.force_login(setting["reader"])
    assert client.post(f"{hidden_study.url}helped/", {"kind": "helped"}).status_code == 404


def test_authors_are_not_told_about_their_own_or_when_they_turned_emails_off(client, setting):
    client.force_login(setting["author"])
    client.post(f"{setting['study'].url}helped/", {"kind": "helped"})
    assert not mail.outbox
    notifications.preference_set(user=setting["author"], frequency=Frequency.OFF)
    client.force_login(setting["reader"])
    client.post(f"{setting['study'].url}helped/", {"kind": "helped"})
    assert not mail.outbox


def test_reuses_of_private_case_studies_stay_private_on_organisation_pages(client, setting):
    author_org, reuser_org = setting["orgs"]
    private = factories.make_community(visibility="private")
    factories.add_member(private, setting["reader"])
    study = factories.make_case_study(private, title="Secret reuse", lead_organisation=author_org)
    HelpedRecord.objects.create(
        user=setting["reader"], page=study, kind="reused", organisation=reuser_org
    )
    for org in (author_org, reuser_org):
        assert "Secret reuse" not in client.get(f"/organisations/{org.slug}/").content.decode()
    client.force_login(setting["reader"])
    assert "Secret reuse" in client.get(f"/organisations/{reuser_org.slug}/").content.decode()
