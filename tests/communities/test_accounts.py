"""Sign-up with mandatory email verification, organisation linking, and admin sign-in."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.core import mail
from django.urls import reverse

from communities.models import User
from communities.services.members import organisation_for_email
from tests import factories

pytestmark = pytest.mark.django_db


def sign_up(client, email, password=factories.PASSWORD):
    return client.post(
        reverse("account_signup"),
        {
            "first_name": "Priya",
            "last_name": "Shah",
            "email": email,
            "password1": password,
            "password2": password,
        },
    )


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body).group(1)


def test_sign_up_requires_email_verification_then_links_organisation(client):
    council = factories.organisation_with_domain("northmoor.gov.uk", name="Northmoor County")
    response = sign_up(client, "priya.shah@Northmoor.gov.uk")
    assert response.status_code == 302
    user = User.objects.get(email__iexact="priya.shah@northmoor.gov.uk")
    assert user.organisation == council and not user.organisation_verified

    # Not signed in until the address is verified.
    assert client.get(reverse("account_email")).status_code == 302
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302 and "confirm-email" in response.url

    assert len(mail.outbox) >= 1
    link = confirmation_link(mail.outbox[-1])
    client.post(link)
    user.refresh_from_db()
    assert user.organisation == council and user.organisation_verified
    assert client.get(reverse("account_email")).status_code == 200


def test_sign_up_with_unknown_domain_has_no_organisation(client):
    sign_up(client, "someone@example.com")
    assert User.objects.get(email="someone@example.com").organisation is None


@pytest.mark.parametrize(
    "email",
    [
        "a@evilnorthmoor.gov.uk",
        "a@northmoor.gov.uk.evil.com",
        "a@northmoor.gov.uk..",
        "a@nоrthmoor.gov.uk",  # Cyrillic "о"
        "not-an-email",
    ],
)
def test_domain_matching_is_exact_or_subdomain_only(email):
    factories.organisation_with_domain("northmoor.gov.uk")
    assert organisation_for_email(email) is None


def test_domain_matching_accepts_subdomains_trailing_dot_and_case():
    council = factories.organisation_with_domain("northmoor.gov.uk")
    assert organisation_for_email("A@Staff.Northmoor.GOV.UK.") == council


def test_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    # A password posted to the old admin form signs nobody in.
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    response = client.post(
        "/admin/login/", {"username": staff.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_django_admin_login_goes_through_allauth(client):
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    for method in (client.get, client.post):
        response = method(
            "/django-admin/login/", {"username": staff.email, "password": factories.PASSWORD}
        )
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def _sign_in(client, user):
    return client.post(
        reverse("account_login"), {"login": user.email, "password": factories.PASSWORD}
    )


@pytest.mark.parametrize("admin_path", ["/admin/", "/django-admin/"])
def test_staff_without_second_factor_must_set_one_up(client, admin_path):
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    _sign_in(client, staff)
    response = client.get(admin_path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


def _totp_code(secret):
    import time

    return f"{hotp_value(secret, int(time.time()) // 30):06d}"


def test_staff_with_totp_must_enter_a_code_to_reach_the_admin(client):
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()

    response = _sign_in(client, staff)
    # The password alone does not sign in: allauth asks for the second factor.
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))

    response = client.post(reverse("mfa_authenticate"), {"code": _totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_non_staff_member_is_not_sent_to_set_up_a_second_factor(client):
    member = factories.UserFactory()
    _sign_in(client, member)
    response = client.get("/admin/")
    # An ordinary member without admin permission is simply refused by Wagtail.
    assert not response.get("Location", "").startswith(reverse("mfa_activate_totp"))
