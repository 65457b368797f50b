"""Re-index what a change affects (see search/indexing.py). Connected in SearchConfig.ready."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import indexing


def _page_changed(sender, instance, **kwargs):
    from communities.models import CommunityPage

    if isinstance(instance, CommunityPage):
        # Its visibility (the audience of everything inside it) or name may have changed.
        indexing.schedule_subtree(instance.pk)
    else:
        indexing.schedule_pages([instance.pk])


def _page_deleted(sender, instance, **kwargs):
    indexing.schedule_pages([instance.pk])


def _page_moved(sender, instance, **kwargs):
    indexing.schedule_subtree(instance.pk)


def _case_studies_using(field: str):
    def handler(sender, instance, **kwargs):
        from casestudies.models import CaseStudyPage

        if kwargs.get("created") or kwargs.get("raw"):
            return
        through = getattr(CaseStudyPage, field).through
        column = {
            "themes": "theme",
            "service_areas": "servicearea",
            "objectives": "objective",
            "partner_organisations": "organisation",
        }[field]
        page_ids = set(
            through.objects.filter(**{column: instance}).values_list("casestudypage_id", flat=True)
        )
        if field == "partner_organisations":
            page_ids |= set(
                CaseStudyPage.objects.filter(lead_organisation=instance).values_list(
                    "pk", flat=True
                )
            )
        if page_ids:
            indexing.schedule_pages(page_ids)

    return handler


def _forget(key: str) -> None:
    """Drop a cached value now and again once the transaction commits, so that a search
    reading the old rows meanwhile cannot put them back for the cache's lifetime."""
    from django.core.cache import cache
    from django.db import transaction

    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _synonyms_changed(sender, instance, **kwargs):
    """Searches pick new synonyms up at once in PostgreSQL (they expand the query) and after
    a rebuild in Elasticsearch (they are part of the index's settings)."""
    from django.core.cache import cache

    from search.services import SYNONYMS_CACHE_KEY

    cache.delete(SYNONYMS_CACHE_KEY)
    indexing.schedule_elasticsearch_rebuild()


def _cached_for_search(model) -> str:
    """Which of search's cached values (search/services.py) a change to `model` makes stale:
    theme and service area options, community names, the queries with best bets."""
    from search import services

    return {
        "casestudies.theme": services.TAXONOMY_CACHE_KEY,
        "casestudies.servicearea": services.TAXONOMY_CACHE_KEY,
        "communities.communitypage": services.COMMUNITY_NAMES_CACHE_KEY,
        "curation.bestbet": services.BEST_BET_QUERIES_CACHE_KEY,
    }[model._meta.label_lower]


def _search_cache_stale(sender, instance, **kwargs):
    _forget(_cached_for_search(sender))


_handlers = []


def connect():
    from casestudies.models import Objective, ServiceArea, Theme
    from communities.models import CommunityPage, Organisation
    from curation.models import BestBet
    from search.models import Synonym

    post_save.connect(_synonyms_changed, sender=Synonym, dispatch_uid="search-synonym-saved")
    post_delete.connect(_synonyms_changed, sender=Synonym, dispatch_uid="search-synonym-deleted")
    for model in (Theme, ServiceArea, CommunityPage, BestBet):
        for signal, action in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                _search_cache_stale,
                sender=model,
                dispatch_uid=f"search-cache-{model.__name__}-{action}",
            )
    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="search-page-moved")
    from wagtail.models import Page

    # Deleting any page deletes its Page row too, so this one sender covers every type.
    post_delete.connect(_page_deleted, dispatch_uid="search-page-deleted", sender=Page)
    for model, field in (
        (Theme, "themes"),
        (ServiceArea, "service_areas"),
        (Objective, "objectives"),
        (Organisation, "partner_organisations"),
    ):
        handler = _case_studies_using(field)
        _handlers.append(handler)
        post_save.connect(handler, sender=model, dispatch_uid=f"search-{model.__name__}-saved")
