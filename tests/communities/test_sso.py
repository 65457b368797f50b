"""Single sign-on through django-allauth against a real OpenID Connect provider.

tests/communities/oidc_provider.py runs a small OpenID Connect provider over HTTP on
127.0.0.1 (discovery, sign-in form, authorization codes, signed ID tokens, JWKS, user
info). allauth talks to it over real HTTP; the tests play the browser's part: Django's
test client for this site, `requests` for the identity provider's sign-in page.

Microsoft Entra ID cannot be reached from here: the same server answers in Entra ID's
shape for allauth's Microsoft provider (pointed at it through the app's `login_url` and
`graph_url` settings), and unit tests cover the tenant check on the `tid` claim.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import jwt
import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.models import SocialAccount, SocialLogin, SocialToken
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from communities.adapters import SocialAccountAdapter, microsoft_tenant_id
from communities.models import User
from communities.services.signup import PENDING_NOTICE
from tests import factories
from tests.communities.oidc_provider import OIDCProvider

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "practice-exchange"
CLIENT_SECRET = "a-client-secret-for-tests"
IDP_PASSWORD = "idp-password-1"
OIDC_LOGIN = "/accounts/oidc/testshire/login/"
OIDC_CALLBACK = "http://testserver/accounts/oidc/testshire/login/callback/"
MICROSOFT_LOGIN = "/accounts/microsoft/login/"
MICROSOFT_CALLBACK = "http://testserver/accounts/microsoft/login/callback/"
COUNCIL_TENANT = "5b0b6a4e-1f0c-4b1a-9c41-6f1d2a0c7e11"
OTHER_TENANT = "0d7e5c2a-9a7b-4f55-8c3e-2b8f1e6d4a22"
PERSONAL_ACCOUNTS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad"


@pytest.fixture(scope="module")
def idp_server():
    provider = OIDCProvider().start()
    yield provider
    provider.stop()


def oidc_app(idp, **settings):
    return {
        "provider_id": "testshire",
        "name": "Testshire ID",
        "client_id": CLIENT_ID,
        "secret": CLIENT_SECRET,
        "settings": {
            "server_url": idp.url,
            "allowed_issuers": [idp.url],
            "oauth_pkce_enabled": True,
            **settings,
        },
    }


def microsoft_app(idp, allowed_tenants=(COUNCIL_TENANT,)):
    return {
        "client_id": "entra-client",
        "secret": CLIENT_SECRET,
        "settings": {
            "tenant": "organizations",
            "allowed_tenants": list(allowed_tenants),
            "oauth_pkce_enabled": True,
            # Where allauth finds Entra ID and Graph (national clouds use these too).
            "login_url": idp.url,
            "graph_url": idp.url,
        },
    }


@pytest.fixture
def idp(idp_server, settings):
    idp_server.reset()
    idp_server.add_client(CLIENT_ID, CLIENT_SECRET, [OIDC_CALLBACK])
    idp_server.add_client("entra-client", CLIENT_SECRET, [MICROSOFT_CALLBACK])
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [oidc_app(idp_server)]}}
    return idp_server


def hidden_fields(html: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))


def sso_sign_in(client, idp, username, *, login_url=OIDC_LOGIN, password=IDP_PASSWORD):
    """Start at this site, sign in at the identity provider, come back: the callback's
    response. Every step is a real request: the site's through Django's test client, the
    identity provider's over HTTP."""
    response = client.post(login_url)
    assert response.status_code == 302, response
    authorize_url = response.url
    assert authorize_url.startswith(idp.url)
    browser = requests.Session()
    browser.trust_env = False
    page = browser.get(authorize_url, timeout=10)
    assert page.status_code == 200 and "Sign in" in page.text
    action = urljoin(
        authorize_url, re.search(r'<form method="post" action="([^"]+)"', page.text)[1]
    )
    back = browser.post(
        action.replace("&amp;", "&"),
        data={**hidden_fields(page.text), "username": username, "password": password},
        allow_redirects=False,
        timeout=10,
    )
    assert back.status_code == 302, back.text
    location = urlsplit(back.headers["Location"])
    assert f"{location.scheme}://{location.netloc}" == "http://testserver"
    return client.get(f"{location.path}?{location.query}")


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode().replace("&#x27;", "'"))


# Sign-up through OpenID Connect ------------------------------------------------------------


