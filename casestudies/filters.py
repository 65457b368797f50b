"""Filters for lists of case studies and lessons, in one place.

The case study library (CaseStudyIndexPage), a community's list of case studies (the
`case-studies/` route of CommunityPage) and the lessons page all read the same form from
the query string, so a filtered list can be shared by its address.

A value that is unknown or malformed (`?stage=banana`, `?year=abc`, `?theme=999999`) is
dropped, and the page says which filter was ignored; it is never an error. Every function
here narrows a queryset the caller has already limited by the privacy rule
(`casestudies.selectors.visible_case_studies`); nothing here widens it.
"""

import hashlib
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model, Q
from django.utils.functional import cached_property
from django.utils.http import urlencode

from casestudies.models import (
    CaseStudyPage,
    Lesson,
    LessonCategory,
    LessonKind,
    ServiceArea,
    Stage,
    Theme,
)
from communities.models import OrganisationType, Region

PAGE_SIZE = 20
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")
MAX_ID = 2**31 - 1
DEFAULT_SORT = "newest"

# name: (label, ordering)
CASE_STUDY_SORTS = {
    "newest": ("Newest first", ("-first_published_at", "-pk")),
    "updated": ("Recently updated", ("-last_published_at", "-pk")),
    "title": ("Title (A to Z)", ("title", "pk")),
}
LESSON_SORTS = {
    "newest": (
        "Newest case studies first",
        ("-page__first_published_at", "-page_id", "sort_order", "pk"),
    ),
    "title": ("Case study title (A to Z)", ("page__title", "page_id", "sort_order", "pk")),
}
IGNORED = "{label}: that is not one of the options, so this filter was ignored."
STRICT_INVALID = "{name}: {value!r} is not one of the options."


def _blank_choice(label, choices):
    return [("", label), *choices]


