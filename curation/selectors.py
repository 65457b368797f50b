"""What curated content each reader may see. Every list here starts from the privacy rule
(communities/selectors.py, casestudies/selectors.py): an item the reader may not read is
left out entirely, with its note, and is never counted."""

from django.db.models import Q

from casestudies.selectors import visible_case_studies
from communities.selectors import outside_unreadable_communities_q
from curation.models import MAX_FEATURED, BestBet, CommunityWelcome, normalise_query


def welcome_text(community) -> str:
    return (
        CommunityWelcome.objects.filter(community=community).values_list("text", flat=True).first()
        or ""
    )


def featured_case_studies(community, user) -> list:
    """The community's featured case studies `user` may read, in the facilitators' order:
    live and still inside the community (an unpublished or moved one is left out)."""
    chosen = list(
        community.featured_items.order_by("sort_order", "pk").values_list(
            "case_study_id", flat=True
        )[:MAX_FEATURED]
    )
    if not chosen:
        return []
    by_id = visible_case_studies(user).descendant_of(community).in_bulk(chosen)
    return [by_id[pk] for pk in chosen if pk in by_id]


def split_pinned(discussions, limit: int = 10) -> tuple[list, list]:
    """(pinned, the rest) of a discussions list the reader may see, in its order (pinned
    first: the discussions list's own order), with at most `limit` pinned."""
    pinned = [discussion for discussion in discussions if discussion.pinned][:limit]
    return pinned, [discussion for discussion in discussions if not discussion.pinned]


def collection_items_for(collection, user) -> list:
    """The collection's items `user` may read, in order. Lessons come with their case study
    (`item.lesson.page`), which is the thing whose privacy they follow."""
    items = list(
        collection.items.order_by("sort_order", "pk").select_related(
            "case_study", "lesson", "lesson__page"
        )
    )
    page_ids = {
        item.case_study_id or (item.lesson.page_id if item.lesson else None) for item in items
    }
    page_ids.discard(None)
    visible = visible_case_studies(user).in_bulk(list(page_ids))
    shown = []
    for item in items:
        if item.case_study_id:
            if item.case_study_id in visible:
                item.case_study = visible[item.case_study_id]
                shown.append(item)
        elif item.lesson is not None and item.lesson.page_id in visible:
            item.lesson.page = visible[item.lesson.page_id]
            shown.append(item)
    return shown


def collections_for_theme(theme):
    from curation.models import CollectionPage

    return CollectionPage.objects.live().filter(theme=theme).order_by("title")


def _under_unpublished_communities_q() -> Q:
    from communities.models import CommunityPage

    q = Q(pk__in=[])
    for path in CommunityPage.objects.not_live().values_list("path", flat=True):
        q |= Q(path__startswith=path)
    return q


def best_bets_for(query, user, site=None) -> list:
    """Best bets for this search on `site` (the default site when None), each with the live
    page it points to, left out when that page lies in a community `user` may not read."""
    from wagtail.models import Page, Site

    text = normalise_query(query)
    if not text:
        return []
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    bets = list(
        BestBet.objects.filter(site=site, normalised_queries__contains=[text]).order_by(
            "sort_order", "pk"
        )
    )
    if not bets:
        return []
    pages = (
        Page.objects.live()
        .filter(pk__in={bet.page_id for bet in bets})
        .filter(outside_unreadable_communities_q(user))
        .exclude(_under_unpublished_communities_q())
        .filter(Q(path__startswith=site.root_page.path))
        .specific()
    )
    by_id = {page.pk: page for page in pages}
    shown, seen = [], set()
    for bet in bets:
        page = by_id.get(bet.page_id)
        if page is not None and page.pk not in seen:
            seen.add(page.pk)
            bet.page = page
            shown.append(bet)
    return shown