def test_a_new_member_from_an_allowed_domain_signs_up_and_is_approved(client, idp):
    council = factories.organisation_with_domain("kent.gov.uk", name="Kent County Council")
    idp.add_account(
        "alice",
        IDP_PASSWORD,
        email="alice.smith@kent.gov.uk",
        email_verified=True,
        given_name="Alice",
        family_name="Smith",
    )
    response = sso_sign_in(client, idp, "alice")

    assert response.status_code == 302 and response.url == "/"
    user = signed_in_user(client)
    assert user is not None and user.email == "alice.smith@kent.gov.uk"
    assert (user.first_name, user.last_name) == ("Alice", "Smith")
    assert user.approved
    assert user.organisation == council and user.organisation_verified
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("testshire", idp.accounts["alice"].claims["sub"])
    # allauth really talked to the provider: discovery, token and user info over HTTP.
    assert {"GET /.well-known/openid-configuration", "POST /token", "GET /userinfo"} <= set(
        idp.log.requests
    )

    # The next sign-in finds the same account.
    again = Client()
    sso_sign_in(again, idp, "alice")
    assert signed_in_user(again) == user
    assert User.objects.filter(email__iexact="alice.smith@kent.gov.uk").count() == 1


def test_a_new_member_from_another_domain_is_pending_and_administrators_are_told(client, idp):
    admin = factories.UserFactory(email="admin@practice.example", is_superuser=True, is_staff=True)
    idp.add_account(
        "sam", IDP_PASSWORD, email="sam@consultancy.example", email_verified=True, given_name="Sam"
    )
    response = sso_sign_in(client, idp, "sam")

    assert response.status_code == 302
    user = signed_in_user(client)
    assert user.email == "sam@consultancy.example"
    assert not user.approved
    assert PENDING_NOTICE in page_text(client.get(reverse("account_email")))
    [notice] = [m for m in mail.outbox if admin.email in m.to]
    assert "sam@consultancy.example" in notice.body
    assert "http://testserver/admin/pending-members/" in notice.body


