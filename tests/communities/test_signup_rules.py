"""Sign-up rules: the public-sector allow-list, pending members, and their approval.

The allow-list is every AllowedEmailDomain (migration 0005 seeds gov.uk, nhs.uk,
police.uk, ...) and every organisation's OrganisationDomain, matched on whole labels.
Members from anywhere else may sign up but wait for a site administrator's approval.
"""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from communities.models import AllowedEmailDomain, User
from communities.selectors import can_read_community, readable_communities
from communities.services.signup import (
    PENDING_NOTICE,
    email_is_allowed,
    member_apply_signup_rules,
    pending_members,
)
from tests import factories

pytestmark = pytest.mark.django_db

PENDING_URL = "/admin/pending-members/"
DOMAINS_URL = "/admin/allowed-email-domains/"


# The allow-list -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    [
        "a@gov.uk",
        "a@kent.gov.uk",
        "a@sub.kent.gov.uk",
        "a@GOV.UK",
        "A.Person@Kent.Gov.UK",
        "a@gov.uk.",  # one trailing dot is the DNS root: the same domain
        "a@nhs.net",
        "a@pnn.police.uk",
        "a@gov.wales",
    ],
)
def test_allowed_domains_and_their_subdomains_pass(email):
    assert email_is_allowed(email)


@pytest.mark.parametrize(
    "email",
    [
        "a@evilgov.uk",  # ends with the same letters, not the same label
        "a@gov.uk.evil.com",  # an allowed domain as a prefix
        "a@kent-gov.uk",
        "a@gov.uk..",  # two trailing dots is not a domain
        "a@.gov.uk",
        "a@sub..gov.uk",
        "a@gоv.uk",  # Cyrillic "о"
        "a@ɡov.uk",  # Latin small script g
        "a@ｇｏｖ.ｕｋ",  # full-width letters, which IDNA would fold into gov.uk
        "a@gov\u200b.uk",  # a zero-width space, which IDNA would drop
        "a@gov。uk",  # an ideographic full stop, which IDNA would read as a dot
        "a@gov.uk@evil.com",
        "a@uk",
        "gov.uk",
        "",
        "not-an-email",
    ],
)
def test_look_alikes_and_suffix_tricks_do_not_pass(email):
    assert not email_is_allowed(email)


def test_organisation_domains_are_allowed_too():
    factories.organisation_with_domain("northmoor.example.org")
    assert email_is_allowed("a@northmoor.example.org")
    assert email_is_allowed("a@schools.northmoor.example.org")
    assert not email_is_allowed("a@evilnorthmoor.example.org")
    assert not email_is_allowed("a@example.org")


def test_the_allow_list_is_configurable():
    assert not email_is_allowed("a@council.example")
    AllowedEmailDomain.objects.create(domain="Council.Example.")  # saved lower case, no dot
    assert email_is_allowed("a@council.example")
    assert email_is_allowed("a@town.council.example")
    AllowedEmailDomain.objects.filter(domain="gov.uk").delete()
    assert not email_is_allowed("a@kent.gov.uk")


def test_internationalised_domains_match_in_either_spelling():
    AllowedEmailDomain.objects.create(domain="xn--mnchen-3ya.example")  # münchen.example
    assert email_is_allowed("a@münchen.example")
    assert email_is_allowed("a@rathaus.MÜNCHEN.example")
    assert email_is_allowed("a@xn--mnchen-3ya.example")
    assert not email_is_allowed("a@munchen.example")


# Sign-up: approved or pending ------------------------------------------------------------


def sign_up(client, email):
    return client.post(
        reverse("account_signup"),
        {
            "first_name": "Priya",
            "last_name": "Shah",
            "email": email,
            "password1": factories.PASSWORD,
            "password2": factories.PASSWORD,
        },
    )


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body).group(1)


@pytest.fixture
def site_admin(db):
    return factories.UserFactory(
        email="site.admin@practice.example", is_staff=True, is_superuser=True
    )


def mail_to(email):
    return [m for m in mail.outbox if email.lower() in (a.lower() for a in m.to)]


def test_sign_up_from_an_allowed_domain_is_approved(client, site_admin):
    sign_up(client, "priya.shah@kent.gov.uk")
    user = User.objects.get(email="priya.shah@kent.gov.uk")
    assert user.approved
    client.post(confirmation_link(mail_to(user.email)[-1]))
    user.refresh_from_db()
    assert user.approved
    assert not mail_to(site_admin.email)


