"""What goes into the search index: documents built from pages, engine-independent.

A case study gives one document for itself and one for each lesson; a wiki page gives one;
a community gives one (its name and purpose only, which are public for every listed
community) and one for each of its discussions whose opening post is published. Pages
outside a live community give none. Both engines store these documents.

Discussions are not pages: their documents carry the community page's id as `page_id`, so
re-indexing a community page (on publishing, moving, deleting it, or when one of its
discussions changes: search/indexing.py `schedule_discussions`) rebuilds them all, and
the engines' `replace_pages` removes those no longer searchable.
"""

import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime

from django.db import transaction
from django.db.models import Prefetch
from wagtail.models import Page, Site

from search.locks import lock_pages_for_transaction
from search.models import Audience, Kind

TAG_RE = re.compile(r"<[^>]+>")
SPACE_RE = re.compile(r"[ \t\r\f\v]+")
BLANK_LINES_RE = re.compile(r"\n\s*\n+")
SUMMARY_CHARS = 300
BATCH_SIZE = 250
DISCUSSION_TEXT_CHARS = 100_000  # bounded, whatever the length of a discussion


def text_of(rich_text: str | None) -> str:
    """Plain text of stored rich text: tags dropped, entities decoded, blocks kept apart."""
    if not rich_text:
        return ""
    text = TAG_RE.sub("\n", rich_text.replace("</p>", "</p>\n"))
    text = html.unescape(text)
    text = SPACE_RE.sub(" ", text)
    return BLANK_LINES_RE.sub("\n\n", text.replace("\n ", "\n")).strip()


@dataclass
class Document:
    key: str
    kind: str
    page_id: int
    community_id: int | None
    audience: int
    url: str
    title: str
    summary: str = ""
    body: str = ""
    organisation: str = ""
    # Text by ranking weight: A counts most (titles), then B (summaries, lessons, themes),
    # then C (sections, organisations, other topics).
    text_a: str = ""
    text_b: str = ""
    text_c: str = ""
    theme_ids: list[int] = field(default_factory=list)
    service_area_ids: list[int] = field(default_factory=list)
    organisation_ids: list[int] = field(default_factory=list)
    organisation_types: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    stage: str = ""
    year: int | None = None
    lesson_kind: str = ""
    lesson_category: str = ""
    published_at: datetime | None = None

    @property
    def fingerprint(self) -> str:
        # The fields as asdict() gives them, without its deep copy (a third of a rebuild's
        # Python time): the same JSON, so the same fingerprint.
        data = {name: getattr(self, name) for name in FIELD_NAMES}
        data["published_at"] = self.published_at.isoformat() if self.published_at else None
        encoded = json.dumps(data, sort_keys=True).encode()
        return hashlib.sha1(encoded, usedforsecurity=False).hexdigest()


FIELD_NAMES = [f.name for f in fields(Document)]


def audience_of(community) -> int:
    from communities.models import Visibility

    return {
        Visibility.OPEN: Audience.EVERYONE,
        Visibility.RESTRICTED: Audience.APPROVED,
    }.get(community.visibility, Audience.MEMBERS)


