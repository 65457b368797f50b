"""Asking the community for a case study on a search that found nothing, and the CSV
downloads."""

import csv
import io

import pytest
from django.test import Client

from discussions.models import Discussion
from tests import factories

pytestmark = pytest.mark.django_db


def ask_url(world):
    return f"{world['bins'].url}insight/ask/"


def test_the_no_results_table_offers_the_ask_button(client, insight_world):
    client.force_login(insight_world["people"]["facilitator"])
    body = client.get(f"{insight_world['bins'].url}insight/").content.decode()
    assert f'action="{ask_url(insight_world)}"' in body
    assert 'name="query" value="damp and mould"' in body
    assert "Ask the community for a case study on this" in body


def test_one_click_starts_one_question_and_a_second_click_finds_it(client, insight_world):
    client.force_login(insight_world["people"]["facilitator"])
    before = Discussion.objects.count()
    response = client.post(ask_url(insight_world), {"query": "damp and mould"})
    discussion = Discussion.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == f"{insight_world['bins'].url}discussions/{discussion.pk}/"
    assert Discussion.objects.count() == before + 1
    assert discussion.community_id == insight_world["bins"].pk and discussion.is_question
    assert discussion.title == "Has anyone done a project on “damp and mould”?"
    assert "damp and mould" in discussion.posts.get(is_opening=True).body
    assert discussion.author == insight_world["people"]["facilitator"]
    again = client.post(ask_url(insight_world), {"query": "damp and mould"})
    assert again["Location"] == response["Location"]
    assert Discussion.objects.count() == before + 1


def test_the_confirm_form_is_prefilled_and_editable(client, insight_world):
    client.force_login(insight_world["people"]["facilitator"])
    page = client.get(ask_url(insight_world), {"q": "garden waste"}).content.decode()
    assert 'value="Has anyone done a project on “garden waste”?"' in page
    client.post(
        ask_url(insight_world),
        {"query": "garden waste", "title": "Garden waste case studies?", "body": "Anyone?"},
    )
    discussion = Discussion.objects.latest("pk")
    assert (discussion.title, discussion.posts.get(is_opening=True).body) == (
        "Garden waste case studies?",
        "Anyone?",
    )


def test_bad_input_gives_an_error_summary_and_changes_nothing(client, insight_world):
    client.force_login(insight_world["people"]["facilitator"])
    before = Discussion.objects.count()
    response = client.post(ask_url(insight_world), {"query": "  ", "title": "x" * 151})
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and "Choose a search that found nothing" in body
    assert "The title must be 150 characters or fewer" in body
    assert Discussion.objects.count() == before


def test_ask_needs_a_csrf_token(insight_world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(insight_world["people"]["facilitator"])
    before = Discussion.objects.count()
    assert client.post(ask_url(insight_world), {"query": "damp and mould"}).status_code == 403
    assert Discussion.objects.count() == before


@pytest.mark.parametrize("who, status", [("member", 403), ("outsider", 403)])
def test_only_facilitators_may_ask(client, insight_world, who, status):
    client.force_login(insight_world["people"][who])
    before = Discussion.objects.count()
    assert client.post(ask_url(insight_world), {"query": "x"}).status_code == status
    assert Discussion.objects.count() == before


def test_site_wide_ask_in_a_chosen_community(client, insight_world):
    client.force_login(insight_world["people"]["admin"])
    body = client.get("/insight/").content.decode()
    assert "parking permits" in body and 'href="/insight/ask/?q=parking%20permits"' in body
    response = client.post(
        "/insight/ask/", {"query": "parking permits", "community": insight_world["bins"].pk}
    )
    assert response.status_code == 302
    assert Discussion.objects.latest("pk").community_id == insight_world["bins"].pk
    refused = client.post("/insight/ask/", {"query": "parking permits", "community": "999999"})
    assert refused.status_code == 400
    assert "Choose a community you can start discussions in" in refused.content.decode()


def test_a_members_search_that_finds_nothing_reaches_the_dashboard_and_the_ask_button(client):
    """From the community's own search page to a question in the community: the real
    search logs it, the dashboard lists it, and its button starts the discussion."""
    community = factories.make_community("Highways", visibility="private")
    factories.make_case_study(community, title="Pothole reporting by photo")
    facilitator, member = factories.UserFactory(), factories.UserFactory()
    factories.add_member(community, facilitator, role="facilitator")
    factories.add_member(community, member)
    client.force_login(member)
    search = client.get(f"{community.url}search/", {"q": "Gritting rota  "})
    assert search.status_code == 200

    client.force_login(facilitator)
    body = client.get(f"{community.url}insight/", {"period": "7"}).content.decode()
    no_results = body.split('id="no-results"', 1)[1].split('id="top-searches"', 1)[0]
    assert "gritting rota" in no_results
    assert 'name="query" value="gritting rota"' in no_results
    response = client.post(f"{community.url}insight/ask/", {"query": "gritting rota"})
    discussion = Discussion.objects.get(community=community)
    assert response["Location"] == f"{community.url}discussions/{discussion.pk}/"
    assert discussion.title == "Has anyone done a project on “gritting rota”?"
    assert discussion.is_question and discussion.author == facilitator


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_every_table_downloads_and_cells_are_formula_safe(client, insight_world):
    client.force_login(insight_world["people"]["facilitator"])
    base = f"{insight_world['bins'].url}insight/download/"
    for table in [
        "members-joined",
        "page-views",
        "most-read",
        "contributors",
        "themes",
        "searches",
        "no-results",
        "overdue",
        "unanswered",
    ]:
        assert len(rows_of(client.get(f"{base}{table}/", {"period": "30"}))) >= 2, table
    rows = rows_of(client.get(f"{base}no-results/", {"period": "30"}))
    assert rows[0] == ["Search", "Times searched", "Last searched"]
    assert ['\'=hyperlink("http://x")', "1", "2026-02-25T10:00:00+00:00"] in rows
    assert not any("covert" in cell for row in rows for cell in row)
    most_read = rows_of(client.get(f"{base}most-read/"))
    assert most_read[1][:3] == [
        "Wheelie bin rollout",
        insight_world["read_most"].url,
        "10",
    ]


def test_unknown_table_is_missing_and_bad_period_goes_back_to_the_form(client, insight_world):
    client.force_login(insight_world["people"]["facilitator"])
    base = f"{insight_world['bins'].url}insight/download/"
    assert client.get(f"{base}nothing/").status_code == 404
    response = client.get(f"{base}searches/", {"period": "custom", "from-day": "40"})
    assert response.status_code == 302
    assert response["Location"].startswith(f"{insight_world['bins'].url}insight/?period=custom")


def test_site_downloads_are_for_administrators(client, insight_world):
    client.force_login(insight_world["people"]["facilitator"])
    assert client.get("/insight/download/searches/").status_code == 403
    client.force_login(insight_world["people"]["admin"])
    rows = rows_of(client.get("/insight/download/no-results/"))
    assert any(row[0] == "covert operations" and row[3] == "Secret" for row in rows)
    staff = factories.UserFactory(is_staff=True)
    client.force_login(staff)
    rows = rows_of(client.get("/insight/download/no-results/"))
    assert not any(row[0] == "covert operations" for row in rows)
