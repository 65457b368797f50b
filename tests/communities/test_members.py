"""Member profiles, editing your own profile, the directory, data export and account deletion."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.template.loader import render_to_string
from django.urls import reverse

from casestudies.models import CaseStudyPage
from communities.models import Membership, MembershipRole, MembershipState, User
from communities.services.profiles import (
    LastFacilitatorError,
    member_delete,
    profile_update,
)
from tests import factories

pytestmark = pytest.mark.django_db


def profile_url(user):
    return reverse("member_profile", args=[user.pk])


def profile_data(**overrides):
    data = {
        "first_name": "Priya",
        "last_name": "Shah",
        "organisation": "",
        "job_title": "Head of digital",
        "expertise": "open data, channel shift",
        "bio": "I led our move to online forms.",
        "contactable": "on",
        "listed": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# Profiles ---------------------------------------------------------------------------------


def test_profile_shows_name_organisation_job_title_expertise_and_bio(client):
    council = factories.OrganisationFactory(name="Aldbridge District Council")
    member = factories.UserFactory(
        first_name="Priya",
        last_name="Shah",
        organisation=council,
        organisation_verified=True,
        job_title="Head of digital",
        bio="Line one\nLine <two>",
    )
    member.expertise.set(["Open data", "Channel shift"])
    response = client.get(profile_url(member))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Priya Shah" in body and "Head of digital" in body
    assert "Aldbridge District Council" in body and "Unverified" not in body
    assert reverse("organisation_detail", args=[council.slug]) in body
    assert "Open data" in body and "Channel shift" in body
    assert "Line one<br>Line &lt;two&gt;" in body


def test_profile_marks_an_unverified_organisation(client):
    member = factories.UserFactory(
        organisation=factories.OrganisationFactory(), organisation_verified=False
    )
    assert "Unverified" in client.get(profile_url(member)).content.decode()


def test_email_is_never_shown_to_anonymous_visitors(client):
    member = factories.UserFactory(contactable=True, email="contact.me@example.org")
    assert "contact.me@example.org" not in client.get(profile_url(member)).content.decode()


def test_email_is_shown_to_signed_in_members_only_when_contactable(client):
    contactable = factories.UserFactory(contactable=True, email="yes.please@example.org")
    private = factories.UserFactory(contactable=False, email="no.thanks@example.org")
    client.force_login(factories.UserFactory())
    assert "mailto:yes.please@example.org" in client.get(profile_url(contactable)).content.decode()
    assert "no.thanks@example.org" not in client.get(profile_url(private)).content.decode()


def test_email_is_not_shown_to_members_awaiting_approval(client):
    contactable = factories.UserFactory(contactable=True, email="yes.please@example.org")
    client.force_login(factories.UserFactory(approved=False))
    assert "yes.please@example.org" not in client.get(profile_url(contactable)).content.decode()


@pytest.mark.parametrize(
    "hidden_because", [{"listed": False}, {"approved": False}, {"is_active": False}]
)
def test_unlisted_profiles_answer_404_like_missing_ones(client, hidden_because):
    member = factories.UserFactory(**hidden_because)
    missing = client.get(reverse("member_profile", args=[member.pk + 1000]))
    assert missing.status_code == 404
    assert client.get(profile_url(member)).status_code == 404
    client.force_login(factories.UserFactory())
    assert client.get(profile_url(member)).status_code == 404
    client.force_login(factories.UserFactory(is_staff=True))  # staff, not a site admin
    assert client.get(profile_url(member)).status_code == 404


def test_unlisted_profile_is_visible_to_its_member_and_site_admins(client):
    member = factories.UserFactory(listed=False, first_name="Quiet")
    client.force_login(member)
    body = client.get(profile_url(member)).content.decode()
    assert "Quiet" in body and "only you and site administrators can see it" in body
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    assert client.get(profile_url(member)).status_code == 200


def test_profile_lists_only_communities_the_viewer_may_see_listed(client):
    member = factories.UserFactory()
    communities = {
        v: factories.make_community(f"Pangolin {v}", visibility=v)
        for v in ("open", "restricted", "private", "hidden")
    }
    for community in communities.values():
        factories.add_member(community, member)
    requested = factories.make_community("Pangolin requested", visibility="open")
    factories.add_member(requested, member, state=MembershipState.REQUESTED)

    def shown():
        body = client.get(profile_url(member)).content.decode()
        return {v for v in (*communities, "requested") if f"Pangolin {v}" in body}

    assert shown() == {"open", "restricted", "private"}
    client.force_login(factories.UserFactory())
    assert shown() == {"open", "restricted", "private"}
    fellow = factories.UserFactory()
    factories.add_member(communities["hidden"], fellow)
    client.force_login(fellow)
    assert shown() == {"open", "restricted", "private", "hidden"}
    client.force_login(member)
    assert shown() == {"open", "restricted", "private", "hidden"}


def test_own_profile_links_to_edit_export_delete_and_account_settings(client, member):
    client.force_login(member)
    assert client.get(reverse("member_me")).url == profile_url(member)
    body = client.get(profile_url(member)).content.decode()
    for url in (
        "/members/me/edit/",
        "/members/me/export/",
        "/members/me/delete/",
        "/accounts/email/",
    ):
        assert f'href="{url}"' in body
    other = factories.UserFactory()
    assert "/members/me/edit/" not in client.get(profile_url(other)).content.decode()


def test_former_member_is_shown_where_a_person_is_missing():
    assert "Former member" in render_to_string("components/member_name.html", {"person": None})
    person = factories.UserFactory(first_name="Present", last_name="Person")
    html = render_to_string("components/member_name.html", {"person": person})
    assert "Present Person" in html and profile_url(person) in html


# Editing your own profile -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/members/me/", "/members/me/edit/", "/members/me/export/", "/members/me/delete/"]
)
def test_own_pages_need_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    response = client.post(url, profile_data())
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_edit_form_is_filled_in_with_the_current_profile(client):
    member = factories.UserFactory(first_name="Priya", job_title="Analyst", bio="Hello")
    member.expertise.set(["open data", "agile"])
    client.force_login(member)
    body = client.get("/members/me/edit/").content.decode()
    assert 'value="Priya"' in body and 'value="Analyst"' in body
    assert 'value="agile, open data"' in body and ">\nHello</textarea>" in body


def test_member_edits_their_own_profile(client, member):
    council = factories.OrganisationFactory(name="Corvale County Council")
    client.force_login(member)
    response = client.post(
        "/members/me/edit/", profile_data(organisation=council.pk, contactable=None)
    )
    assert response.status_code == 302 and response.url == profile_url(member)
    member.refresh_from_db()
    assert (member.first_name, member.last_name, member.job_title) == (
        "Priya",
        "Shah",
        "Head of digital",
    )
    assert member.organisation == council and not member.organisation_verified
    assert member.bio == "I led our move to online forms."
    assert not member.contactable and member.listed
    assert sorted(member.expertise.names()) == ["channel shift", "open data"]
    assert "Your profile has been updated" in client.get(response.url).content.decode()


def test_a_crafted_post_cannot_edit_anyone_else_or_privileged_fields(client, member):
    other = factories.UserFactory(first_name="Other", email="other@example.org")
    client.force_login(member)
    response = client.post(
        "/members/me/edit/",
        profile_data(
            id=other.pk,
            pk=other.pk,
            user=other.pk,
            email="hijack@example.org",
            approved="",
            is_staff="on",
            is_superuser="on",
            organisation_verified="on",
        ),
    )
    assert response.status_code == 302
    other.refresh_from_db()
    member.refresh_from_db()
    assert other.first_name == "Other" and other.email == "other@example.org"
    assert member.first_name == "Priya" and member.email != "hijack@example.org"
    assert member.approved and not member.is_staff and not member.is_superuser
    assert not member.organisation_verified
    # There is no URL for editing someone else's profile.
    assert client.get(f"/members/{other.pk}/edit/").status_code == 404
    assert client.post(f"/members/{other.pk}/", profile_data()).status_code == 405


def test_choosing_the_organisation_of_a_verified_email_domain_is_verified(client):
    council = factories.organisation_with_domain("aldbridge.gov.uk", name="Aldbridge")
    member = factories.UserFactory(email="sam@aldbridge.gov.uk")
    client.force_login(member)
    client.post("/members/me/edit/", profile_data(organisation=council.pk))
    member.refresh_from_db()
    assert member.organisation == council and member.organisation_verified


def test_choosing_another_organisation_is_unverified(client):
    council = factories.organisation_with_domain("aldbridge.gov.uk", name="Aldbridge")
    elsewhere = factories.OrganisationFactory(name="Elsewhere")
    member = factories.UserFactory(
        email="sam@aldbridge.gov.uk", organisation=council, organisation_verified=True
    )
    client.force_login(member)
    client.post("/members/me/edit/", profile_data(organisation=elsewhere.pk))
    member.refresh_from_db()
    assert member.organisation == elsewhere and not member.organisation_verified
    assert "Unverified" in client.get(profile_url(member)).content.decode()

    # Choosing the verified one again restores the verified link; none clears it.
    client.post("/members/me/edit/", profile_data(organisation=council.pk))
    member.refresh_from_db()
    assert member.organisation == council and member.organisation_verified
    client.post("/members/me/edit/", profile_data(organisation=""))
    member.refresh_from_db()
    assert member.organisation is None and not member.organisation_verified


def test_an_unverified_address_does_not_verify_its_organisation():
    council = factories.organisation_with_domain("aldbridge.gov.uk", name="Aldbridge")
    member = factories.UserFactory(email="sam@example.org")
    EmailAddress.objects.create(user=member, email="sam@aldbridge.gov.uk", verified=False)
    profile_update(
        user=member,
        **{
            "first_name": "Sam",
            "last_name": "Lee",
            "organisation": council,
            "job_title": "",
            "expertise": [],
            "bio": "",
            "contactable": False,
            "listed": True,
        },
    )
    member.refresh_from_db()
    assert member.organisation == council and not member.organisation_verified


def test_keeping_a_verified_organisation_keeps_it_verified(client):
    council = factories.OrganisationFactory()
    member = factories.UserFactory(organisation=council, organisation_verified=True)
    client.force_login(member)
    client.post("/members/me/edit/", profile_data(organisation=council.pk))
    member.refresh_from_db()
    assert member.organisation_verified


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"bio": "x" * 1001}, "Short bio must be 1000 characters or fewer"),
        ({"first_name": ""}, "Enter your first name"),
        ({"last_name": "   "}, "Enter your last name"),
        ({"job_title": "x" * 201}, "Job title must be 200 characters or fewer"),
        ({"organisation": "999999"}, "Select your organisation from the list"),
        ({"expertise": ", ".join(f"topic {n}" for n in range(21))}, "20 areas of expertise"),
        ({"expertise": "x" * 101}, "100 characters or fewer"),
    ],
)
def test_bad_input_shows_a_govuk_error_and_changes_nothing(client, overrides, message):
    member = factories.UserFactory(first_name="Before", bio="Old bio", job_title="Old title")
    member.expertise.set(["old topic"])
    client.force_login(member)
    response = client.post("/members/me/edit/", profile_data(**overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and message in body
    assert "<title>Error: Edit your profile" in body
    member.refresh_from_db()
    assert (member.first_name, member.bio, member.job_title) == ("Before", "Old bio", "Old title")
    assert list(member.expertise.names()) == ["old topic"]


def test_a_bio_of_1000_characters_with_windows_newlines_is_accepted(client, member):
    client.force_login(member)
    bio = "x" * 500 + "\r\n" + "x" * 499  # 1001 sent, 1000 once the newline is normalised
    response = client.post("/members/me/edit/", profile_data(bio=bio))
    assert response.status_code == 302
    member.refresh_from_db()
    assert len(member.bio) == 1000 and "\r" not in member.bio


def test_expertise_is_split_on_commas_only_and_reuses_existing_tags(client, member):
    other = factories.UserFactory()
    other.expertise.set(["Open Data"])
    client.force_login(member)
    client.post(
        "/members/me/edit/",
        profile_data(expertise=" open data ,user  centred design,, OPEN DATA, agile "),
    )
    member.refresh_from_db()
    assert sorted(member.expertise.names()) == ["Open Data", "agile", "user centred design"]
    client.post("/members/me/edit/", profile_data(expertise=""))
    assert list(member.expertise.names()) == []


# The directory ----------------------------------------------------------------------------


@pytest.fixture
def people(db):
    aldbridge = factories.OrganisationFactory(
        name="Aldbridge District Council", type="district", region="east"
    )
    corvale = factories.OrganisationFactory(
        name="Corvale County Council", type="county", region="north_west"
    )
    ada = factories.UserFactory(
        first_name="Ada",
        last_name="Lovelace",
        email="ada@example.org",
        organisation=aldbridge,
        job_title="Data architect",
        bio="I built the open data portal.",
        contactable=True,
    )
    ada.expertise.set(["open data"])
    bo = factories.UserFactory(
        first_name="Bo",
        last_name="Diddley",
        email="bo@example.org",
        organisation=corvale,
        job_title="Service designer",
        bio="Channel shift for housing repairs.",
    )
    bo.expertise.set(["user research"])
    hidden = factories.UserFactory(
        first_name="Hidden",
        last_name="Person",
        organisation=aldbridge,
        job_title="Data architect",
        listed=False,
        contactable=True,
    )
    hidden.expertise.set(["secret topic"])
    factories.UserFactory(first_name="Pending", last_name="Approval", approved=False)
    factories.UserFactory(first_name="Gone", last_name="Away", is_active=False)
    return {"aldbridge": aldbridge, "corvale": corvale, "ada": ada, "bo": bo}


def directory(client, **query):
    response = client.get("/members/", query)
    assert response.status_code == 200
    body = response.content.decode()
    return body, {
        name for name in ("Ada", "Bo", "Hidden", "Pending", "Gone") if f">{name} " in body
    }


def test_directory_lists_listed_approved_active_members_only(client, people):
    body, names = directory(client)
    assert names == {"Ada", "Bo"}
    assert "Data architect" in body and "Aldbridge District Council" in body
    assert profile_url(people["ada"]) in body
    assert "secret topic" not in body  # unlisted members' expertise is not offered


def test_anonymous_visitors_never_see_emails_in_the_directory(client, people):
    body, _ = directory(client)
    assert "@example.org" not in body and "mailto:" not in body


def test_signed_in_members_see_emails_of_contactable_members_only(client, people):
    client.force_login(factories.UserFactory())
    body, _ = directory(client)
    assert "mailto:ada@example.org" in body and "bo@example.org" not in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "lovelace"}, {"Ada"}),
        ({"q": "ada lovelace"}, {"Ada"}),
        ({"q": "designer"}, {"Bo"}),
        ({"q": "housing repairs"}, {"Bo"}),
        ({"q": "research"}, {"Bo"}),
        ({"q": "data"}, {"Ada"}),
        ({"q": "secret"}, set()),
        ({"q": "nobody-matches"}, set()),
        ({"organisation": "corvale-county-council"}, {"Bo"}),
        ({"organisation_type": "district"}, {"Ada"}),
        ({"region": "north_west"}, {"Bo"}),
        ({"expertise": "open data"}, {"Ada"}),
        ({"contactable": "on"}, {"Ada"}),
        ({"q": "data", "region": "north_west"}, set()),
    ],
)
def test_directory_search_and_filters(client, people, query, expected):
    _, names = directory(client, **query)
    assert names == expected


def test_directory_rejects_unknown_filter_values_clearly(client, people):
    body, names = directory(client, expertise="secret topic", region="atlantis")
    assert "govuk-error-summary" in body
    assert "Select an area of expertise from the list" in body
    assert "Select a region from the list" in body
    assert names == {"Ada", "Bo"}  # invalid filters are not applied


def test_directory_is_paged_and_keeps_the_search_in_page_links(client):
    for n in range(25):
        factories.UserFactory(first_name="Paged", last_name=f"Person{n:02d}", job_title="Clerk")
    body = client.get("/members/", {"q": "clerk"}).content.decode()
    assert "Person00" in body and "Person24" not in body
    assert "?q=clerk&amp;page=2" in body
    body = client.get("/members/", {"q": "clerk", "page": "2"}).content.decode()
    assert "Person24" in body
    assert client.get("/members/", {"page": "lots"}).status_code == 200


# Download my data -------------------------------------------------------------------------


def test_export_page_offers_a_post_button(client, member):
    client.force_login(member)
    body = client.get("/members/me/export/").content.decode()
    assert 'method="post"' in body and "Download my data" in body


def test_export_contains_everything_held_about_the_member(client):
    council = factories.OrganisationFactory(name="Aldbridge", slug="aldbridge")
    member = factories.UserFactory(
        email="sam@example.org",
        first_name="Sam",
        last_name="Lee",
        organisation=council,
        job_title="Officer",
        bio="Bio text",
        contactable=True,
    )
    member.expertise.set(["open data"])
    EmailAddress.objects.create(user=member, email="sam.other@example.org", verified=False)
    totp_secret = generate_totp_secret()
    TOTP.activate(member, totp_secret)
    open_community = factories.make_community("Export open", visibility="open")
    hidden = factories.make_community("Export hidden", visibility="hidden")
    private = factories.make_community("Export private", visibility="private")
    factories.add_member(open_community, member, role=MembershipRole.FACILITATOR)
    factories.add_member(hidden, member, state=MembershipState.INVITED)
    owned = factories.make_case_study(open_community, title="Owned study", owner=member)
    contact = factories.make_case_study(open_community, title="Contact study")
    contact.contacts.add(member)
    contact.save_revision().publish()
    unreadable = factories.make_case_study(private, title="Unreadable study")
    unreadable.contacts.add(member)
    unreadable.save_revision().publish()

    client.force_login(member)
    response = client.post("/members/me/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)

    profile = data["profile"]
    assert profile["email"] == "sam@example.org" and profile["first_name"] == "Sam"
    assert profile["organisation"] == {"name": "Aldbridge", "slug": "aldbridge"}
    assert profile["expertise"] == ["open data"] and profile["bio"] == "Bio text"
    assert profile["contactable"] is True and profile["listed"] is True
    assert {a["email"]: a["verified"] for a in data["email_addresses"]} == {
        "sam@example.org": True,
        "sam.other@example.org": False,
    }
    memberships = {m["community"]: m for m in data["memberships"]}
    assert memberships["Export open"]["role"] == "facilitator"
    assert memberships["Export open"]["state"] == "active"
    assert memberships["Export hidden"]["state"] == "invited"
    assert memberships["Export open"]["created_at"]
    assert [c["title"] for c in data["case_studies_owned"]] == ["Owned study"]
    assert data["case_studies_owned"][0]["url"].endswith(owned.url)
    assert [c["title"] for c in data["case_studies_contact_for"]] == ["Contact study"]
    assert [a["type"] for a in data["authenticators"]] == ["totp"]
    # Secrets never leave: no authenticator data, no password hash.
    text = response.content.decode()
    assert totp_secret not in text and member.password not in text and '"data"' not in text
    assert "Unreadable study" not in text


def test_get_with_export_fields_does_not_download(client, member):
    client.force_login(member)
    response = client.get("/members/me/export/")
    assert response["Content-Type"].startswith("text/html")


# Delete my account ------------------------------------------------------------------------


def test_delete_page_asks_for_the_password(client, member):
    client.force_login(member)
    body = client.get("/members/me/delete/").content.decode()
    assert 'type="password"' in body and "Delete my account" in body


def test_wrong_password_changes_nothing(client, member):
    client.force_login(member)
    response = client.post("/members/me/delete/", {"password": "not-my-password"})
    body = response.content.decode()
    assert response.status_code == 200 and "The password is not correct" in body
    assert "govuk-error-summary" in body
    response = client.post("/members/me/delete/", {"password": ""})
    assert "Enter your password to delete your account" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()
    assert client.session.get("_auth_user_id") == str(member.pk)


def test_deleting_keeps_authored_pages_and_signs_out(client):
    member = factories.UserFactory()
    community = factories.make_community("Keeps going", visibility="open")
    factories.add_member(community, member)
    study = factories.make_case_study(community, title="Still here", owner=member)
    study.contacts.add(member)
    study.save_revision(user=member).publish()
    client.force_login(member)

    response = client.post("/members/me/delete/", {"password": factories.PASSWORD})
    assert response.status_code == 302 and response.url == "/"
    assert not User.objects.filter(pk=member.pk).exists()
    assert not Membership.objects.filter(user_id=member.pk).exists()
    assert not EmailAddress.objects.filter(user_id=member.pk).exists()
    study = CaseStudyPage.objects.get(pk=study.pk)
    assert study.live and study.owner is None and not study.contacts.exists()
    assert client.session.get("_auth_user_id") is None
    assert "Your account has been deleted" in client.get("/").content.decode()
    assert client.get(study.url).status_code == 200


def test_the_last_facilitator_is_asked_to_hand_over_first(client):
    member = factories.UserFactory()
    community = factories.make_community("Needs a facilitator", visibility="hidden")
    factories.add_member(community, member, role=MembershipRole.FACILITATOR)
    # Someone who only asked to be a facilitator, or left, does not count.
    factories.add_member(
        community,
        factories.UserFactory(),
        role=MembershipRole.FACILITATOR,
        state=MembershipState.LEFT,
    )
    factories.add_member(community, factories.UserFactory())
    client.force_login(member)

    body = client.get("/members/me/delete/").content.decode()
    assert "Hand over to another facilitator first" in body and "Needs a facilitator" in body
    assert 'type="password"' not in body
    response = client.post("/members/me/delete/", {"password": factories.PASSWORD})
    assert response.status_code == 200
    assert "Hand over to another facilitator first" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()
    with pytest.raises(LastFacilitatorError) as error:
        member_delete(user=member)
    assert [c.title for c in error.value.communities] == ["Needs a facilitator"]
    assert User.objects.filter(pk=member.pk).exists()


def test_a_facilitator_with_a_co_facilitator_can_delete_their_account(client):
    member = factories.UserFactory()
    community = factories.make_community("Shared", visibility="open")
    factories.add_member(community, member, role=MembershipRole.FACILITATOR)
    colleague = factories.UserFactory()
    factories.add_member(community, colleague, role=MembershipRole.FACILITATOR)
    client.force_login(member)
    response = client.post("/members/me/delete/", {"password": factories.PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert list(community.facilitators()) == [colleague]