class Builder:
    """Builds documents for batches of pages; looks communities and site roots up once."""

    def __init__(self):
        from communities.models import CommunityPage

        self.communities = {
            community.path: community
            for community in CommunityPage.objects.live().only(
                "id", "path", "depth", "title", "visibility", "purpose", "url_path", "live"
            )
        }
        self.roots = sorted(
            ((root_path, root_url) for _id, root_path, root_url, *_ in Site.get_site_root_paths()),
            key=lambda item: -len(item[0]),
        )
        self.case_study_relations: dict[int, dict] = {}

    def url_of(self, page) -> str:
        for root_path, _root_url in self.roots:
            if page.url_path.startswith(root_path):
                return "/" + page.url_path[len(root_path) :]
        return page.url_path

    def community_of(self, page):
        steplen = Page.steplen
        for end in range(steplen, len(page.path) + 1, steplen):
            community = self.communities.get(page.path[:end])
            if community is not None:
                return community
        return None

    # -- per page type -------------------------------------------------------------------

    def for_community(self, community) -> list[Document]:
        from communities.models import Visibility

        listed = community.visibility != Visibility.HIDDEN
        return [
            Document(
                key=f"page:{community.pk}",
                kind=Kind.COMMUNITY,
                page_id=community.pk,
                community_id=community.pk,
                audience=Audience.EVERYONE if listed else Audience.MEMBERS,
                url=self.url_of(community),
                title=community.title,
                summary=community.purpose,
                text_a=community.title,
                text_b=community.purpose,
                published_at=community.first_published_at,
            )
        ]

    def for_discussions(self, community) -> list[Document]:
        """One document per discussion whose opening post is published: its title, the
        opening post as summary, and the text of every published post."""
        from discussions.markup import plain
        from discussions.models import Discussion, Post, PostStatus

        published = Post.objects.filter(status=PostStatus.PUBLISHED).only(
            "id", "discussion_id", "is_opening", "body", "created_at"
        )
        discussions = (
            Discussion.objects.filter(
                community_id=community.pk,
                posts__is_opening=True,
                posts__status=PostStatus.PUBLISHED,
            )
            .only("id", "title", "created_at", "community_id")
            .order_by("pk")
            .prefetch_related(Prefetch("posts", queryset=published.order_by("created_at", "pk")))
        )
        base_url = self.url_of(community)
        documents = []
        for discussion in discussions:
            posts = list(discussion.posts.all())
            opening = plain(next((post.body for post in posts if post.is_opening), ""))
            text = "\n\n".join(plain(post.body) for post in posts)[:DISCUSSION_TEXT_CHARS]
            documents.append(
                Document(
                    key=f"discussion:{discussion.pk}",
                    kind=Kind.DISCUSSION,
                    page_id=community.pk,
                    community_id=community.pk,
                    audience=audience_of(community),
                    url=f"{base_url}discussions/{discussion.pk}/",
                    title=discussion.title,
                    summary=opening[:SUMMARY_CHARS],
                    text_a=discussion.title,
                    text_b=text,
                    published_at=discussion.created_at,
                )
            )
        return documents

    def for_wiki_page(self, page, community) -> list[Document]:
        body = text_of(page.body)
        return [
            Document(
                key=f"page:{page.pk}",
                kind=Kind.WIKI,
                page_id=page.pk,
                community_id=community.pk,
                audience=audience_of(community),
                url=self.url_of(page),
                title=page.title,
                summary=body[:SUMMARY_CHARS],
                body=body,
                text_a=page.title,
                text_c=body,
                published_at=page.first_published_at,
            )
        ]

    def load_case_study_relations(self, pages) -> None:
        """Read the organisations, themes, service areas, objectives and lessons of these
        case studies: one statement per relation for the whole batch, as plain rows (model
        instances through each page's own managers cost more than the documents). Ordered
        as the pages' own managers order them (by name; lessons by their order)."""
        from casestudies.models import CaseStudyPage, Lesson, LessonCategory, LessonKind
        from communities.models import Organisation

        page_ids = [page.pk for page in pages]
        related = {page_id: {"lessons": []} for page_id in page_ids}
        models = {}
        for name in ("partner_organisations", "themes", "service_areas", "objectives"):
            field = CaseStudyPage._meta.get_field(name)
            through = field.remote_field.through
            page_column, other_column = field.m2m_field_name(), field.m2m_reverse_field_name()
            links = through.objects.filter(**{f"{page_column}_id__in": page_ids}).values_list(
                f"{page_column}_id", f"{other_column}_id"
            )
            for page_id, other_id in links:
                related[page_id].setdefault(name, []).append(other_id)
            models[name] = field.related_model
        needed = {
            name: {other for parts in related.values() for other in parts.get(name, ())}
            for name in models
        }
        needed["partner_organisations"] |= {
            page.lead_organisation_id for page in pages if page.lead_organisation_id
        }
        objects = {}
        for name, model in models.items():
            found = model.objects.filter(pk__in=needed[name])
            if model is Organisation:
                found = found.only("id", "name", "type", "region")
            else:
                found = found.only("id", "name")
            objects[name] = {item.pk: item for item in found}  # in the model's order
        kinds, categories = dict(LessonKind.choices), dict(LessonCategory.choices)
        lessons = Lesson.objects.filter(page_id__in=page_ids).order_by(
            "page_id", "sort_order", "id"
        )
        for lesson_id, page_id, kind, category, text in lessons.values_list(
            "id", "page_id", "kind", "category", "text"
        ):
            related[page_id]["lessons"].append(
                (
                    lesson_id,
                    kind,
                    category,
                    text,
                    kinds.get(kind, kind),
                    categories.get(category, category),
                )
            )
        for page in pages:
            parts = related[page.pk]
            page_parts = {"lessons": parts["lessons"]}
            for name, by_id in objects.items():
                ids = set(parts.get(name, ()))
                page_parts[name] = [item for pk, item in by_id.items() if pk in ids]
            lead = objects["partner_organisations"].get(page.lead_organisation_id)
            page_parts["lead_organisation"] = lead
            self.case_study_relations[page.pk] = page_parts

    def for_case_study(self, page, community) -> list[Document]:
        parts = self.case_study_relations[page.pk]  # read by for_pages for its batch
        lead = parts["lead_organisation"]
        partners = parts["partner_organisations"]
        organisations = ([lead] if lead else []) + partners
        themes = parts["themes"]
        service_areas = parts["service_areas"]
        objectives = parts["objectives"]
        lessons = parts["lessons"]
        sections = [
            text_of(value)
            for value in (
                page.background,
                page.project_objectives,
                page.what_we_did,
                page.outcomes,
                page.risks,
                page.next_steps,
            )
        ]
        url = self.url_of(page)
        facets = {
            "community_id": community.pk,
            "audience": audience_of(community),
            "theme_ids": sorted(theme.pk for theme in themes),
            "service_area_ids": sorted(area.pk for area in service_areas),
            "organisation_ids": sorted({org.pk for org in organisations}),
            "organisation_types": sorted({org.type for org in organisations}),
            "regions": sorted({org.region for org in organisations}),
            "stage": page.stage or "",
            "year": page.start_date.year if page.start_date else None,
            "organisation": lead.name if lead else "",
            "published_at": page.first_published_at,
        }
        theme_text = " ".join(theme.name for theme in themes)
        other_topics = " ".join(
            [area.name for area in service_areas]
            + [objective.name for objective in objectives]
            + [org.name for org in organisations]
        )
        documents = [
            Document(
                key=f"page:{page.pk}",
                kind=Kind.CASE_STUDY,
                page_id=page.pk,
                url=url,
                title=page.title,
                summary=page.summary,
                body="\n\n".join(section for section in sections if section),
                text_a=page.title,
                text_b=" ".join([page.summary, theme_text] + [lesson[3] for lesson in lessons]),
                text_c=" ".join([*sections, other_topics]),
                **facets,
            )
        ]
        for lesson_id, kind, category, text, kind_name, category_name in lessons:
            documents.append(
                Document(
                    key=f"lesson:{lesson_id}",
                    kind=Kind.LESSON,
                    page_id=page.pk,
                    url=f"{url}#lesson-{lesson_id}",
                    title=page.title,
                    summary=text,
                    text_b=text,
                    text_c=" ".join([page.title, theme_text, kind_name, category_name]),
                    lesson_kind=kind,
                    lesson_category=category,
                    **facets,
                )
            )
        return documents

    def for_pages(self, pages) -> list[Document]:
        """Documents for these specific pages, with what case studies relate to read for all
        of them at once."""
        from casestudies.models import CaseStudyPage

        pages = list(pages)
        case_studies = [page for page in pages if isinstance(page, CaseStudyPage)]
        if case_studies:
            self.load_case_study_relations(case_studies)
        try:
            return [document for page in pages for document in self.for_page(page)]
        finally:
            self.case_study_relations.clear()

    def for_page(self, page) -> list[Document]:
        """Documents for one specific, live page (none if it is not searchable); through
        `for_pages`, which reads what case studies relate to first."""
        from casestudies.models import CaseStudyPage
        from communities.models import CommunityPage
        from wiki.models import WikiIndexPage, WikiPage

        if not page.live:
            return []
        community = self.community_of(page)
        if community is None:
            return []
        if isinstance(page, CommunityPage):
            return self.for_community(community) + self.for_discussions(community)
        if isinstance(page, CaseStudyPage):
            return self.for_case_study(page, community)
        if isinstance(page, WikiPage | WikiIndexPage):
            return self.for_wiki_page(page, community)
        return []


