"""The case study library, a community's list of case studies and the lessons page.

All three read the same filters (casestudies/filters.py) from the query string.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from casestudies.filters import PAGE_SIZE
from casestudies.models import CaseStudyIndexPage, ServiceArea
from communities.models import OrganisationType, Region
from tests import factories

pytestmark = pytest.mark.django_db

LIBRARY = "/case-studies/"
LESSONS = "/lessons/"
CARD_TITLE = r'app-card__title"><a class="govuk-link" href="[^"]*">([^<]*)</a>'


def library_url():
    return CaseStudyIndexPage.objects.get().url


def titles(response) -> list[str]:
    """Titles of the case studies on a list page, in order."""
    assert response.status_code == 200
    return re.findall(CARD_TITLE, body(response))


def body(response) -> str:
    return response.content.decode()


def lesson_texts(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'<p class="govuk-body">([^<]*)</p>\s*</div>', body(response))


def set_times(page, first_published, last_published=None):
    Page.objects.filter(pk=page.pk).update(
        first_published_at=first_published, last_published_at=last_published or first_published
    )


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def library(open_community):
    """Four case studies that differ in every filtered field."""
    east_district = factories.OrganisationFactory(
        name="Eastford District Council", type=OrganisationType.DISTRICT, region=Region.EAST
    )
    london = factories.OrganisationFactory(
        name="Camdon London Borough", type=OrganisationType.LONDON_BOROUGH, region=Region.LONDON
    )
    welsh = factories.OrganisationFactory(
        name="Cymru Council", type=OrganisationType.WELSH, region=Region.WALES
    )
    open_data, channel_shift = factories.theme("Open data"), factories.theme("Channel shift")
    waste = ServiceArea.objects.get_or_create(name="Waste test area", slug="waste-test-area")[0]
    studies = {}
    studies["alpha"] = factories.make_case_study(
        open_community,
        title="Apple alpha",
        lead_organisation=east_district,
        themes=[open_data],
        stage="alpha",
        start_date=datetime.date(2021, 3, 1),
        lessons=[
            ("went_well", "procurement", "Apple: the framework was quick."),
            ("went_wrong", "data", "Apple: the data was messy."),
        ],
    )
    studies["beta"] = factories.make_case_study(
        open_community,
        title="Banana beta",
        lead_organisation=london,
        themes=[open_data, channel_shift],
        service_areas=[waste],
        stage="beta",
        start_date=datetime.date(2022, 5, 1),
        lessons=[("went_wrong", "procurement", "Banana: we bought before we tested.")],
    )
    studies["live"] = factories.make_case_study(
        open_community,
        title="Cherry live",
        lead_organisation=welsh,
        # Eastford partners on Cherry: partner organisations count for type and region.
        partner_organisations=[east_district],
        stage="live",
        start_date=datetime.date(2022, 9, 1),
        lessons=[("advice", "people", "Cherry: hire a user researcher first.")],
    )
    studies["none"] = factories.make_case_study(
        open_community,
        title="Damson discovery",
        stage="discovery",
        lessons=[("advice", "governance", "Damson: keep the board small.")],
    )
    # Published: Damson oldest ... Apple newest; Damson was updated most recently.
    set_times(studies["none"], days_ago(40), days_ago(1))
    set_times(studies["live"], days_ago(30))
    set_times(studies["beta"], days_ago(20))
    set_times(studies["alpha"], days_ago(10))
    return {
        "studies": studies,
        "themes": {"open_data": open_data, "channel_shift": channel_shift},
        "waste": waste,
        "community": open_community,
    }


ALL = ["Apple alpha", "Banana beta", "Cherry live", "Damson discovery"]


# The library: listing and each filter ------------------------------------------------------


def test_library_lists_case_studies_newest_first_with_a_count(client, library):
    response = client.get(library_url())
    assert titles(response) == ALL
    html = body(response)
    assert "4 case studies" in html
    assert "match your filters" not in html and "Clear filters" not in html
    assert "ignored" not in html


def test_filter_panel_uses_labelled_govuk_selects_and_a_submit_button(client, library):
    html = body(client.get(library_url()))
    for name, label in [
        ("theme", "Theme"),
        ("service_area", "Service area"),
        ("organisation_type", "Type of organisation"),
        ("region", "Region"),
        ("stage", "Stage"),
        ("year", "Year the project started"),
        ("lesson_category", "Lesson category"),
        ("lesson_kind", "Kind of lesson"),
        ("sort", "Sort by"),
    ]:
        assert f'<label class="govuk-label govuk-label--s" for="id_{name}">{label}</label>' in html
        assert f'class="govuk-select govuk-!-width-full" id="id_{name}" name="{name}"' in html
    assert 'id="id_year_helptext" class="govuk-hint">From the project&#x27;s start date' in html
    assert 'aria-describedby="id_year_helptext"' in html
    assert '<form method="get" action="/case-studies/"' in html
    assert '<button type="submit" class="govuk-button' in html
    # Years offered are those in which the listed projects started.
    assert '<option value="2022">2022</option>' in html
    assert '<option value="2021">2021</option>' in html


def test_filter_by_theme_by_slug_or_id(client, library):
    open_data = library["themes"]["open_data"]
    assert titles(client.get(library_url(), {"theme": open_data.slug})) == [
        "Apple alpha",
        "Banana beta",
    ]
    by_id = client.get(library_url(), {"theme": library["themes"]["channel_shift"].pk})
    assert titles(by_id) == ["Banana beta"]
    # The form shows the theme chosen, and page links name it by its slug.
    assert f'<option value="{library["themes"]["channel_shift"].slug}" selected>' in body(by_id)


def test_filter_by_service_area(client, library):
    assert titles(client.get(library_url(), {"service_area": library["waste"].slug})) == [
        "Banana beta"
    ]


def test_filter_by_organisation_type_matches_lead_or_partner(client, library):
    response = client.get(library_url(), {"organisation_type": "district"})
    assert titles(response) == ["Apple alpha", "Cherry live"]  # led by, and partnered on
    assert titles(client.get(library_url(), {"organisation_type": "welsh"})) == ["Cherry live"]


def test_filter_by_region_matches_lead_or_partner_without_repeats(client, library):
    # Eastford both leads Apple and partners on Cherry; also make it a partner of Apple.
    apple = library["studies"]["alpha"]
    apple.partner_organisations.set([apple.lead_organisation])
    apple.save_revision().publish()
    response = client.get(library_url(), {"region": "east"})
    assert titles(response) == ["Apple alpha", "Cherry live"]
    assert "2 case studies</strong> match your filters" in body(response)
    assert titles(client.get(library_url(), {"region": "london"})) == ["Banana beta"]


def test_filter_by_stage(client, library):
    assert titles(client.get(library_url(), {"stage": "beta"})) == ["Banana beta"]


def test_filter_by_year_the_project_started(client, library):
    assert titles(client.get(library_url(), {"year": "2022"})) == ["Banana beta", "Cherry live"]
    assert titles(client.get(library_url(), {"year": "2021"})) == ["Apple alpha"]


def test_filter_by_lesson_category(client, library):
    response = client.get(library_url(), {"lesson_category": "procurement"})
    assert titles(response) == ["Apple alpha", "Banana beta"]
    assert "2 case studies</strong> match your filters" in body(response)


def test_filter_by_lesson_category_and_kind_needs_one_lesson_with_both(client, library):
    # Apple has a procurement lesson (went well) and a lesson that went wrong (data):
    # only Banana has a procurement lesson that went wrong.
    response = client.get(
        library_url(), {"lesson_category": "procurement", "lesson_kind": "went_wrong"}
    )
    assert titles(response) == ["Banana beta"]
    assert titles(client.get(library_url(), {"lesson_kind": "advice"})) == [
        "Cherry live",
        "Damson discovery",
    ]


def test_filters_combine(client, library):
    query = {"theme": "open-data", "lesson_category": "procurement", "year": "2022"}
    assert titles(client.get(library_url(), query)) == ["Banana beta"]
    assert titles(client.get(library_url(), {"stage": "live", "region": "london"})) == []


def test_no_match_says_so_with_a_way_to_clear(client, library):
    html = body(client.get(library_url(), {"stage": "retired"}))
    assert "0 case studies" in html and "No case studies match these filters" in html
    assert 'href="/case-studies/">clear them all</a>' in html


def test_clear_filters_link_appears_when_filtered(client, library):
    html = body(client.get(library_url(), {"stage": "beta"}))
    assert '<a class="govuk-link" href="/case-studies/">Clear filters</a>' in html
    assert "1 case study</strong> matches your filters" in html


# Sorting ------------------------------------------------------------------------------------


def test_sort_newest_recently_updated_and_title(client, library):
    assert titles(client.get(library_url(), {"sort": "newest"})) == ALL
    assert titles(client.get(library_url(), {"sort": "updated"})) == [
        "Damson discovery",
        "Apple alpha",
        "Banana beta",
        "Cherry live",
    ]
    library["studies"]["alpha"].title = "Zucchini alpha"
    library["studies"]["alpha"].save_revision().publish()
    assert titles(client.get(library_url(), {"sort": "title"})) == [
        "Banana beta",
        "Cherry live",
        "Damson discovery",
        "Zucchini alpha",
    ]


def test_sort_alone_does_not_count_as_a_filter(client, library):
    html = body(client.get(library_url(), {"sort": "title"}))
    assert "match your filters" not in html and "Clear filters" not in html
    assert '<option value="title" selected>' in html


# Paging --------------------------------------------------------------------------------------


SMALL_PAGE = 4


@pytest.fixture
def many(open_community, monkeypatch):
    """Six case studies at stage beta, listed four to a page."""
    monkeypatch.setattr("casestudies.filters.PAGE_SIZE", SMALL_PAGE)
    for n in range(SMALL_PAGE + 2):
        factories.make_case_study(
            open_community,
            title=f"Paged study {n:02d}",
            stage="beta",
            lessons=[("went_wrong", "data", f"Paged lesson {n:02d}.")],
        )
    factories.make_case_study(open_community, title="Not beta", stage="alpha")


def test_library_is_paged_and_page_links_keep_the_filters(client, many):
    first = client.get(library_url(), {"stage": "beta", "sort": "title"})
    assert titles(first) == [f"Paged study {n:02d}" for n in range(4)]
    html = body(first)
    assert "6 case studies</strong> match your filters, page 1 of 2" in html
    assert 'href="?stage=beta&amp;sort=title&amp;page=2"' in html
    second = client.get(library_url(), {"stage": "beta", "sort": "title", "page": "2"})
    assert titles(second) == ["Paged study 04", "Paged study 05"]
    assert 'href="?stage=beta&amp;sort=title&amp;page=1"' in body(second)


@pytest.mark.parametrize("page_number", ["3", "99", "99999999999999999999"])
def test_paging_beyond_the_end_shows_the_last_page(client, many, page_number):
    response = client.get(library_url(), {"stage": "beta", "page": page_number})
    assert response.status_code == 200
    assert len(titles(response)) == 2
    assert "page 2 of 2" in body(response)


def test_a_page_that_is_not_a_number_shows_the_first(client, many):
    response = client.get(library_url(), {"page": "abc"})
    assert len(titles(response)) == SMALL_PAGE and "page 1 of 2" in body(response)


# Bad values ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ({"stage": "banana"}, "Stage"),
        ({"year": "abc"}, "Year the project started"),
        ({"year": "1850"}, "Year the project started"),
        ({"theme": "999999"}, "Theme"),
        ({"theme": "99999999999999999999999"}, "Theme"),
        ({"theme": "no such theme!"}, "Theme"),
        ({"service_area": "nowhere"}, "Service area"),
        ({"organisation_type": "pirates"}, "Type of organisation"),
        ({"region": "atlantis"}, "Region"),
        ({"lesson_category": "vibes"}, "Lesson category"),
        ({"lesson_kind": "meh"}, "Kind of lesson"),
        ({"sort": "sideways"}, "Sort by"),
        ({"stage": "beta\x00"}, "Stage"),
        ({"theme": "open-data\x00"}, "Theme"),
    ],
)
def test_an_unknown_or_malformed_value_is_ignored_with_a_notice(client, library, query, label):
    response = client.get(library_url(), query)
    assert response.status_code == 200
    html = body(response)
    assert "One filter was ignored" in html
    assert f"{label}: that is not one of the options, so this filter was ignored." in html
    assert titles(response) == ALL  # nothing else filtered
    assert "govuk-error-summary" not in html and "govuk-form-group--error" not in html


def test_bad_values_are_ignored_and_good_ones_still_apply(client, library):
    response = client.get(
        library_url(),
        {"stage": "zzqq", "year": "abc", "theme": "999999", "lesson_category": "procurement"},
    )
    html = body(response)
    assert titles(response) == ["Apple alpha", "Banana beta"]
    assert "3 filters were ignored" in html
    for label in ("Stage", "Year the project started", "Theme"):
        assert f"{label}: that is not one of the options" in html
    # The ignored value is not echoed back, and the form shows what applies.
    assert "zzqq" not in html
    assert '<option value="procurement" selected>' in html
    assert '<option value="" selected>All stages</option>' in html


def test_ignored_values_are_left_out_of_page_links(client, many):
    html = body(client.get(library_url(), {"stage": "beta", "region": "<b>x</b>"}))
    assert "<b>x</b>" not in html
    assert 'href="?stage=beta&amp;page=2"' in html


# A community's list -------------------------------------------------------------------------


def community_list_url(community):
    return community.url + "case-studies/"


def test_community_page_links_to_its_full_list(client, library):
    html = body(client.get(library["community"].url))
    assert (
        f'<a class="govuk-link" href="{community_list_url(library["community"])}">'
        "All case studies in this community</a>"
    ) in html


def test_community_list_shows_only_that_community_with_the_same_filters(client, library):
    other = factories.make_community("Other community")
    factories.make_case_study(other, title="Elsewhere study", stage="beta")
    url = community_list_url(library["community"])
    response = client.get(url)
    assert titles(response) == ALL
    html = body(response)
    assert "Case studies in this community" in html and library["community"].title in html
    assert f'<form method="get" action="{url}"' in html
    assert titles(client.get(url, {"stage": "beta"})) == ["Banana beta"]
    assert titles(client.get(url, {"lesson_category": "procurement", "sort": "title"})) == [
        "Apple alpha",
        "Banana beta",
    ]
    ignored = client.get(url, {"stage": "banana"})
    assert "Stage: that is not one of the options" in body(ignored)
    assert titles(client.get(community_list_url(other))) == ["Elsewhere study"]


def test_community_list_is_not_found_for_those_who_may_not_read(client, private_community):
    factories.make_case_study(private_community, title="Private study")
    url = community_list_url(private_community)
    assert client.get(url).status_code == 404
    client.force_login(factories.UserFactory())
    assert client.get(url).status_code == 404
    member = factories.UserFactory()
    factories.add_member(private_community, member)
    client.force_login(member)
    assert titles(client.get(url)) == ["Private study"]


def test_community_list_is_paged(client, many, open_community):
    url = community_list_url(open_community)
    html = body(client.get(url, {"stage": "beta", "page": "5"}))
    assert "page 2 of 2" in html and 'href="?stage=beta&amp;page=1"' in html


# The lessons page ----------------------------------------------------------------------------


def test_navigation_links_to_the_lessons_page(client, library):
    html = body(client.get(LESSONS))
    assert '<a class="govuk-service-navigation__link" href="/lessons/" aria-current="true">' in html
    assert '<a class="govuk-service-navigation__link" href="/case-studies/">' in html


def test_lessons_page_lists_each_lesson_with_its_case_study(client, library):
    response = client.get(LESSONS)
    html = body(response)
    assert lesson_texts(response) == [
        "Apple: the framework was quick.",
        "Apple: the data was messy.",
        "Banana: we bought before we tested.",
        "Cherry: hire a user researcher first.",
        "Damson: keep the board small.",
    ]
    assert "5 lessons" in html
    apple = library["studies"]["alpha"]
    assert f'From <a class="govuk-link" href="{apple.url}">Apple alpha</a>' in html
    assert "led by Eastford District Council" in html
    assert "What went wrong" in html and "Procurement" in html


def test_lessons_page_filters_lessons_by_category_and_kind(client, library):
    procurement = client.get(LESSONS, {"lesson_category": "procurement"})
    assert lesson_texts(procurement) == [
        "Apple: the framework was quick.",
        "Banana: we bought before we tested.",
    ]
    went_wrong = client.get(LESSONS, {"lesson_kind": "went_wrong"})
    assert lesson_texts(went_wrong) == [
        "Apple: the data was messy.",
        "Banana: we bought before we tested.",
    ]
    both = client.get(LESSONS, {"lesson_category": "procurement", "lesson_kind": "went_wrong"})
    assert lesson_texts(both) == ["Banana: we bought before we tested."]
    assert "1 lesson</strong> matches your filters" in body(both)


def test_lessons_page_applies_the_case_study_filters(client, library):
    assert lesson_texts(client.get(LESSONS, {"stage": "live"})) == [
        "Cherry: hire a user researcher first."
    ]
    assert lesson_texts(client.get(LESSONS, {"region": "east", "lesson_kind": "advice"})) == [
        "Cherry: hire a user researcher first."
    ]
    assert lesson_texts(client.get(LESSONS, {"theme": "open-data", "year": "2021"})) == [
        "Apple: the framework was quick.",
        "Apple: the data was messy.",
    ]


def test_lessons_page_sorts_by_newest_or_case_study_title(client, library):
    library["studies"]["alpha"].title = "Zucchini alpha"
    library["studies"]["alpha"].save_revision().publish()
    by_title = lesson_texts(client.get(LESSONS, {"sort": "title"}))
    assert by_title == [
        "Banana: we bought before we tested.",
        "Cherry: hire a user researcher first.",
        "Damson: keep the board small.",
        "Apple: the framework was quick.",
        "Apple: the data was messy.",
    ]
    assert lesson_texts(client.get(LESSONS, {"sort": "newest"}))[0].startswith("Apple")
    # "Recently updated" is for case studies only.
    html = body(client.get(LESSONS, {"sort": "updated"}))
    assert "Sort by: that is not one of the options" in html


def test_lessons_page_is_paged_and_ignores_bad_values(client, many):
    html = body(client.get(LESSONS, {"lesson_category": "data", "page": "7"}))
    assert "6 lessons</strong> match your filters, page 2 of 2" in html
    assert 'href="?lesson_category=data&amp;page=1"' in html
    bad = client.get(LESSONS, {"lesson_kind": "banana", "year": "abc"})
    assert bad.status_code == 200
    assert "2 filters were ignored" in body(bad)
    assert "Kind of lesson: that is not one of the options" in body(bad)


def test_lessons_page_shows_only_lessons_the_user_may_read(client, open_community):
    private = factories.make_community("Secret squirrels", visibility="private")
    factories.make_case_study(open_community, lessons=[("advice", "data", "Open lesson.")])
    factories.make_case_study(private, lessons=[("advice", "data", "Secret lesson.")])
    html = body(client.get(LESSONS))
    assert "Open lesson." in html and "Secret lesson." not in html
    member = factories.UserFactory()
    factories.add_member(private, member)
    client.force_login(member)
    html = body(client.get(LESSONS))
    assert "Open lesson." in html and "Secret lesson." in html


def test_lessons_page_offers_only_years_of_readable_case_studies(client, open_community):
    private = factories.make_community("Secret squirrels", visibility="private")
    factories.make_case_study(open_community, start_date=datetime.date(2020, 1, 1))
    factories.make_case_study(private, start_date=datetime.date(2019, 1, 1))
    html = body(client.get(LESSONS))
    assert '<option value="2020">2020</option>' in html
    assert '<option value="2019">' not in html


# Queries do not grow with the results ---------------------------------------------------------


def build(community, size):
    organisations = [factories.OrganisationFactory() for _ in range(3)]
    for n in range(size):
        factories.make_case_study(
            community,
            lead_organisation=factories.OrganisationFactory(),
            partner_organisations=organisations,
            themes=[factories.theme("Open data")],
            stage="beta",
            lessons=[("went_wrong", "data", f"Lesson {n}a."), ("advice", "data", f"Lesson {n}b.")],
        )


def queries_for(client, url, query):
    client.get(url, query)  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(captured.captured_queries)


QUERIES = [
    {},
    {
        "theme": "open-data",
        "region": "south_west",
        "organisation_type": "county",
        "stage": "beta",
        "lesson_category": "data",
        "lesson_kind": "went_wrong",
        "sort": "title",
    },
]


@pytest.mark.parametrize(("signed_in", "query"), [(False, QUERIES[0]), (True, QUERIES[1])])
def test_list_queries_do_not_grow_with_results(client, signed_in, query):
    if signed_in:
        client.force_login(factories.UserFactory())
    small, large = factories.make_community("Small"), factories.make_community("Large")
    build(small, 1)
    before = {url: queries_for(client, url, query) for url in (LIBRARY, LESSONS)}
    before["community"] = queries_for(client, small.url + "case-studies/", query)
    # A full page of results everywhere.
    build(large, PAGE_SIZE)
    assert len(titles(client.get(LIBRARY, query))) == PAGE_SIZE == 20
    after = {url: queries_for(client, url, query) for url in (LIBRARY, LESSONS)}
    after["community"] = queries_for(client, large.url + "case-studies/", query)
    assert after == before