@pytest.mark.parametrize("verified", [False, "false", None], ids=["false", "string", "absent"])
def test_an_unverified_email_is_not_signed_up_automatically(client, idp, verified):
    claims = {"email": "bob@kent.gov.uk", "given_name": "Bob", "family_name": "Lee"}
    if verified is not None:
        claims["email_verified"] = verified
    idp.add_account("bob", IDP_PASSWORD, **claims)
    response = sso_sign_in(client, idp, "bob")

    assert response.status_code == 302
    assert response.url == reverse("socialaccount_signup")
    assert not User.objects.filter(email__iexact="bob@kent.gov.uk").exists()
    assert signed_in_user(client) is None

    # Completing the form creates the account, which must then confirm the address by email.
    form = client.get(reverse("socialaccount_signup"))
    assert form.status_code == 200 and "bob@kent.gov.uk" in form.content.decode()
    response = client.post(
        reverse("socialaccount_signup"),
        {"email": "bob@kent.gov.uk", "first_name": "Bob", "last_name": "Lee"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="bob@kent.gov.uk")
    assert user.approved
    assert not EmailAddress.objects.get(user=user).verified
    assert signed_in_user(client) is None
    assert any("bob@kent.gov.uk" in m.to for m in mail.outbox)


# No takeover of existing accounts -----------------------------------------------------------


@pytest.mark.parametrize(
    "asserted",
    ["priya.shah@kent.gov.uk", "PRIYA.SHAH@Kent.gov.uk"],
    ids=["same spelling", "other case"],
)
@pytest.mark.parametrize("verified", [True, False], ids=["verified", "unverified"])
def test_an_identity_provider_never_signs_in_to_an_existing_account(
    client, idp, asserted, verified
):
    owner = factories.UserFactory(email="priya.shah@kent.gov.uk")
    users_before = User.objects.count()
    idp.add_account("mallory", IDP_PASSWORD, email=asserted, email_verified=verified)

    response = sso_sign_in(client, idp, "mallory")

    assert response.status_code == 403
    assert "An account already uses this email address" in page_text(response)
    assert reverse("socialaccount_connections") in response.content.decode()
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()
    assert User.objects.count() == users_before
    assert "socialaccount_sociallogin" not in client.session
    # The refusal is not a half-way state: the sign-up form has nothing to complete.
    assert client.get(reverse("socialaccount_signup")).status_code == 302
    owner.refresh_from_db()
    assert owner.has_usable_password()


def test_an_email_held_as_a_secondary_address_is_not_taken_over_either(client, idp):
    owner = factories.UserFactory(email="priya@example.org")
    EmailAddress.objects.create(user=owner, email="priya.shah@kent.gov.uk", verified=True)
    idp.add_account("mallory", IDP_PASSWORD, email="priya.shah@kent.gov.uk", email_verified=True)
    assert sso_sign_in(client, idp, "mallory").status_code == 403
    assert signed_in_user(client) is None


def test_the_owner_connects_the_provider_after_signing_in_with_a_password(client, idp):
    owner = factories.UserFactory(email="priya.shah@kent.gov.uk")
    idp.add_account("priya", IDP_PASSWORD, email="priya.shah@kent.gov.uk", email_verified=True)
    client.post(reverse("account_login"), {"login": owner.email, "password": factories.PASSWORD})
    assert signed_in_user(client) == owner

    response = sso_sign_in(client, idp, "priya", login_url=f"{OIDC_LOGIN}?process=connect")
    assert response.status_code == 302
    assert response.url == reverse("socialaccount_connections")
    assert SocialAccount.objects.get().user == owner
    connections = client.get(reverse("socialaccount_connections"))
    assert connections.status_code == 200 and "Testshire ID" in page_text(connections)

    fresh = Client()
    sso_sign_in(fresh, idp, "priya")
    assert signed_in_user(fresh) == owner


# Which identity providers are accepted ---------------------------------------------------------


@pytest.mark.parametrize("case", ["issuer not allowed", "provider reports another issuer"])
def test_an_issuer_that_is_not_allowed_is_refused(client, idp, settings, case):
    if case == "issuer not allowed":
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "APPS": [oidc_app(idp, allowed_issuers=["https://login.other-council.example"])]
            }
        }
    else:
        # Discovery and ID token agree (so allauth accepts them), but on another issuer.
        idp.issuer_override = "https://login.other-council.example"
    idp.add_account("eve", IDP_PASSWORD, email="eve@kent.gov.uk", email_verified=True)

    response = sso_sign_in(client, idp, "eve")

    assert response.status_code == 403
    assert "You cannot sign in with this account" in page_text(response)
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="eve@kent.gov.uk").exists()
    assert not SocialAccount.objects.exists()
    assert "POST /token" in idp.log.requests  # refused after a genuine exchange


def test_an_existing_sso_member_is_refused_once_their_issuer_is_no_longer_allowed(
    client, idp, settings
):
    idp.add_account("alice", IDP_PASSWORD, email="alice@kent.gov.uk", email_verified=True)
    sso_sign_in(client, idp, "alice")
    assert signed_in_user(client) is not None
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"APPS": [oidc_app(idp, allowed_issuers=["https://elsewhere.example"])]}
    }
    fresh = Client()
    assert sso_sign_in(fresh, idp, "alice").status_code == 403
    assert signed_in_user(fresh) is None


def test_a_wrong_client_secret_signs_nobody_in(client, idp, settings):
    app = oidc_app(idp)
    app["secret"] = "not-the-secret"
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [app]}}
    idp.add_account("alice", IDP_PASSWORD, email="alice@kent.gov.uk", email_verified=True)
    response = sso_sign_in(client, idp, "alice")
    assert response.status_code == 401  # allauth's authentication error page
    assert "Single sign-on did not work" in page_text(response)
    assert signed_in_user(client) is None


# Microsoft Entra ID ---------------------------------------------------------------------------