def searchable_querysets():
    """The page querysets the index is built from, each loading what its builder needs."""
    from casestudies.models import CaseStudyPage
    from communities.models import CommunityPage
    from wiki.models import WikiIndexPage, WikiPage

    return [
        CommunityPage.objects.live(),
        CaseStudyPage.objects.live(),
        WikiIndexPage.objects.live(),
        WikiPage.objects.live(),
    ]


def documents_for_pages(page_ids: Iterable[int], builder: Builder | None = None):
    """(documents, page ids looked at) for the given pages, whatever their type."""
    page_ids = set(page_ids)
    builder = builder or Builder()
    documents = []
    for queryset in searchable_querysets():
        documents.extend(builder.for_pages(queryset.filter(pk__in=page_ids)))
    return documents


class DocumentBatches:
    """Every searchable page's documents, as (pages read, their documents) batches in bounded
    memory. A rebuild lists `chunks()` (lists of page ids, by primary key ranges) and builds
    and writes each inside `built(chunk)`, which locks its pages, in one process or several;
    reading only (the check command), iterate it to build the batches one after another."""

    def __init__(self, batch_size: int = BATCH_SIZE):
        self.batch_size = batch_size

    def chunks(self) -> Iterator[tuple[int, list[int]]]:
        """(page type number, up to batch_size page ids) for every searchable page."""
        for number, queryset in enumerate(searchable_querysets()):
            ids = queryset.order_by("pk").values_list("pk", flat=True)
            last_pk = 0
            while batch := list(ids.filter(pk__gt=last_pk)[: self.batch_size]):
                last_pk = batch[-1]
                yield number, batch

    @contextmanager
    def built(self, chunk: tuple[int, list[int]]) -> Iterator[tuple[int, list[Document]]]:
        """Build a chunk's (pages read, documents) with its pages locked (search/locks.py)
        from before they are read until the block ends, or the transaction it runs in:
        write the documents inside."""
        _number, page_ids = chunk
        with transaction.atomic():
            lock_pages_for_transaction(page_ids)
            yield self.build(chunk)

    def build(self, chunk: tuple[int, list[int]]) -> tuple[int, list[Document]]:
        number, page_ids = chunk
        queryset = searchable_querysets()[number].filter(pk__in=page_ids).order_by("pk")
        # A new Builder for every chunk: the communities (their visibility, whether they are
        # live) and site roots are read with the pages, not at the start of a rebuild that
        # may run for minutes while a community is made private.
        return len(page_ids), Builder().for_pages(queryset)

    def __iter__(self) -> Iterator[tuple[int, list[Document]]]:
        for chunk in self.chunks():
            yield self.build(chunk)


def all_documents(batch_size: int = BATCH_SIZE) -> DocumentBatches:
    return DocumentBatches(batch_size)


def count_pages() -> int:
    return sum(queryset.count() for queryset in searchable_querysets())