def test_sign_up_from_another_domain_is_pending_and_administrators_hear_once_verified(
    client, site_admin
):
    sign_up(client, "sam@consultancy.example")
    user = User.objects.get(email="sam@consultancy.example")
    assert not user.approved
    # No mail to administrators for an address nobody has shown they own.
    assert not mail_to(site_admin.email)

    response = client.post(confirmation_link(mail_to(user.email)[-1]), follow=True)
    user.refresh_from_db()
    assert not user.approved
    assert PENDING_NOTICE in response.content.decode().replace("&#x27;", "'")

    [notice] = mail_to(site_admin.email)
    assert "sam@consultancy.example" in notice.body
    assert f"http://testserver{PENDING_URL}" in notice.body


def test_a_pending_member_signing_in_is_told_they_are_waiting(client):
    pending = factories.UserFactory(email="sam@consultancy.example", approved=False)
    response = client.post(
        reverse("account_login"),
        {"login": pending.email, "password": factories.PASSWORD},
        follow=True,
    )
    assert response.wsgi_request.user == pending
    assert PENDING_NOTICE in response.content.decode().replace("&#x27;", "'")


def test_an_approved_member_signing_in_sees_no_pending_notice(client, member):
    response = client.post(
        reverse("account_login"),
        {"login": member.email, "password": factories.PASSWORD},
        follow=True,
    )
    assert PENDING_NOTICE not in response.content.decode().replace("&#x27;", "'")


def test_a_pending_member_who_verifies_an_allowed_address_is_approved(client):
    pending = factories.UserFactory(email="sam@consultancy.example", approved=False)
    client.force_login(pending)
    client.post(reverse("account_email"), {"email": "sam@kent.gov.uk", "action_add": ""})
    client.post(confirmation_link(mail_to("sam@kent.gov.uk")[-1]))
    pending.refresh_from_db()
    assert pending.approved


def test_apply_signup_rules_sets_the_flag_both_ways():
    outsider = factories.UserFactory(email="a@consultancy.example")
    assert outsider.approved  # the model default, before the rules run
    assert member_apply_signup_rules(user=outsider) is False
    outsider.refresh_from_db()
    assert not outsider.approved
    insider = factories.UserFactory(email="a@police.uk", approved=False)
    assert member_apply_signup_rules(user=insider) is True
    insider.refresh_from_db()
    assert insider.approved


# What a pending member may read ----------------------------------------------------------


def test_a_pending_member_cannot_read_a_restricted_community(client):
    restricted = factories.make_community("Shared services", visibility="restricted")
    study = factories.make_case_study(restricted, title="Joint procurement")
    open_community = factories.make_community("Channel shift", visibility="open")
    open_study = factories.make_case_study(open_community, title="Web chat")
    pending = factories.UserFactory(approved=False)

    assert not can_read_community(pending, restricted)
    assert restricted not in readable_communities(pending)
    client.force_login(pending)
    assert client.get(study.url).status_code == 404
    assert client.get(open_study.url).status_code == 200

    pending.approved = True
    pending.save()
    assert can_read_community(pending, restricted)
    assert client.get(study.url).status_code == 200


def test_a_rejected_member_cannot_read_a_restricted_community():
    restricted = factories.make_community(visibility="restricted")
    rejected = factories.UserFactory(approved=False, is_active=False)
    assert not can_read_community(rejected, restricted)


# Approval in the Wagtail admin ------------------------------------------------------------


