"""django-allauth adapters: the site's sign-up rules for password and single sign-on accounts.

See docs/sso.md for single sign-on: which identity providers are accepted (Microsoft
Entra ID tenants, OpenID Connect issuers), and why an identity provider can never sign
anyone in to an account that already exists.
"""

import logging
from typing import NoReturn

import jwt
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.account.utils import user_email
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import AuthProcess
from django.contrib import messages
from django.http import Http404
from django.shortcuts import render

from communities.models import User
from communities.services.members import member_link_organisation
from communities.services.signup import (
    PENDING_NOTICE,
    member_apply_signup_rules,
    member_email_confirmed,
)

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            member_link_organisation(user=user, email=user.email, verified=False)
            member_apply_signup_rules(user=user)
        return user

    def confirm_email(self, request, email_address):
        result = super().confirm_email(request, email_address)
        if email_address.primary or email_address.user.email == email_address.email:
            member_link_organisation(
                user=email_address.user, email=email_address.email, verified=True
            )
        if result:
            member_email_confirmed(user=email_address.user, email=email_address.email)
        return result

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if not getattr(user, "approved", True):
            messages.warning(request, PENDING_NOTICE)
        return response


class SingleSignOnNotConfigured(SocialApp.DoesNotExist, Http404):
    """A provider's URL was asked for, but the provider is not configured: answer 404."""


def _unverified_claims(token: str | None) -> dict:
    """The claims of a JWT without checking its signature (see microsoft_tenant_id)."""
    if not token:
        return {}
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return {}
    return claims if isinstance(claims, dict) else {}


def microsoft_tenant_id(sociallogin) -> str | None:
    """The Entra ID tenant (`tid` claim) a Microsoft sign-in came from, or None.

    allauth's Microsoft provider keeps the Graph profile, which has no tenant, and the
    access token, which for work and school accounts is a JWT carrying `tid`. The token
    came straight from Microsoft's token endpoint over TLS in exchange for our client
    secret (never through the browser), so its claims are read without checking the
    signature, as OpenID Connect allows for an ID token received that way. Personal
    Microsoft accounts get opaque tokens: no tenant, so they are refused.
    """
    token = getattr(sociallogin.token, "token", None)
    tid = _unverified_claims(token).get("tid")
    return str(tid).lower() if tid else None


def oidc_issuer(sociallogin) -> str | None:
    """The `iss` of the ID token allauth verified (issuer, audience and expiry)."""
    id_token = (sociallogin.account.extra_data or {}).get("id_token")
    if isinstance(id_token, dict) and id_token.get("iss"):
        return str(id_token["iss"])
    return None


def _same_issuer(a: str, b: str) -> bool:
    return a.removesuffix("/") == b.removesuffix("/")


def _claim_is_true(value) -> bool:
    # Some identity providers send "true"/"false" strings; "false" must not count.
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on rules.

    - Only allowed Entra ID tenants (`tid`) and OpenID Connect issuers (`iss`) sign in.
    - A new sign-in whose email address already belongs to an account is refused: an
      identity provider's say-so never opens an existing account. The owner signs in
      with their password and connects the provider from their account.
    - Automatic sign-up needs an address the identity provider says it verified;
      otherwise the member completes the sign-up form and confirms the address by email.
    - The allow-list and pending rule apply as for any sign-up.
    """

    def get_app(self, request, provider, client_id=None):
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist as error:
            raise SingleSignOnNotConfigured(f"{provider} is not configured") from error

    def pre_social_login(self, request, sociallogin):
        try:
            app = self.get_app(request, provider=sociallogin.account.provider)
        except SingleSignOnNotConfigured:
            self._refuse(request, "not_allowed", "single sign-on")
        provider_name = app.name or {"microsoft": "Microsoft"}.get(app.provider, "single sign-on")
        self._check_identity_provider(request, sociallogin, app, provider_name)
        for address in sociallogin.email_addresses:
            address.verified = _claim_is_true(address.verified)
        if sociallogin.is_existing:
            return
        if sociallogin.state.get("process") == AuthProcess.CONNECT:
            return  # a signed-in member adding a provider to their own account
        if self._email_belongs_to_an_account(sociallogin):
            logger.warning(
                "Refused a %s sign-up whose email address belongs to an existing account.",
                sociallogin.account.provider,
            )
            self._refuse(request, "email_taken", provider_name)

    def is_auto_signup_allowed(self, request, sociallogin):
        if not super().is_auto_signup_allowed(request, sociallogin):
            return False
        email = (user_email(sociallogin.user) or "").lower()
        return bool(email) and any(
            address.verified is True and address.email.lower() == email
            for address in sociallogin.email_addresses
        )

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        if form is None:
            # Automatic sign-up (the account adapter handles sign-up through the form).
            verified = EmailAddress.objects.filter(
                user=user, email__iexact=user.email, verified=True
            ).exists()
            member_link_organisation(user=user, email=user.email, verified=verified)
            member_apply_signup_rules(user=user)
        return user

    # Helpers ------------------------------------------------------------------------

    def _check_identity_provider(self, request, sociallogin, app, provider_name) -> None:
        if app.provider == "microsoft":
            allowed = {t.lower() for t in app.settings.get("allowed_tenants", [])}
            tenant = microsoft_tenant_id(sociallogin)
            if tenant is None or tenant not in allowed:
                logger.warning("Refused a Microsoft sign-in from tenant %s.", tenant)
                self._refuse(request, "not_allowed", provider_name)
        elif app.provider == "openid_connect":
            allowed = app.settings.get("allowed_issuers", [])
            issuer = oidc_issuer(sociallogin)
            if issuer is None or not any(_same_issuer(issuer, a) for a in allowed):
                logger.warning("Refused an OpenID Connect sign-in from issuer %s.", issuer)
                self._refuse(request, "not_allowed", provider_name)
        else:
            self._refuse(request, "not_allowed", provider_name)

    @staticmethod
    def _email_belongs_to_an_account(sociallogin) -> bool:
        emails = {a.email for a in sociallogin.email_addresses if a.email}
        if sociallogin.user is not None and user_email(sociallogin.user):
            emails.add(user_email(sociallogin.user))
        for email in emails:
            if (
                EmailAddress.objects.filter(email__iexact=email).exists()
                or User.objects.filter(email__iexact=email).exists()
            ):
                return True
        return False

    @staticmethod
    def _refuse(request, reason: str, provider_name: str) -> NoReturn:
        response = render(
            request,
            "socialaccount/refused.html",
            {"reason": reason, "provider_name": provider_name},
            status=403,
        )
        raise ImmediateHttpResponse(response)
