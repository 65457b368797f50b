"""Sign-up rules: the public-sector allow-list, pending members and their approval.

A member whose email domain is on the allow-list (an `AllowedEmailDomain`, or any
organisation's `OrganisationDomain`, or a subdomain of either) is approved when they sign
up. Anyone else may sign up too, but stays pending until a site administrator approves
them; pending members can sign in, but cannot read restricted communities or join any
(see communities/selectors.py and communities/services/membership.py).

Domains are compared in their ASCII (IDNA) form, lower case, without a trailing dot, and
only on whole labels: `kent.gov.uk` matches `gov.uk`, `evilgov.uk` and
`gov.uk.evil.com` do not, and a look-alike Unicode domain keeps its punycode form, so it
never equals an ASCII one.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from communities.models import AllowedEmailDomain, OrganisationDomain, User
from communities.services.mail import email_send
from communities.services.members import candidate_domains, email_domain

PENDING_NOTICE = (
    "Your account is waiting for a site administrator to approve it, because your email "
    "address is not from a public-sector domain we recognise. Until then you can sign in, "
    "but you cannot read restricted communities or join communities. We will email you "
    "when your account is approved."
)


def normalise_domain(value: str) -> str | None:
    """A domain typed by an administrator in the form `email_domain()` gives addresses."""
    value = (value or "").strip()
    if "@" in value:
        return None
    return email_domain(f"x@{value}")


def email_is_allowed(email: str) -> bool:
    """True when the address's domain, or a parent domain, is on the allow-list.

    The allow-list is every `AllowedEmailDomain` and every organisation's
    `OrganisationDomain`. Matching is on whole labels of the IDNA (ASCII) form, and only
    for a domain written canonically (see `_canonical_email_domain`).
    """
    domain = email_domain(email or "")
    if domain is None or "." not in domain:
        return False
    candidates = candidate_domains(domain)
    return (
        AllowedEmailDomain.objects.filter(domain__in=candidates).exists()
        or OrganisationDomain.objects.filter(domain__in=candidates).exists()
    )


def _has_verified_address(user, email: str) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def member_apply_signup_rules(*, user: User) -> bool:
    """Approve a new member from an allowed domain; leave anyone else pending.

    Site administrators hear about a pending member once the member's address is verified
    (at once for a single sign-on address the identity provider verified, otherwise when
    the member confirms it), so an unverified sign-up never sends them mail.
    Returns whether the member is approved.
    """
    approved = email_is_allowed(user.email)
    if user.approved != approved:
        user.approved = approved
        user.save(update_fields=["approved"])
    if not approved and _has_verified_address(user, user.email):
        _notify_administrators_of_pending(user)
    return approved


def member_email_confirmed(*, user: User, email: str) -> None:
    """After a member confirms an address: approve them if it is on the allow-list,
    otherwise (for their sign-in address) tell the site administrators they are waiting."""
    if user.approved or not user.is_active:
        return
    if email_is_allowed(email):
        user.approved = True
        user.save(update_fields=["approved"])
    elif email.lower() == (user.email or "").lower():
        _notify_administrators_of_pending(user)


def pending_members():
    """Members waiting for approval: not approved and not rejected (deactivated)."""
    return User.objects.filter(approved=False, is_active=True).order_by("date_joined")


def member_approve(*, user: User, by: User) -> User:
    """A site administrator approves a pending member, who is told by email."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.approved:
            return user
        user.approved = True
        user.save(update_fields=["approved"])
    _email(
        to=[user.email],
        subject="Your account has been approved",
        template="member_approved",
        context={"member": user, "by": by},
    )
    return user


def member_reject(*, user: User, by: User, reason: str) -> User:
    """A site administrator turns a pending member away: the account is deactivated
    (so it can no longer sign in) and the member is emailed the reason."""
    reason = reason.strip()
    if not reason:
        raise ValueError("Give a reason: it is emailed to the member.")
    if user.is_superuser:
        raise ValueError("A site administrator cannot be rejected here.")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.approved = False
        user.is_active = False
        user.save(update_fields=["approved", "is_active"])
    _email(
        to=[user.email],
        subject="Your account was not approved",
        template="member_rejected",
        context={"member": user, "by": by, "reason": reason},
    )
    return user


def approval_url() -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL}{reverse('pending_members:index')}"


def _site_administrator_emails() -> list[str]:
    return list(
        User.objects.filter(is_superuser=True, is_active=True)
        .exclude(Q(email="") | Q(email__isnull=True))
        .values_list("email", flat=True)
    )


def _notify_administrators_of_pending(user: User) -> None:
    _email(
        to=_site_administrator_emails(),
        subject="A new member is waiting for approval",
        template="pending_member",
        context={"member": user, "approval_url": approval_url()},
    )


def _email(*, to, subject, template, context) -> None:
    email_send(
        to=to,
        subject=subject,
        template=f"communities/signup/email/{template}.txt",
        context=context,
    )
