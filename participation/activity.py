"""Activity: the new things digests and notifications are made of.

An activity *source* turns what happened in a period (or a list of item keys) into
`ActivityItem`s and decides which of them a member may read, at the moment of asking.
Sources are registered here; case studies and lessons are built in, and the discussions
feature adds threads and replies by registering a source of its own:

    from participation import activity

    class DiscussionSource(activity.ActivitySource):
        name = "discussion"          # item keys start "discussion:" (and "reply:" ...)
        prefixes = ("discussion", "reply")
        def items(self, *, since=None, until=None, keys=None): ...
        def readable(self, user, items): ...

    activity.register_source(DiscussionSource())

Items carry `targets`, the (follow kind, id) pairs that make a follower interested in them
(the community, the themes, the author, the case study or discussion itself). Nothing here
is stored: items are built from live rows each time, and `readable()` asks the privacy
selectors, so a member who lost access to a community hears nothing more from it.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from participation.models import FollowKind, LessonAnnouncement


@dataclass
class ActivityItem:
    key: str  # "case_study:12", "lesson:12:<fingerprint>", "discussion:7" ...
    kind: str  # the section it is listed under
    title: str
    url: str  # path on the site
    occurred_at: dt.datetime
    summary: str = ""
    context: str = ""  # e.g. the case study a lesson belongs to, or its community
    actor_id: int | None = None  # who wrote it: not told about their own work
    page_id: int | None = None
    targets: frozenset = field(default_factory=frozenset)  # {(FollowKind, id)}
    document_keys: tuple = ()  # search index keys, for matching saved searches


# Sections in digests, in order; sources add theirs.
SECTIONS = {"case_study": "New case studies", "lesson": "New lessons"}


class ActivitySource:
    name = ""
    prefixes: tuple[str, ...] = ()

    def items(self, *, since=None, until=None, keys=None) -> list[ActivityItem]:
        """Items that happened in [since, until), or the items with these keys."""
        raise NotImplementedError

    def readable(self, user, items: list[ActivityItem]) -> list[ActivityItem]:
        """The items `user` may read now (the privacy rule, asked at send time)."""
        raise NotImplementedError


_sources: dict[str, ActivitySource] = {}


def register_source(source: ActivitySource, section_labels: dict | None = None) -> None:
    _sources[source.name] = source
    SECTIONS.update(section_labels or {})


def sources() -> list[ActivitySource]:
    return list(_sources.values())


def source_for_key(key: str) -> ActivitySource | None:
    prefix = key.split(":", 1)[0]
    for source in _sources.values():
        if prefix in source.prefixes:
            return source
    return None


def items_between(since, until) -> list[ActivityItem]:
    found = []
    for source in sources():
        found.extend(source.items(since=since, until=until))
    return sorted(found, key=lambda item: (item.occurred_at, item.key))


def items_for_keys(keys) -> list[ActivityItem]:
    by_source: dict[str, list[str]] = {}
    for key in keys:
        source = source_for_key(key)
        if source is not None:
            by_source.setdefault(source.name, []).append(key)
    found = []
    for name, source_keys in by_source.items():
        found.extend(_sources[name].items(keys=source_keys))
    return found


def readable(user, items: list[ActivityItem]) -> list[ActivityItem]:
    """The items `user` may read, each source asking its own privacy rule."""
    keep = set()
    for source in sources():
        mine = [item for item in items if source_for_key(item.key) is source]
        if mine:
            keep |= {item.key for item in source.readable(user, mine)}
    return [item for item in items if item.key in keep]


# Case studies and lessons ---------------------------------------------------------------


def lesson_fingerprint(lesson) -> str:
    """Kind, category and text (case and spacing ignored): a lesson whose words change
    counts as a new lesson."""
    text = " ".join(lesson.text.split()).lower()
    data = f"{lesson.kind}|{lesson.category}|{text}".encode()
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


class CaseStudySource(ActivitySource):
    """A case study's first publication, and lessons added to a published case study."""

    name = "casestudies"
    prefixes = ("case_study", "lesson")

    def _pages(self):
        from casestudies.models import CaseStudyPage

        return (
            CaseStudyPage.objects.live()
            .select_related("lead_organisation")
            .prefetch_related("themes", "lessons")
        )

    def _community_ids(self, pages) -> dict[int, int]:
        from communities.models import CommunityPage

        communities = list(CommunityPage.objects.values_list("pk", "path"))
        found = {}
        for page in pages:
            for community_id, path in communities:
                if page.path.startswith(path):
                    found[page.pk] = community_id
        return found

    def _targets(self, page, community_id) -> set:
        targets = {(FollowKind.CASE_STUDY, page.pk)}
        targets |= {(FollowKind.THEME, theme.pk) for theme in page.themes.all()}
        if community_id:
            targets.add((FollowKind.COMMUNITY, community_id))
        if page.owner_id:
            targets.add((FollowKind.MEMBER, page.owner_id))
        return targets

    def items(self, *, since=None, until=None, keys=None) -> list[ActivityItem]:
        page_keys, lesson_keys = set(), set()
        for key in keys or ():
            parts = key.split(":")
            if parts[0] == "case_study" and len(parts) == 2 and parts[1].isdigit():
                page_keys.add(int(parts[1]))
            elif parts[0] == "lesson" and len(parts) == 3 and parts[1].isdigit():
                lesson_keys.add((int(parts[1]), parts[2]))

        new_pages = self._pages()
        announcements = LessonAnnouncement.objects.filter(initial=False)
        if keys is not None:
            new_pages = new_pages.filter(pk__in=page_keys)
            announcements = announcements.filter(page_id__in={p for p, _f in lesson_keys})
        else:
            new_pages = new_pages.filter(
                first_published_at__gte=since, first_published_at__lt=until
            )
            announcements = announcements.filter(occurred_at__gte=since, occurred_at__lt=until)
        new_pages = list(new_pages)
        announcements = list(announcements)
        if keys is not None:
            announcements = [a for a in announcements if (a.page_id, a.fingerprint) in lesson_keys]
        lesson_pages = {
            page.pk: page
            for page in self._pages().filter(pk__in={a.page_id for a in announcements})
        }
        communities = self._community_ids([*new_pages, *lesson_pages.values()])

        found = []
        for page in new_pages:
            lessons = list(page.lessons.all())
            found.append(
                ActivityItem(
                    key=f"case_study:{page.pk}",
                    kind="case_study",
                    title=page.title,
                    url=page.url,
                    occurred_at=page.first_published_at,
                    summary=page.summary,
                    context=page.lead_organisation.name if page.lead_organisation else "",
                    actor_id=page.owner_id,
                    page_id=page.pk,
                    targets=frozenset(self._targets(page, communities.get(page.pk))),
                    document_keys=(f"page:{page.pk}", *(f"lesson:{x.pk}" for x in lessons)),
                )
            )
        for announcement in announcements:
            page = lesson_pages.get(announcement.page_id)
            if page is None:
                continue  # unpublished since
            lesson = next(
                (
                    x
                    for x in page.lessons.all()
                    if lesson_fingerprint(x) == announcement.fingerprint
                ),
                None,
            )
            if lesson is None:
                continue  # taken out again
            found.append(
                ActivityItem(
                    key=f"lesson:{page.pk}:{announcement.fingerprint}",
                    kind="lesson",
                    title=page.title,
                    url=f"{page.url}#lessons",
                    occurred_at=announcement.occurred_at,
                    summary=lesson.text,
                    context=lesson.get_kind_display(),
                    actor_id=page.owner_id,
                    page_id=page.pk,
                    targets=frozenset(self._targets(page, communities.get(page.pk))),
                    document_keys=(f"lesson:{lesson.pk}",),
                )
            )
        return found

    def readable(self, user, items):
        from casestudies.selectors import visible_case_studies

        page_ids = {item.page_id for item in items}
        visible = set(
            visible_case_studies(user).filter(pk__in=page_ids).values_list("pk", flat=True)
        )
        return [item for item in items if item.page_id in visible]


def register_builtin_sources() -> None:
    register_source(CaseStudySource())
