"""Sign-in security: the admin needs a second factor, accounts cannot be enumerated,
and failed sign-ins are rate limited even when the client lies about its address.

Registries to extend: ADMIN_PATHS (every admin area a new feature adds),
PASSWORD_ONLY_SESSIONS (ways a staff session can exist without a second factor),
KNOWN_ACCOUNTS (kinds of existing account an attacker might probe for).
tests/communities/test_accounts.py covers the basic cases (/admin/ and /django-admin/
for staff without an authenticator, and the TOTP sign-in flow); these extend them.
"""

import re
import time
import uuid
from urllib.parse import urlparse

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from communities.models import User
from tests import factories

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "not-the-Right-password-1"


def sign_in(client, email, password=factories.PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


# Admin routes need a second factor ------------------------------------------------

ADMIN_PATHS = [
    "/admin/pages/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/communities/organisation/",
    "/admin/collections/",
    "/admin/redirects/",
    "/admin/reports/site-history/",
    "/admin/account/",
    "/admin/pending-members/",
    "/admin/allowed-email-domains/",
    "/admin/allowed-email-domains/new/",
    "/django-admin/auth/group/",
    "/django-admin/auth/group/add/",
    "/django-admin/mfa/authenticator/",
]


def staff_without_authenticator(client):
    """An editor (staff, not superuser) with no authenticator, signed in with a password."""
    staff = factories.UserFactory(is_staff=True)
    assert sign_in(client, staff.email).status_code == 302
    return reverse("mfa_activate_totp")


def superuser_with_totp_forced_in(client):
    """A superuser who has TOTP, but whose session never used it (e.g. a forged session)."""
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return reverse("mfa_reauthenticate")


def superuser_with_totp_who_reauthenticated_by_password(client):
    """A superuser with TOTP whose session holds a fresh *password* reauthentication."""
    expected = superuser_with_totp_forced_in(client)
    client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
    records = client.session.get("account_authentication_methods", [])
    assert [record["method"] for record in records] == ["password"], records
    return expected


PASSWORD_ONLY_SESSIONS = {
    "staff without an authenticator": staff_without_authenticator,
    "superuser with TOTP, session without it": superuser_with_totp_forced_in,
    "superuser with TOTP, password reauthentication": (
        superuser_with_totp_who_reauthenticated_by_password
    ),
}


@pytest.mark.parametrize("session", PASSWORD_ONLY_SESSIONS)
def test_admin_is_unreachable_without_a_second_factor(client, session):
    expected_target = PASSWORD_ONLY_SESSIONS[session](client)
    wrong = []
    for path in ADMIN_PATHS:
        response = client.get(path)
        target = urlparse(response.get("Location", ""))
        if response.status_code != 302 or target.path != expected_target:
            wrong.append(f"{path}: {response.status_code} {response.get('Location')}")
    assert not wrong, f"{session}: " + "; ".join(wrong)


def sign_in_with_second_factor(client, user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    assert sign_in(client, user.email).url == reverse("mfa_authenticate")
    code = f"{hotp_value(secret, int(time.time()) // 30):06d}"
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302


def statuses_with_a_second_factor(client, paths):
    sign_in_with_second_factor(client, factories.UserFactory(is_staff=True, is_superuser=True))
    client.raise_request_exception = False
    return {path: client.get(path).status_code for path in paths}


def test_with_a_second_factor_the_admin_paths_open(client):
    """The control: ADMIN_PATHS are real pages, so the refusals above mean something."""
    statuses = statuses_with_a_second_factor(client, ADMIN_PATHS)
    assert all(status == 200 for status in statuses.values()), statuses


@pytest.mark.parametrize("session", PASSWORD_ONLY_SESSIONS)
def test_admin_writes_are_refused_without_a_second_factor(client, session):
    PASSWORD_ONLY_SESSIONS[session](client)
    response = client.post("/django-admin/auth/group/add/", {"name": "Intruders"})
    assert response.status_code == 302
    assert not Group.objects.filter(name="Intruders").exists()


# Account enumeration ---------------------------------------------------------------

KNOWN_ACCOUNTS = {
    "verified member": lambda: factories.UserFactory(),
    "unverified member": lambda: factories.UserFactory(verified=False),
    "site administrator": lambda: factories.UserFactory(is_staff=True, is_superuser=True),
    "deactivated member": lambda: factories.UserFactory(is_active=False),
}
UNKNOWN_EMAIL = "nobody.here@example.org"


def page_text(response, email) -> str:
    """The response body with per-request values and the echoed address replaced."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)
    html = re.sub(r'nonce="[^"]+"', "NONCE", html)
    return html.replace(email, "EMAIL").replace(email.lower(), "EMAIL-LOWERCASED")


def error_text(html) -> str:
    """The visible error messages on a form page."""
    return " ".join(
        re.sub(r"<[^>]+>|\s+", " ", match)
        for match in re.findall(r'class="govuk-error-[^"]*"[^>]*>(.*?)</', html, re.S)
    )


@pytest.mark.parametrize("account", KNOWN_ACCOUNTS)
def test_sign_in_does_not_reveal_whether_an_account_exists(account):
    known = KNOWN_ACCOUNTS[account]()
    responses = {
        email: sign_in(Client(), email, WRONG_PASSWORD) for email in (known.email, UNKNOWN_EMAIL)
    }
    (known_response, unknown_response) = responses.values()
    assert known_response.status_code == unknown_response.status_code == 200
    known_page, unknown_page = (page_text(r, email) for email, r in responses.items())
    assert error_text(known_page), "the sign-in page shows no error message"
    assert error_text(known_page) == error_text(unknown_page)
    assert known_page == unknown_page


def sign_up(email):
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Sam",
            "last_name": "Prober",
            "email": email,
            "password1": factories.PASSWORD,
            "password2": factories.PASSWORD,
        },
    )
    return client, response


def follow(client, response):
    assert response.status_code == 302
    return client.get(response.url)


def mail_to(email):
    return [message for message in mail.outbox if email.lower() in map(str.lower, message.to)]


@pytest.mark.parametrize("account", KNOWN_ACCOUNTS)
@pytest.mark.parametrize("spelling", [str, str.upper], ids=["as registered", "upper case"])
def test_sign_up_does_not_reveal_whether_an_account_exists(account, spelling):
    existing_email = spelling(KNOWN_ACCOUNTS[account]().email)
    new_email = spelling(UNKNOWN_EMAIL)
    users_before = User.objects.count()

    existing_client, existing = sign_up(existing_email)
    new_client, new = sign_up(new_email)

    assert existing.status_code == new.status_code == 302
    assert existing.url == new.url
    assert page_text(follow(existing_client, existing), existing_email) == page_text(
        follow(new_client, new), new_email
    )
    # Each address gets exactly one message: a confirmation link for the new account,
    # an "account already exists" notice for the existing one. Only the owner sees which.
    assert len(mail_to(existing_email)) == len(mail_to(new_email)) == 1
    assert User.objects.count() == users_before + 1  # no second account for the same address


@pytest.mark.parametrize("account", KNOWN_ACCOUNTS)
def test_password_reset_does_not_reveal_whether_an_account_exists(account):
    known = KNOWN_ACCOUNTS[account]()
    results = {}
    for email in (known.email, UNKNOWN_EMAIL):
        client = Client()
        response = client.post(reverse("account_reset_password"), {"email": email})
        results[email] = (response.status_code, response.get("Location"))
        results[email] += (page_text(follow(client, response), email),)
    assert results[known.email] == results[UNKNOWN_EMAIL]
    assert len(mail_to(known.email)) == len(mail_to(UNKNOWN_EMAIL)) == 1


# Rate limits on failed sign-ins ------------------------------------------------------


def configured_limit(action, per):
    """The amount in ACCOUNT_RATE_LIMITS[action] for one kind of key ("ip", "key")."""
    for rate in settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, _duration, rate_per = rate.strip().split("/")
        if rate_per == per:
            return int(amount)
    raise AssertionError(f"No {per} limit for {action} in ACCOUNT_RATE_LIMITS")


def is_rate_limited(response) -> bool:
    # allauth answers 429 when a whole view is limited, and shows a form error when the
    # failed-sign-in limit is reached.
    return response.status_code == 429 or b"Too many failed" in response.content


def spoofed_address():
    return f"198.51.100.{uuid.uuid4().int % 250 + 1}, 10.{uuid.uuid4().int % 250}.0.1"


@pytest.fixture
def empty_cache(db):
    cache.clear()
    yield
    cache.clear()


# TRUSTED_PROXY_COUNT: 0 in development and tests; 1 behind one reverse proxy, which
# appends the address it saw to whatever X-Forwarded-For the client sent.
PROXY_SETUPS = {
    "no proxy": (0, lambda forged: forged),
    "one trusted proxy": (1, lambda forged: f"{forged}, 203.0.113.7"),
}


@pytest.mark.parametrize("proxies", PROXY_SETUPS)
def test_failed_sign_ins_from_one_client_are_limited_despite_spoofed_forwarded_for(
    empty_cache, proxies
):
    trusted, proxied = PROXY_SETUPS[proxies]
    limit = configured_limit("login_failed", "ip")
    client = Client()
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=trusted):
        for attempt in range(limit):
            response = sign_in(
                client,
                f"guess{attempt}@example.org",  # a new account each time: only the IP limit applies
                WRONG_PASSWORD,
                HTTP_X_FORWARDED_FOR=proxied(spoofed_address()),
            )
            assert not is_rate_limited(response), f"limited early, at attempt {attempt + 1}"
        response = sign_in(
            client,
            "one-more@example.org",
            WRONG_PASSWORD,
            HTTP_X_FORWARDED_FOR=proxied(spoofed_address()),
        )
    assert is_rate_limited(response)


def test_failed_sign_ins_for_one_account_are_limited_and_then_refuse_the_right_password(
    empty_cache, member
):
    limit = configured_limit("login_failed", "key")
    for _attempt in range(limit):
        response = sign_in(
            Client(), member.email, WRONG_PASSWORD, HTTP_X_FORWARDED_FOR=spoofed_address()
        )
        assert not is_rate_limited(response)
    client = Client()
    response = sign_in(client, member.email, HTTP_X_FORWARDED_FOR=spoofed_address())
    assert is_rate_limited(response)
    assert "_auth_user_id" not in client.session