class TaxonomyChoiceField(forms.ModelChoiceField):
    """A theme or service area, named by its slug in the address (its id works too)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value)
        if SLUG_RE.match(value):
            match = self.queryset.filter(slug=value).first()
            if match is None and value.isdigit() and int(value) <= MAX_ID:
                match = self.queryset.filter(pk=int(value)).first()
            if match is not None:
                return match
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


class CaseStudyFilterForm(forms.Form):
    """Every filter and the sort order of a case study or lesson list. All optional.

    `years` are the start years to offer; `sorts` is CASE_STUDY_SORTS or LESSON_SORTS.
    On the lessons page (`for_lessons`) the lesson filters pick lessons; elsewhere they pick
    case studies with at least one such lesson.
    """

    theme = TaxonomyChoiceField(
        label="Theme",
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All themes",
    )
    service_area = TaxonomyChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All service areas",
    )
    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        help_text="The lead organisation or any partner",
        required=False,
    )
    region = forms.ChoiceField(
        label="Region",
        help_text="Where the lead organisation or any partner is",
        required=False,
    )
    stage = forms.ChoiceField(label="Stage", required=False)
    year = forms.TypedChoiceField(
        label="Year the project started",
        help_text="From the project's start date",
        coerce=int,
        empty_value=None,
        required=False,
    )
    lesson_category = forms.ChoiceField(
        label="Lesson category",
        help_text="Case studies with at least one lesson in this category",
        required=False,
    )
    lesson_kind = forms.ChoiceField(
        label="Kind of lesson",
        help_text="With a category: lessons of this kind in that category",
        required=False,
    )
    sort = forms.ChoiceField(label="Sort by", required=False)

    SORT_FIELD = "sort"

    def __init__(self, data=None, *, years=(), sorts=CASE_STUDY_SORTS, for_lessons=False):
        super().__init__(data)
        fields = self.fields
        fields["organisation_type"].choices = _blank_choice("All types", OrganisationType.choices)
        fields["region"].choices = _blank_choice("All regions", Region.choices)
        fields["stage"].choices = _blank_choice("All stages", Stage.choices)
        fields["year"].choices = _blank_choice("Any year", [(year, str(year)) for year in years])
        fields["lesson_category"].choices = _blank_choice("All categories", LessonCategory.choices)
        fields["lesson_kind"].choices = _blank_choice("All kinds", LessonKind.choices)
        fields["sort"].choices = [(name, label) for name, (label, _order) in sorts.items()]
        if for_lessons:
            fields["lesson_category"].help_text = "Show only lessons in this category"
            fields["lesson_kind"].help_text = "Show only lessons of this kind"

    @property
    def filter_names(self) -> list[str]:
        return [name for name in self.fields if name != self.SORT_FIELD]


@dataclass
class Listing:
    """A filtered, sorted page of results and what the template needs to show it."""

    form: CaseStudyFilterForm
    page_obj: Page
    query_string: str
    filtered: bool
    ignored: list[str]
    action: str

    def context(self) -> dict:
        return {
            "form": self.form,
            "page_obj": self.page_obj,
            "query_string": self.query_string,
            "filtered": self.filtered,
            "ignored_filters": self.ignored,
            "action": self.action,
        }


def _canonical(value) -> str:
    return value.slug if isinstance(value, Model) else str(value)


def read_filters(query, **form_kwargs) -> tuple[CaseStudyFilterForm, dict, list[str]]:
    """Bind the form to a query string; drop what is not valid.

    Returns the form (showing only the values that apply, each in its canonical form), the
    filters that apply (name: value, sort always included) and one notice per ignored filter.
    """
    data = query.copy()
    form = CaseStudyFilterForm(data, **form_kwargs)
    form.is_valid()
    ignored = []
    for name in list(form.errors):
        ignored.append(IGNORED.format(label=form.fields[name].label))
        data.pop(name, None)
    form.errors.clear()
    filters = {
        name: value
        for name, value in form.cleaned_data.items()
        if name in form.fields and value not in (None, "")
    }
    for name, value in filters.items():
        data[name] = _canonical(value)
    filters.setdefault(CaseStudyFilterForm.SORT_FIELD, DEFAULT_SORT)
    return form, filters, ignored


def strict_filters(query, **form_kwargs) -> tuple[dict, dict[str, str]]:
    """Bind the form to a query string for a machine client (the API, exports, feeds).

    Unlike `read_filters`, nothing is dropped quietly: returns the filters that apply
    (name: value; sort only when given) and, for each invalid one, its name and a message.
    """
    form = CaseStudyFilterForm(query, **form_kwargs)
    form.is_valid()
    errors = {
        name: STRICT_INVALID.format(name=name, value=query.get(name, "")) for name in form.errors
    }
    filters = {
        name: value
        for name, value in form.cleaned_data.items()
        if name in form.fields and value not in (None, "")
    }
    return filters, errors


def _led_or_partnered_by(field: str, value) -> Q:
    """Case studies whose lead organisation, or any partner, has `field` equal to `value`."""
    through = CaseStudyPage.partner_organisations.through
    partnered = through.objects.filter(**{f"organisation__{field}": value})
    return Q(**{f"lead_organisation__{field}": value}) | Q(
        pk__in=partnered.values("casestudypage_id")
    )


def filter_case_studies(case_studies, filters: dict, *, by_lessons: bool = True):
    """Narrow `case_studies` by the (valid) filters. Subqueries, so no row is repeated.

    With `by_lessons`, the lesson filters keep case studies with at least one lesson that
    matches both the category and the kind given.
    """
    if theme := filters.get("theme"):
        through = CaseStudyPage.themes.through
        case_studies = case_studies.filter(
            pk__in=through.objects.filter(theme=theme).values("casestudypage_id")
        )
    if service_area := filters.get("service_area"):
        through = CaseStudyPage.service_areas.through
        case_studies = case_studies.filter(
            pk__in=through.objects.filter(servicearea=service_area).values("casestudypage_id")
        )
    if organisation_type := filters.get("organisation_type"):
        case_studies = case_studies.filter(_led_or_partnered_by("type", organisation_type))
    if region := filters.get("region"):
        case_studies = case_studies.filter(_led_or_partnered_by("region", region))
    if stage := filters.get("stage"):
        case_studies = case_studies.filter(stage=stage)
    if year := filters.get("year"):
        case_studies = case_studies.filter(start_date__year=year)
    if by_lessons and (lesson_q := _lesson_q(filters)):
        case_studies = case_studies.filter(pk__in=Lesson.objects.filter(lesson_q).values("page_id"))
    return case_studies


def filter_lessons(case_studies, filters: dict):
    """The lessons of `case_studies` (already limited by the privacy rule): the case study
    filters pick case studies, the lesson filters pick lessons."""
    chosen = filter_case_studies(case_studies, filters, by_lessons=False)
    lessons = Lesson.objects.filter(page__in=chosen.values("pk"))
    if lesson_q := _lesson_q(filters):
        lessons = lessons.filter(lesson_q)
    return lessons


def _lesson_q(filters: dict) -> Q | None:
    lookup = {}
    if category := filters.get("lesson_category"):
        lookup["category"] = category
    if kind := filters.get("lesson_kind"):
        lookup["kind"] = kind
    return Q(**lookup) if lookup else None


def start_years(case_studies) -> list[int]:
    """The years in which the given case studies' projects started, latest first.

    Reading every case study the reader may see, so kept in the page cache for its
    generation, per statement (which names the reader's communities and any scope)."""
    from django.core.exceptions import EmptyResultSet

    from cop import pagecache

    years = case_studies.dates("start_date", "year", order="DESC")
    try:
        statement = str(years.query)
    except EmptyResultSet:  # a reader who may read no community at all
        return []
    return pagecache.remember(
        f"start-years:{statement}",
        lambda: [day.year for day in years],
        seconds=pagecache.part_timeout(),
    )


class KeptCountPaginator(Paginator):
    """A paginator whose count (a scan of everything the reader may see that matches) is
    kept in the process while the content stays the same, per statement, which names the
    reader's communities and the filters (cop.requestmemo.kept)."""

    @cached_property
    def count(self) -> int:
        from django.core.exceptions import EmptyResultSet

        from cop.requestmemo import kept

        try:
            statement = str(self.object_list.query)
        except EmptyResultSet:
            return 0
        digest = hashlib.sha256(statement.encode()).hexdigest()
        return kept(("count", digest), lambda: Paginator.count.func(self))


def _listing(request, form, filters, ignored, results, action) -> Listing:
    """One page of `results`. The page is chosen on the keys alone (a narrow sort, where
    sorting whole rows reached 50 ms on deep pages of 10,000 case studies) and only its
    rows are then read whole."""
    page_obj = KeptCountPaginator(results.values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    keys = list(page_obj.object_list)
    rows = results.filter(pk__in=keys) if keys else results.none()
    by_key = {row.pk: row for row in rows.order_by()}
    page_obj.object_list = [by_key[key] for key in keys if key in by_key]
    query_string = urlencode(
        [(name, form.data[name]) for name in form.fields if form.data.get(name)]
    )
    filtered = any(name in filters for name in form.filter_names)
    return Listing(form, page_obj, query_string, filtered, ignored, action)


def case_study_listing(request, case_studies, *, action: str) -> Listing:
    """A page of `case_studies` (already limited by the privacy rule), filtered and sorted."""
    form, filters, ignored = read_filters(
        request.GET, years=start_years(case_studies), sorts=CASE_STUDY_SORTS
    )
    results = filter_case_studies(case_studies, filters).order_by(
        *CASE_STUDY_SORTS[filters["sort"]][1]
    )
    return _listing(request, form, filters, ignored, results, action)


def lesson_listing(request, case_studies, *, action: str) -> Listing:
    """A page of the lessons of `case_studies` (already limited by the privacy rule).

    The case study filters pick case studies; the lesson filters pick lessons.
    """
    form, filters, ignored = read_filters(
        request.GET, years=start_years(case_studies), sorts=LESSON_SORTS, for_lessons=True
    )
    lessons = filter_lessons(case_studies, filters).select_related(
        "page", "page__lead_organisation"
    )
    results = lessons.order_by(*LESSON_SORTS[filters["sort"]][1])
    return _listing(request, form, filters, ignored, results, action)
