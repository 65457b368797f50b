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
    access. The case study page keeps its "Related case studies" part per audience."""
    from search.services import reader_for

    return repr(reader_for(user))


def related_case_studies(page, user, limit: int = 3) -> list:
    """The case studies most like `page` that `user` may read (search's `similar`), most
    similar first. The case study page keeps them rendered per `related_audience`
    ({% pagepart %}), so only the first reader of an audience runs the search."""
    from search.services import similar_case_studies

    return similar_case_studies(page, user, limit=limit)
