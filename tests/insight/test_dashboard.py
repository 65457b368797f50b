"""The dashboards' figures on known data with a fixed clock, who may see them, and the
period form."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insight.periods import Period, period_from
from insight.selectors import Dashboard, Scope
from tests import factories
from tests.insight.conftest import TODAY

pytestmark = pytest.mark.django_db

LAST_30_DAYS = Period(start=TODAY - dt.timedelta(days=29), end=TODAY)


def board_for(world, *, site_wide=False, user=None):
    user = user or world["people"]["admin" if site_wide else "facilitator"]
    scope = Scope.of_site(user) if site_wide else Scope.of_community(world["bins"])
    return Dashboard(scope=scope, period=LAST_30_DAYS, user=user)


def test_membership_figures(insight_world):
    membership = board_for(insight_world).membership
    assert (membership["joined"], membership["left"], membership["removed"]) == (3, 1, 1)
    assert membership["ended"] == 2
    assert (membership["active"], membership["pending"]) == (3, 1)
    weeks = dict(membership["joined_by_week"])
    assert sum(weeks.values()) == 3
    assert min(weeks) == dt.date(2026, 1, 26)  # the Monday of the week the period starts in
    assert weeks[dt.date(2026, 2, 23)] == 1 and weeks[dt.date(2026, 2, 16)] == 2


def test_page_views_and_most_read(insight_world):
    board = board_for(insight_world)
    assert board.views["total"] == 17
    assert (board.views["signed_in"], board.views["anonymous"]) == (6, 11)
    by_day = dict(board.views["by_day"])
    assert len(by_day) == 30 and by_day[TODAY] == 12
    assert [(row["page"].title, row["views"]) for row in board.most_read] == [
        ("Wheelie bin rollout", 10),
        ("Food waste trial", 2),
    ]


def test_contributors_count_only_this_communitys_content_in_the_period(insight_world):
    people = insight_world["people"]
    contributors = board_for(insight_world).contributors
    assert contributors["count"] == 3
    rows = {row["person"]: row for row in contributors["top"]}
    assert (rows[people["member"]]["discussion_posts"], rows[people["member"]]["comments"]) == (
        2,
        1,
    )
    assert rows[people["facilitator"]]["discussion_posts"] == 1  # not the Secret question
    assert rows[people["writer"]]["case_studies"] == 1
    assert rows[people["writer"]]["discussion_posts"] == 0  # the old post is outside


def test_themes_are_the_communitys_own_by_followers(insight_world):
    rows = [
        (row["theme"].name, row["followers"], row["new"]) for row in board_for(insight_world).themes
    ]
    assert rows == [("Recycling", 2, 2), ("Waste", 1, 0)]


def test_searches_and_searches_with_no_results(insight_world):
    board = board_for(insight_world)
    assert board.zero_result_count == 3
    zero = [(row.query, row.searches) for row in board.zero_result_searches]
    assert zero == [("damp and mould", 2), ('=hyperlink("http://x")', 1)]
    top = [(row.query, row.searches, row.zero_results) for row in board.top_searches]
    assert top[0] == ("damp and mould", 2, 2)
    assert {row[0] for row in top} == {"damp and mould", "garden waste", '=hyperlink("http://x")'}


def test_overdue_and_unanswered(insight_world):
    board = board_for(insight_world)
    assert [page.title for page in board.overdue["rows"]] == ["Food waste trial"]
    assert board.overdue["count"] == 1
    assert [d.title for d in board.unanswered["rows"]] == ["Who collects glass?"]


def test_a_chosen_period_filters_every_figure_of_the_period(client, insight_world):
    """65 to 35 days ago: only what happened then counts. The figures of now (members now,
    requests waiting, overdue, unanswered, followers) are the same whatever the period."""
    period = Period(start=TODAY - dt.timedelta(days=65), end=TODAY - dt.timedelta(days=35))
    user = insight_world["people"]["facilitator"]
    board = Dashboard(scope=Scope.of_community(insight_world["bins"]), period=period, user=user)
    membership = board.membership
    assert (membership["joined"], membership["left"], membership["removed"]) == (1, 0, 0)
    assert (membership["active"], membership["pending"]) == (3, 1)
    assert sum(joined for _, joined in membership["joined_by_week"]) == 1
    assert board.views["total"] == 50 and board.views["anonymous"] == 50
    assert len(board.views["by_day"]) == 31
    assert [(row["page"].title, row["views"]) for row in board.most_read] == [
        ("Food waste trial", 50)
    ]
    assert board.contributors == {"count": 0, "top": []}
    assert board.zero_result_count == 1
    assert [row.query for row in board.zero_result_searches] == ["ancient query"]
    assert [row.query for row in board.top_searches] == ["ancient query"]
    assert [(row["theme"].name, row["followers"], row["new"]) for row in board.themes] == [
        ("Recycling", 2, 0),
        ("Waste", 1, 0),
    ]
    assert [page.title for page in board.overdue["rows"]] == ["Food waste trial"]
    assert [d.title for d in board.unanswered["rows"]] == ["Who collects glass?"]

    # The page and its downloads read the same period from the address.
    start, end = period.start, period.end
    query = {
        "period": "custom",
        **{"from-day": start.day, "from-month": start.month, "from-year": start.year},
        **{"to-day": end.day, "to-month": end.month, "to-year": end.year},
    }
    client.force_login(user)
    body = client.get(f"{insight_world['bins'].url}insight/", query).content.decode()
    assert "ancient query" in body and "damp and mould" not in body
    assert "Wheelie bin rollout" not in body  # read only in the last days
    # The figures of today say so, whatever the period.
    for label in ("members now", "requests to join waiting now", "Followers now"):
        assert label in body
    download = client.get(f"{insight_world['bins'].url}insight/download/no-results/", query)
    text = b"".join(download.streaming_content).decode()
    assert "ancient query" in text and "damp and mould" not in text


def test_site_wide_dashboard_counts_every_community_and_the_sites_searches(insight_world):
    board = board_for(insight_world, site_wide=True)
    assert board.membership["joined"] == 4
    assert board.views["total"] == 116
    assert board.most_read[0]["page"].title == "Covert study"
    zero = {
        (row.query, row.community.title if row.community else None)
        for row in board.zero_result_searches
    }
    assert ("covert operations", "Secret") in zero and ("parking permits", None) in zero
    assert {page.title for page in board.overdue["rows"]} == {"Food waste trial", "Covert study"}
    assert {d.title for d in board.unanswered["rows"]} == {"Who collects glass?", "Covert question"}
    assert {row["theme"].name for row in board.themes} == {"Policing", "Recycling", "Waste"}


def test_community_page_shows_nothing_of_other_communities(client, insight_world):
    client.force_login(insight_world["people"]["facilitator"])
    response = client.get(f"{insight_world['bins'].url}insight/")
    assert response.status_code == 200
    body = response.content.decode()
    for shown in ["Wheelie bin rollout", "damp and mould", "Who collects glass?", "Recycling"]:
        assert shown in body
    for hidden in ["Covert", "covert", "parking permits", "Policing", "Secret"]:
        assert hidden not in body


def test_query_count_does_not_grow_with_rows(client, insight_world):
    client.force_login(insight_world["people"]["facilitator"])
    url = f"{insight_world['bins'].url}insight/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    bins = insight_world["bins"]
    for n in range(6):
        study = factories.make_case_study(bins, title=f"More {n}", owner=factories.UserFactory())
        factories.make_discussion(bins, factories.UserFactory(), is_question=True)
        from insight.models import PageViewDay

        PageViewDay.objects.create(page=study, day=TODAY, signed_in=1)
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) <= len(before) + 1, "\n".join(q["sql"][:300] for q in after.captured_queries)


@pytest.mark.parametrize(
    "who, status",
    [("anonymous", 302), ("outsider", 403), ("member", 403), ("facilitator", 200), ("admin", 200)],
)
def test_who_may_see_a_communitys_dashboard(client, insight_world, who, status):
    if who != "anonymous":
        client.force_login(insight_world["people"][who])
    assert client.get(f"{insight_world['bins'].url}insight/").status_code == status


def test_a_private_communitys_dashboard_is_missing_for_non_members(client, insight_world):
    client.force_login(insight_world["people"]["outsider"])
    assert client.get(f"{insight_world['secret'].url}insight/").status_code == 404
    assert client.get(f"{insight_world['secret'].url}insight/download/searches/").status_code == 404


@pytest.mark.parametrize(
    "who, status", [("anonymous", 302), ("member", 403), ("facilitator", 403), ("admin", 200)]
)
def test_who_may_see_the_site_dashboard(client, insight_world, who, status):
    if who != "anonymous":
        client.force_login(insight_world["people"][who])
    assert client.get("/insight/").status_code == status


def test_staff_see_the_site_dashboard_for_communities_they_may_read(client, insight_world):
    staff = factories.UserFactory(is_staff=True)
    client.force_login(staff)
    body = client.get("/insight/").content.decode()
    assert "Wheelie bin rollout" in body
    assert "Covert" not in body and "covert operations" not in body


def test_presets_and_custom_periods(fixed_clock):
    assert period_from({}).period == LAST_30_DAYS
    assert period_from({"period": "7"}).period.start == TODAY - dt.timedelta(days=6)
    choice = period_from(
        {
            "period": "custom",
            **{"from-day": "1", "from-month": "2", "from-year": "2026"},
            **{"to-day": "10", "to-month": "3", "to-year": "2026"},
        }
    )
    assert choice.period == Period(start=dt.date(2026, 2, 1), end=TODAY)  # not past today


@pytest.mark.parametrize(
    "dates, message",
    [
        ({}, "Enter the start date"),
        (
            {"from-day": "31", "from-month": "2", "from-year": "2026"},
            "The start date must be a real date",
        ),
        ({"from-day": "1", "from-year": "2026"}, "The start date must include a month"),
        (
            {
                "from-day": "10",
                "from-month": "2",
                "from-year": "2026",
                "to-day": "1",
                "to-month": "2",
                "to-year": "2026",
            },
            "The end date must be the same as or after the start date",
        ),
    ],
)
def test_bad_dates_give_an_error_summary_and_no_figures(client, insight_world, dates, message):
    client.force_login(insight_world["people"]["facilitator"])
    response = client.get(f"{insight_world['bins'].url}insight/", {"period": "custom", **dates})
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert "Wheelie bin rollout" not in body


def test_facilitators_find_the_dashboard_from_the_community_page(client, insight_world):
    link = f'href="{insight_world["bins"].url}insight/"'
    client.force_login(insight_world["people"]["member"])
    assert link not in client.get(insight_world["bins"].url).content.decode()
    client.force_login(insight_world["people"]["facilitator"])
    assert link in client.get(insight_world["bins"].url).content.decode()
