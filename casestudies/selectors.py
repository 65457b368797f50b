from casestudies.models import CaseStudyPage
from communities.selectors import within_readable_communities_q


def visible_case_studies(user):
    """Live case studies in communities `user` may read."""
    return (
        CaseStudyPage.objects.live()
        .filter(within_readable_communities_q(user))
        .select_related("lead_organisation")
    )


def related_audience(user) -> str:
    """Who may be shown the same related case studies as `user`: readers with the same
    access. The case study page keeps its "Related case studies" part per audience
    ({% pagepart %}), so only the first reader of an audience runs the search."""
    from search.services import reader_for

    return repr(reader_for(user))