@pytest.fixture
def entra(idp, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": {"APPS": [microsoft_app(idp)]}}
    return idp


def test_microsoft_sign_in_from_an_allowed_tenant_goes_on_to_sign_up(client, entra):
    entra.add_account(
        "officer",
        IDP_PASSWORD,
        email="officer@kent.gov.uk",
        given_name="Olu",
        family_name="Ade",
        tid=COUNCIL_TENANT,
    )
    response = sso_sign_in(client, entra, "officer", login_url=MICROSOFT_LOGIN)
    # Graph's `mail` is not a verified address, so the member confirms it by email.
    assert response.status_code == 302 and response.url == reverse("socialaccount_signup")
    assert "GET /v1.0/me" in entra.log.requests
    assert "POST /organizations/oauth2/v2.0/token" in entra.log.requests


@pytest.mark.parametrize("tenant", [OTHER_TENANT, PERSONAL_ACCOUNTS_TENANT])
def test_microsoft_sign_in_from_another_tenant_is_refused(client, entra, tenant):
    entra.add_account("outsider", IDP_PASSWORD, email="someone@kent.gov.uk", tid=tenant)
    response = sso_sign_in(client, entra, "outsider", login_url=MICROSOFT_LOGIN)
    assert response.status_code == 403
    assert "You cannot sign in with this account" in page_text(response)
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()
    assert "socialaccount_sociallogin" not in client.session


def microsoft_login(access_token, email="officer@kent.gov.uk"):
    sociallogin = SocialLogin(
        user=User(email=email),
        account=SocialAccount(provider="microsoft", uid="graph-id", extra_data={"mail": email}),
        email_addresses=[EmailAddress(email=email, verified=False, primary=True)],
    )
    sociallogin.token = SocialToken(token=access_token)  # as allauth's callback view sets it
    sociallogin.state = {"process": "login"}
    return sociallogin


def entra_access_token(**claims):
    return jwt.encode(claims, "a-signing-key-that-does-not-matter-here", algorithm="HS256")


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        (entra_access_token(tid=COUNCIL_TENANT), COUNCIL_TENANT),
        (entra_access_token(tid=COUNCIL_TENANT.upper()), COUNCIL_TENANT),
        (entra_access_token(oid="x"), None),
        ("EwBwA8l6BAAUkj1oO6IAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", None),  # personal account: opaque
        ("", None),
    ],
    ids=["tid", "upper case", "no tid", "opaque", "empty"],
)
def test_the_tenant_comes_from_the_tid_claim(token, expected):
    assert microsoft_tenant_id(microsoft_login(token)) == expected


@pytest.mark.parametrize(
    ("tid", "allowed"),
    [
        (COUNCIL_TENANT, True),
        (COUNCIL_TENANT.upper(), True),
        (OTHER_TENANT, False),
        (PERSONAL_ACCOUNTS_TENANT, False),
        (None, False),
    ],
)
def test_the_adapter_admits_only_allowed_tenants(settings, tid, allowed):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "microsoft": {"APPS": [microsoft_app(SimpleNamespace(url="https://login.invalid"))]}
    }
    token = entra_access_token(tid=tid) if tid else entra_access_token(oid="x")
    request = RequestFactory().get(MICROSOFT_LOGIN)
    request.user = AnonymousUser()
    adapter = SocialAccountAdapter(request)
    if allowed:
        adapter.pre_social_login(request, microsoft_login(token))
    else:
        with pytest.raises(ImmediateHttpResponse) as refusal:
            adapter.pre_social_login(request, microsoft_login(token))
        assert refusal.value.response.status_code == 403


# The sign-in page and unconfigured providers ---------------------------------------------------


def test_the_sign_in_page_offers_configured_providers(client, idp, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"APPS": [oidc_app(idp)]},
        "microsoft": {"APPS": [microsoft_app(idp)]},
    }
    for url in (reverse("account_login"), reverse("account_signup")):
        html = client.get(url).content.decode()
        assert "Or use your organisation" in html
        assert f'href="{OIDC_LOGIN}?process=login"' in html and "Testshire ID" in html
        assert f'href="{MICROSOFT_LOGIN}?process=login"' in html and "Microsoft" in html


def test_without_configuration_there_is_no_single_sign_on(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    html = client.get(reverse("account_login")).content.decode()
    assert "Or use your organisation" not in html
    assert "/accounts/oidc/" not in html and "/accounts/microsoft/" not in html
    for url in (MICROSOFT_LOGIN, OIDC_LOGIN, "/accounts/microsoft/login/callback/"):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404


def test_starting_a_sign_in_needs_a_post_with_a_csrf_token(idp):
    client = Client(enforce_csrf_checks=True)
    page = client.get(OIDC_LOGIN)  # a confirmation page, not a redirect
    assert page.status_code == 200 and "Continue" in page.content.decode()
    assert client.post(OIDC_LOGIN).status_code == 403
    assert not idp.log.requests


@pytest.mark.parametrize(
    "url",
    [
        OIDC_LOGIN,
        MICROSOFT_LOGIN,
        reverse("socialaccount_signup"),
        reverse("socialaccount_connections"),
    ],
)
def test_single_sign_on_forms_refuse_a_cross_site_post(idp, settings, url, member):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"APPS": [oidc_app(idp)]},
        "microsoft": {"APPS": [microsoft_app(idp)]},
    }
    client = Client(enforce_csrf_checks=True)
    if url == reverse("socialaccount_connections"):
        client.force_login(member)
    assert client.post(url, {"account": "1"}).status_code == 403


