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
from dataclasses import dataclass, field, fields
from datetime import datetime

from django.db.models import Prefetch
from wagtail.models import Page, Site

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

    @property
    def words_text(self) -> str:
        """The text "did you mean" takes its words from."""
        return " ".join((self.title, self.summary))


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

    def for_case_study(self, page, community) -> list[Document]:
        lead = page.lead_organisation
        partners = list(page.partner_organisations.all())
        organisations = ([lead] if lead else []) + partners
        themes = list(page.themes.all())
        service_areas = list(page.service_areas.all())
        objectives = list(page.objectives.all())
        lessons = list(page.lessons.all())
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
                text_b=" ".join([page.summary, theme_text] + [lesson.text for lesson in lessons]),
                text_c=" ".join([*sections, other_topics]),
                **facets,
            )
        ]
        for lesson in lessons:
            documents.append(
                Document(
                    key=f"lesson:{lesson.pk}",
                    kind=Kind.LESSON,
                    page_id=page.pk,
                    url=f"{url}#lesson-{lesson.pk}",
                    title=page.title,
                    summary=lesson.text,
                    text_b=lesson.text,
                    text_c=" ".join(
                        [
                            page.title,
                            theme_text,
                            lesson.get_kind_display(),
                            lesson.get_category_display(),
                        ]
                    ),
                    lesson_kind=lesson.kind,
                    lesson_category=lesson.category,
                    **facets,
                )
            )
        return documents

    def for_page(self, page) -> list[Document]:
        """Documents for one specific, live page (none if it is not searchable)."""
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
        CaseStudyPage.objects.live()
        .select_related("lead_organisation")
        .prefetch_related(
            "partner_organisations", "themes", "service_areas", "objectives", "lessons"
        ),
        WikiIndexPage.objects.live(),
        WikiPage.objects.live(),
    ]


def documents_for_pages(page_ids: Iterable[int], builder: Builder | None = None):
    """(documents, page ids looked at) for the given pages, whatever their type."""
    page_ids = set(page_ids)
    builder = builder or Builder()
    documents = []
    for queryset in searchable_querysets():
        for page in queryset.filter(pk__in=page_ids):
            documents.extend(builder.for_page(page))
    return documents


def all_documents(batch_size: int = BATCH_SIZE) -> Iterator[tuple[int, list[Document]]]:
    """(pages read, their documents) in batches, in bounded memory (by primary key ranges)."""
    builder = Builder()
    for queryset in searchable_querysets():
        last_pk = 0
        while True:
            batch = list(queryset.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
            if not batch:
                break
            last_pk = batch[-1].pk
            documents = []
            for page in batch:
                documents.extend(builder.for_page(page))
            yield len(batch), documents


def count_pages() -> int:
    return sum(queryset.count() for queryset in searchable_querysets())
