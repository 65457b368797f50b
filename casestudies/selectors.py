from casestudies.models import CaseStudyPage
from communities.selectors import within_readable_communities_q


def visible_case_studies(user):
    """Live case studies in communities `user` may read."""
    return (
        CaseStudyPage.objects.live()
        .filter(within_readable_communities_q(user))
        .select_related("lead_organisation")
    )


def related_case_studies(page, user, limit: int = 3) -> list:
    """The case studies most like `page` that `user` may read (search's `similar`), most
    similar first. Readers with the same access share the answer: it is kept in the page
    cache for the current generation, so only the first of them runs the search."""
    from cop import pagecache
    from search.services import reader_for, similar_case_studies

    found = []

    def compute():
        found.extend(similar_case_studies(page, user, limit=limit))
        return [case_study.pk for case_study in found]

    ids = pagecache.remember(f"related:{page.pk}:{limit}:{reader_for(user)!r}", compute)
    if found or not ids:
        return found
    by_id = visible_case_studies(user).in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]
