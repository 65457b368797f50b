"""Case studies and lessons as data, for machine clients: the API (api/), exports
(casestudies/exports.py) and feeds (feeds/).

One reading of the query string: the library's filters (casestudies/filters.py, the same
form) plus `community`, `organisation` and `updated_since`. Unlike the library, which drops
a bad value and says so on the page, a machine client gets every bad value back by name
(`QueryErrors`), so a typo never silently widens what it downloads.

One description of a case study or a lesson, always with its licence. Everything starts
from `visible_case_studies(user)`: filters only narrow it.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from casestudies.filters import (
    CASE_STUDY_SORTS,
    DEFAULT_SORT,
    LESSON_SORTS,
    MAX_ID,
    SLUG_RE,
    CaseStudyFilterForm,
    filter_case_studies,
    filter_lessons,
    strict_filters,
)
from casestudies.models import CaseStudyPage, Lesson
from casestudies.selectors import visible_case_studies
from communities.models import Organisation
from communities.selectors import readable_communities

# Any plausible start year is valid (an empty list is the answer for a year with nothing),
# so checking a year costs no query.
YEARS = range(1900, 2101)
EXTRA_PARAMS = ("community", "organisation", "updated_since")
FILTER_PARAMS = (
    tuple(
        name for name in CaseStudyFilterForm.base_fields if name != CaseStudyFilterForm.SORT_FIELD
    )
    + EXTRA_PARAMS
)
NOT_READABLE = "community: no community with that id that you can read."


@dataclass
class Selection:
    """The case studies (or lessons) a query picked, and what was wrong with it."""

    case_studies: QuerySet  # filtered and ordered; empty when there are errors
    lessons: QuerySet | None = None  # for lesson queries
    filters: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    community_ids: set[int] = field(default_factory=set)


def _single(params, name) -> str | None:
    values = params.getlist(name)
    return values[-1] if values else None


def _aware(value) -> datetime.datetime | None:
    """A date or date-time in ISO 8601 as an aware date-time (midnight for a date)."""
    value = (value or "").strip()
    if len(value) > 40:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is None:
                return None
            moment = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:  # well-formed but impossible, such as 2026-02-30
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def select(params, user, *, lessons: bool = False) -> Selection:
    """Case studies (or, with `lessons`, lessons) `user` may read that match `params`."""
    sorts = LESSON_SORTS if lessons else CASE_STUDY_SORTS
    filters, errors = strict_filters(params, years=YEARS, sorts=sorts, for_lessons=lessons)
    for name in FILTER_PARAMS + ("sort",):
        if len(params.getlist(name)) > 1:
            errors[name] = f"{name}: give one value at most."
    case_studies = visible_case_studies(user)

    raw = _single(params, "community")
    if raw:
        community = None
        if raw.isascii() and raw.isdigit() and int(raw) <= MAX_ID:
            community = readable_communities(user).filter(pk=int(raw)).first()
        if community is None:
            errors["community"] = NOT_READABLE
        else:
            case_studies = case_studies.filter(path__startswith=community.path)
            filters["community"] = community

    raw = _single(params, "organisation")
    if raw:
        organisation = Organisation.objects.filter(slug=raw).first() if SLUG_RE.match(raw) else None
        if organisation is None:
            errors["organisation"] = "organisation: no organisation with that slug."
        else:
            through = CaseStudyPage.partner_organisations.through
            case_studies = case_studies.filter(
                Q(lead_organisation=organisation)
                | Q(
                    pk__in=through.objects.filter(organisation=organisation).values(
                        "casestudypage_id"
                    )
                )
            )
            filters["organisation"] = organisation

    raw = _single(params, "updated_since")
    if raw:
        since = _aware(raw)
        if since is None:
            errors["updated_since"] = (
                "updated_since: give a date (2026-01-31) or a date and time "
                "(2026-01-31T09:00:00Z) in ISO 8601."
            )
        else:
            case_studies = case_studies.filter(last_published_at__gte=since)
            filters["updated_since"] = since

    if errors:
        return Selection(
            case_studies.none(), Lesson.objects.none() if lessons else None, {}, errors
        )
    sort = filters.get("sort") or DEFAULT_SORT
    if lessons:
        found = filter_lessons(case_studies, filters).order_by(*sorts[sort][1])
        return Selection(case_studies, found, filters)
    found = filter_case_studies(case_studies, filters).order_by(*sorts[sort][1])
    return Selection(found, None, filters)


# -- descriptions -------------------------------------------------------------------------


def with_related(case_studies: QuerySet) -> QuerySet:
    """Everything a description needs, in a fixed number of queries whatever the page size."""
    return case_studies.select_related("lead_organisation").prefetch_related(
        "themes",
        "service_areas",
        "partner_organisations",
        Prefetch("lessons", queryset=Lesson.objects.order_by("sort_order", "pk")),
    )


class Describer:
    """Describes case studies and lessons for one reader, with absolute links.

    `base_url` is the site's address (from the request, or SITE_URL in a background task).
    The communities the reader may read are looked up once; page addresses come from
    Wagtail's site root paths, cached on the request (or in the cache without one).
    """

    def __init__(self, user, base_url: str, request=None):
        self.request = request
        self.base_url = base_url.rstrip("/")
        self.communities = {
            community.path: community
            for community in readable_communities(user).only(
                "pk", "title", "path", "url_path", "depth"
            )
        }
        self.community_ids: set[int] = set()  # the communities described so far

    def absolute(self, path: str) -> str:
        return self.base_url + path

    def page_url(self, page) -> str:
        parts = page.get_url_parts(self.request)
        return self.absolute(parts[2]) if parts else ""

    def community_of(self, page):
        for length in range(len(page.path) - Page.steplen, 0, -Page.steplen):
            community = self.communities.get(page.path[:length])
            if community is not None:
                return community
        return None

    def community(self, page) -> dict | None:
        community = self.community_of(page)
        if community is None:
            return None
        self.community_ids.add(community.pk)
        return {
            "id": community.pk,
            "title": community.title,
            "url": self.page_url(community),
            "api_url": self.absolute(reverse("api_community", args=[community.pk])),
        }

    def organisation(self, organisation) -> dict | None:
        if organisation is None:
            return None
        return {
            "slug": organisation.slug,
            "name": organisation.name,
            "api_url": self.absolute(reverse("api_organisation", args=[organisation.slug])),
        }

    @staticmethod
    def licence(page) -> dict:
        return {"code": page.licence, "name": page.get_licence_display(), "url": page.licence_url}

    def case_study(self, page, *, detail: bool = False, with_lessons: bool = False) -> dict:
        lessons = list(page.lessons.all())
        data = {
            "id": page.pk,
            "title": page.title,
            "url": self.page_url(page),
            "api_url": self.absolute(reverse("api_case_study", args=[page.pk])),
            "summary": page.summary,
            "community": self.community(page),
            "lead_organisation": self.organisation(page.lead_organisation),
            "partner_organisations": [
                self.organisation(partner) for partner in page.partner_organisations.all()
            ],
            "themes": [{"slug": t.slug, "name": t.name} for t in page.themes.all()],
            "service_areas": [{"slug": s.slug, "name": s.name} for s in page.service_areas.all()],
            "stage": page.stage,
            "start_date": _iso(page.start_date),
            "end_date": _iso(page.end_date),
            "cost_band": page.cost_band,
            "first_published_at": _iso(page.first_published_at),
            "last_published_at": _iso(page.last_published_at),
            "lesson_count": len(lessons),
            "licence": self.licence(page),
        }
        if detail or with_lessons:
            data["lessons"] = [self._lesson_fields(lesson) for lesson in lessons]
        if detail:
            data["funding_source"] = page.funding_source
            data["people_affected"] = page.people_affected
            data["sections"] = {
                name: expand_db_html(getattr(page, name))
                for name in (
                    "background",
                    "project_objectives",
                    "what_we_did",
                    "outcomes",
                    "risks",
                    "next_steps",
                )
            }
            data["measures"] = [
                {"name": m.name, "before": m.before, "after": m.after} for m in page.measures.all()
            ]
        return data

    @staticmethod
    def _lesson_fields(lesson) -> dict:
        return {
            "id": lesson.pk,
            "kind": lesson.kind,
            "category": lesson.category,
            "text": lesson.text,
        }

    def lesson(self, lesson) -> dict:
        page = lesson.page
        return {
            **self._lesson_fields(lesson),
            "case_study": {
                "id": page.pk,
                "title": page.title,
                "url": self.page_url(page),
                "api_url": self.absolute(reverse("api_case_study", args=[page.pk])),
            },
            "community": self.community(page),
            "licence": self.licence(page),
        }


def _iso(value) -> str | None:
    return value.isoformat() if value else None