def sign_in_with_second_factor(client, user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": factories.PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    code = f"{hotp_value(secret, int(time.time()) // 30):06d}"
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    return user


@pytest.fixture
def admin_client(site_admin):
    client = Client()
    sign_in_with_second_factor(client, site_admin)
    return client


@pytest.fixture
def pending(db):
    return factories.UserFactory(
        email="sam.jones@consultancy.example", first_name="Sam", approved=False
    )


def test_the_approval_screen_lists_pending_members_only(admin_client, pending, member):
    rejected = factories.UserFactory(email="gone@consultancy.example", approved=False)
    rejected.is_active = False
    rejected.save()
    response = admin_client.get(PENDING_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert pending.email in html
    assert member.email not in html
    assert rejected.email not in html
    assert list(pending_members()) == [pending]


def test_approving_a_member_sets_the_flag_and_emails_them(admin_client, pending):
    response = admin_client.post(reverse("pending_members:approve", args=[pending.pk]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.approved and pending.is_active
    [message] = mail_to(pending.email)
    assert "approved" in message.subject.lower()
    assert "No members are waiting" in admin_client.get(PENDING_URL).content.decode()


def test_rejecting_a_member_deactivates_them_and_emails_the_reason(admin_client, pending):
    reject_url = reverse("pending_members:reject", args=[pending.pk])
    assert admin_client.get(reject_url).status_code == 200
    response = admin_client.post(reject_url, {"reason": "Please use your council address."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert not pending.is_active and not pending.approved
    [message] = mail_to(pending.email)
    assert "Please use your council address." in message.body
    # A rejected member can no longer sign in.
    response = Client().post(
        reverse("account_login"), {"login": pending.email, "password": factories.PASSWORD}
    )
    assert "_auth_user_id" not in response.wsgi_request.session


def test_rejecting_needs_a_reason(admin_client, pending):
    response = admin_client.post(reverse("pending_members:reject", args=[pending.pk]), {})
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.is_active
    assert not mail_to(pending.email)


def test_approval_only_acts_on_pending_members(admin_client, member):
    response = admin_client.post(reverse("pending_members:approve", args=[member.pk]))
    assert response.status_code == 404
    response = admin_client.post(
        reverse("pending_members:reject", args=[member.pk]), {"reason": "No."}
    )
    assert response.status_code == 404
    member.refresh_from_db()
    assert member.is_active


def test_approving_needs_a_post(admin_client, pending):
    response = admin_client.get(reverse("pending_members:approve", args=[pending.pk]))
    assert response.status_code == 405
    pending.refresh_from_db()
    assert not pending.approved


def editor_with_every_permission(client):
    """A staff editor (not a superuser) with a second factor and every model permission."""
    editor = factories.UserFactory(is_staff=True)
    group = Group.objects.create(name="Everything")
    group.permissions.set(Permission.objects.all())
    editor.groups.add(group)
    sign_in_with_second_factor(client, editor)
    return editor


@pytest.mark.parametrize("who", ["staff editor", "member", "anonymous"])
def test_only_site_administrators_reach_the_approval_screen(who, pending):
    client = Client()
    if who == "staff editor":
        editor_with_every_permission(client)
    elif who == "member":
        client.force_login(factories.UserFactory())
    for url in (PENDING_URL, reverse("pending_members:reject", args=[pending.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    client.post(reverse("pending_members:approve", args=[pending.pk]))
    client.post(reverse("pending_members:reject", args=[pending.pk]), {"reason": "x"})
    pending.refresh_from_db()
    assert not pending.approved and pending.is_active
    assert not mail.outbox


def test_the_approval_screen_needs_a_second_factor(client, site_admin, pending):
    client.post(
        reverse("account_login"), {"login": site_admin.email, "password": factories.PASSWORD}
    )
    for url in (PENDING_URL, DOMAINS_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("mfa_activate_totp"))


# Allowed email domains in the Wagtail admin ---------------------------------------------------


def test_site_administrators_manage_allowed_domains(admin_client):
    assert admin_client.get(DOMAINS_URL).status_code == 200
    response = admin_client.post(
        f"{DOMAINS_URL}new/", {"domain": "  Fire.Example.  ", "note": "Fire services"}
    )
    assert response.status_code == 302
    assert AllowedEmailDomain.objects.filter(domain="fire.example").exists()
    assert email_is_allowed("officer@north.fire.example")

    response = admin_client.post(f"{DOMAINS_URL}new/", {"domain": "Bücher.Example"})
    assert response.status_code == 302
    assert AllowedEmailDomain.objects.filter(domain="xn--bcher-kva.example").exists()


@pytest.mark.parametrize("domain", ["not a domain", "a@gov.uk", "localhost", "gov.uk..", "gov.uk"])
def test_invalid_or_duplicate_allowed_domains_are_refused(admin_client, domain):
    before = AllowedEmailDomain.objects.count()
    response = admin_client.post(f"{DOMAINS_URL}new/", {"domain": domain})
    assert response.status_code == 200
    assert AllowedEmailDomain.objects.count() == before


def test_editors_cannot_manage_allowed_domains_even_with_every_permission(client):
    editor_with_every_permission(client)
    assert client.get(DOMAINS_URL).status_code == 302
    client.post(f"{DOMAINS_URL}new/", {"domain": "sneaky.example"})
    assert not AllowedEmailDomain.objects.filter(domain="sneaky.example").exists()
    domain = AllowedEmailDomain.objects.get(domain="gov.uk")
    client.post(f"{DOMAINS_URL}delete/{domain.pk}/")
    assert AllowedEmailDomain.objects.filter(domain="gov.uk").exists()


def test_the_settings_menu_offers_the_screens_to_site_administrators_only(admin_client, client):
    html = admin_client.get("/admin/").content.decode()
    assert "Pending members" in html and "Allowed email domains" in html
    editor_with_every_permission(client)
    html = client.get("/admin/").content.decode()
    assert "Pending members" not in html and "Allowed email domains" not in html


def test_a_pending_member_sees_a_lasting_notice_on_every_page(client):
    pending = factories.UserFactory(approved=False)
    client.force_login(pending)
    for path in ("/", "/accounts/email/", "/communities/"):
        assert "Waiting for approval" in client.get(path).content.decode(), path
    client.force_login(factories.UserFactory())
    assert "Waiting for approval" not in client.get("/").content.decode()
