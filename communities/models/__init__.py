from communities.models.members import AllowedEmailDomain, MemberExpertise, MemberManager, User
from communities.models.membership import (
    Invitation,
    Membership,
    MembershipRole,
    MembershipState,
)
from communities.models.organisations import (
    Organisation,
    OrganisationDomain,
    OrganisationType,
    PopulationBand,
    Region,
)
from communities.models.pages import (
    CommunityIndexPage,
    CommunityPage,
    HomePage,
    Visibility,
)

__all__ = [
    "AllowedEmailDomain",
    "CommunityIndexPage",
    "CommunityPage",
    "HomePage",
    "Invitation",
    "MemberExpertise",
    "MemberManager",
    "Membership",
    "MembershipRole",
    "MembershipState",
    "Organisation",
    "OrganisationDomain",
    "OrganisationType",
    "PopulationBand",
    "Region",
    "User",
    "Visibility",
]