def test_the_connections_page_renders(client, idp, member):
    client.force_login(member)
    response = client.get(reverse("socialaccount_connections"))
    assert response.status_code == 200
    assert "Testshire ID" in response.content.decode()


# Settings from the environment ---------------------------------------------------------------

SHOW_PROVIDERS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps(s.SOCIALACCOUNT_PROVIDERS))"
)


def providers_from_env(env):
    base_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "cop.settings.test",
        "DATABASE_URL": "postgres://user:pass@db.invalid:5432/cop",
    }
    result = subprocess.run(
        [sys.executable, "-c", SHOW_PROVIDERS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**base_env, **env},
        timeout=120,
    )
    return result


def test_no_provider_is_configured_without_its_variables():
    result = providers_from_env({})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {}


def test_microsoft_single_tenant_from_the_environment():
    result = providers_from_env(
        {
            "SSO_MICROSOFT_CLIENT_ID": "app-id",
            "SSO_MICROSOFT_SECRET": "app-secret",
            "SSO_MICROSOFT_TENANT": COUNCIL_TENANT.upper(),
        }
    )
    assert result.returncode == 0, result.stderr
    [app] = json.loads(result.stdout)["microsoft"]["APPS"]
    assert app["client_id"] == "app-id" and app["secret"] == "app-secret"
    assert app["settings"]["tenant"] == COUNCIL_TENANT.upper()
    assert app["settings"]["allowed_tenants"] == [COUNCIL_TENANT]


def test_microsoft_multi_tenant_needs_its_allowed_tenants():
    env = {"SSO_MICROSOFT_CLIENT_ID": "app-id", "SSO_MICROSOFT_SECRET": "app-secret"}
    result = providers_from_env(env)
    assert result.returncode != 0
    assert "SSO_MICROSOFT_ALLOWED_TENANTS" in result.stderr

    env["SSO_MICROSOFT_ALLOWED_TENANTS"] = f"{COUNCIL_TENANT}, {OTHER_TENANT}"
    result = providers_from_env(env)
    assert result.returncode == 0, result.stderr
    [app] = json.loads(result.stdout)["microsoft"]["APPS"]
    assert app["settings"]["tenant"] == "organizations"
    assert app["settings"]["allowed_tenants"] == [COUNCIL_TENANT, OTHER_TENANT]


def test_generic_openid_connect_from_the_environment():
    env = {
        "SSO_OIDC_NAME": "Kent Connect",
        "SSO_OIDC_SERVER_URL": "https://id.kent.example/realms/staff/",
        "SSO_OIDC_CLIENT_ID": "exchange",
    }
    result = providers_from_env(env)
    assert result.returncode != 0 and "SSO_OIDC_SECRET" in result.stderr

    env["SSO_OIDC_SECRET"] = "oidc-secret"
    result = providers_from_env(env)
    assert result.returncode == 0, result.stderr
    [app] = json.loads(result.stdout)["openid_connect"]["APPS"]
    assert app["provider_id"] == "oidc" and app["name"] == "Kent Connect"
    assert app["settings"]["server_url"] == "https://id.kent.example/realms/staff"
    assert app["settings"]["allowed_issuers"] == ["https://id.kent.example/realms/staff"]

    env["SSO_OIDC_SERVER_URL"] = "https://id.example/tenant/.well-known/openid-configuration"
    result = providers_from_env(env)
    [app] = json.loads(result.stdout)["openid_connect"]["APPS"]
    assert app["settings"]["allowed_issuers"] == ["https://id.example/tenant"]

    env["SSO_OIDC_ALLOWED_ISSUERS"] = "https://a.example, https://b.example"
    result = providers_from_env(env)
    [app] = json.loads(result.stdout)["openid_connect"]["APPS"]
    assert app["settings"]["allowed_issuers"] == ["https://a.example", "https://b.example"]
