from casestudies.models import CaseStudyPage
from communities.selectors import (
    SERVED_COMMUNITY,
    can_read_community,
    within_readable_communities_q,
)


def visible_case_studies(user):
    """Live case studies in communities `user` may read."""
    return (
        CaseStudyPage.objects.live()
        .filter(within_readable_communities_q(user))
        .select_related("lead_organisation")
    )


def can_read_case_study(user, page) -> bool:
    """Whether `visible_case_studies(user)` holds `page`: decided in memory for the page
    being served, whose community page serving has already found (communities/wagtail_hooks.py),
    with one query otherwise."""
    if SERVED_COMMUNITY in page.__dict__:
        community = page.__dict__[SERVED_COMMUNITY]
        return bool(page.live and community is not None and can_read_community(user, community))
    return visible_case_studies(user).filter(pk=page.pk).exists()


def related_audience(user) -> str:
    """Who may be shown the same related case studies as `user`: readers with the same
    access. The case study page keeps its "Related case studies" part per audience
    ({% pagepart %}), so only the first reader of an audience runs the search."""
    from search.services import reader_for

    return repr(reader_for(user))
