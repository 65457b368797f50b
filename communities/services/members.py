"""Writes with side effects for members and organisations (keyword-only, <thing>_<action>)."""

from communities.models import Organisation, OrganisationDomain


def email_domain(email: str) -> str | None:
    """The ASCII (IDNA) form of an address's domain, lower case, without a trailing dot.

    Look-alike Unicode domains keep their punycode form, so they never equal an ASCII one;
    spellings that IDNA would quietly fold into another domain (full-width letters,
    invisible characters) are refused rather than folded.
    """
    if not email or "@" not in email:
        return None
    typed = email.rsplit("@", 1)[1].strip().lower()
    typed = typed.removesuffix(".")  # one trailing dot is the DNS root; more is invalid
    if not typed or ".." in typed or typed.startswith(".") or typed.endswith("."):
        return None
    try:
        domain = typed.encode("idna").decode("ascii")
        if typed not in (domain, domain.encode("ascii").decode("idna")):
            return None
    except UnicodeError:
        return None
    return domain


def candidate_domains(domain: str) -> list[str]:
    """The domain and every parent domain of two or more labels, most specific first."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def organisation_for_email(email: str) -> Organisation | None:
    """The organisation owning the address's domain or its nearest parent domain."""
    domain = email_domain(email)
    if domain is None:
        return None
    candidates = candidate_domains(domain)
    matches = {
        d.domain: d.organisation
        for d in OrganisationDomain.objects.filter(domain__in=candidates).select_related(
            "organisation"
        )
    }
    for candidate in candidates:  # longest (most specific) first
        if candidate in matches:
            return matches[candidate]
    return None


def member_link_organisation(*, user, email: str, verified: bool) -> Organisation | None:
    """Link a member to the organisation that owns their email domain, if any.

    A verified address makes the link verified; a link the member chose themselves is
    replaced only by a verified one.
    """
    organisation = organisation_for_email(email)
    if organisation is None:
        return None
    if user.organisation_id and user.organisation_verified and not verified:
        return user.organisation
    user.organisation = organisation
    user.organisation_verified = verified
    user.save(update_fields=["organisation", "organisation_verified"])
    return organisation
