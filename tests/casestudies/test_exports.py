"""CSV and JSON downloads of a filtered case study list: streamed when small, made in the
background and emailed as a link when large; only what the requester may read."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core import mail
from django.utils import timezone

from casestudies.models import CaseStudyExport, Licence
from tests import factories

pytestmark = pytest.mark.django_db


def streamed(response) -> str:
    assert response.status_code == 200, response.content
    assert response.streaming
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content).decode()


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(streamed(response))))


@pytest.fixture
def world(open_community, private_community):
    factories.make_case_study(
        open_community,
        title='=HYPERLINK("http://evil.example")',
        summary="@SUM(1+1)",
        stage="live",
        licence=Licence.CC_BY,
    )
    factories.make_case_study(open_community, title="Chatbot for bins", stage="beta")
    factories.make_case_study(private_community, title="Custody data pilot", stage="live")
    return {"open": open_community, "private": private_community}


def test_small_csv_streams_with_escaped_cells_and_licences(client, world):
    response = client.get("/case-studies/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert sorted(row["title"] for row in rows) == [
        '\'=HYPERLINK("http://evil.example")',
        "Chatbot for bins",
    ]
    evil = next(row for row in rows if row["title"].startswith("'="))
    assert evil["summary"] == "'@SUM(1+1)"
    assert evil["licence"] == "Creative Commons Attribution 4.0"
    assert evil["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert evil["community"] == world["open"].title
    assert evil["url"].startswith("http://testserver/")


def test_filters_apply_and_only_readable_content_is_exported(client, world):
    rows = csv_rows(client.get("/case-studies/export.csv", {"stage": "live"}))
    assert [row["title"] for row in rows] == ['\'=HYPERLINK("http://evil.example")']
    member = factories.UserFactory()
    factories.add_member(world["private"], member)
    client.force_login(member)
    rows = csv_rows(client.get("/case-studies/export.csv", {"stage": "live", "sort": "title"}))
    assert [row["title"] for row in rows][-1] == "Custody data pilot"
    rows = csv_rows(client.get("/case-studies/export.csv", {"community": world["private"].pk}))
    assert [row["title"] for row in rows] == ["Custody data pilot"]


def test_json_export_has_licences_and_lessons(client, world):
    response = client.get("/case-studies/export.json", {"stage": "beta"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(streamed(response))
    [item] = data["case_studies"]
    assert item["title"] == "Chatbot for bins"
    assert item["licence"]["code"] == "ogl" and item["lessons"][0]["kind"] == "went_wrong"


def test_empty_export_is_still_a_valid_file(client, world):
    data = json.loads(streamed(client.get("/case-studies/export.json", {"year": "1990"})))
    assert data == {"case_studies": []}
    assert csv_rows(client.get("/case-studies/export.csv", {"year": "1990"})) == []


@pytest.mark.parametrize(
    "query",
    ["stage=banana", "community=987654", "colour=blue", "updated_since=soon"],
)
def test_bad_filters_answer_400_with_a_message(client, world, query):
    response = client.get(f"/case-studies/export.csv?{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert f"{name}:" in response.content.decode()


def test_private_community_filter_is_refused_like_a_missing_one(client, world):
    private = client.get(f"/case-studies/export.csv?community={world['private'].pk}")
    missing = client.get("/case-studies/export.csv?community=987654")
    assert private.status_code == missing.status_code == 400
    assert private.content == missing.content
    assert world["private"].title.encode() not in private.content


def test_unknown_format_is_404(client):
    assert client.get("/case-studies/export.xlsx").status_code == 404


@pytest.fixture
def small_limit(settings):
    settings.EXPORT_STREAM_LIMIT = 1
    settings.EXPORT_MAX_ROWS = 2
    return settings


def test_large_export_asks_anonymous_visitors_to_sign_in_or_narrow(client, world, small_limit):
    response = client.get("/case-studies/export.csv")
    assert response.status_code == 200 and not response.streaming
    body = response.content.decode()
    assert "This list has 2 case studies" in body and "sign in" in body
    assert CaseStudyExport.objects.count() == 0
    assert client.get("/case-studies/export.csv?stage=beta").streaming  # narrowed


def test_large_export_is_made_in_the_background_and_emailed(client, world, small_limit):
    member = factories.UserFactory()
    factories.add_member(world["private"], member)
    client.force_login(member)
    small_limit.EXPORT_MAX_ROWS = 10
    offer = client.get("/case-studies/export.csv?sort=title")
    assert "Email me a download link" in offer.content.decode()
    assert CaseStudyExport.objects.count() == 0  # GET changes nothing

    response = client.post("/case-studies/export.csv?sort=title")
    assert response.status_code == 200
    assert "We are preparing your download" in response.content.decode()
    export = CaseStudyExport.objects.get()
    assert export.status == CaseStudyExport.Status.READY and export.row_count == 3
    assert export.query == "sort=title"
    [message] = mail.outbox
    assert message.to == [member.email]
    link = re.search(r"http://testserver(/case-studies/exports/[0-9a-f-]+/)", message.body)[1]

    download = client.get(link)
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert [row["title"] for row in rows][-1] == "Custody data pilot"

    # Nobody else can download it; signed out, it asks for sign-in.
    client.force_login(factories.UserFactory())
    assert client.get(link).status_code == 404
    client.logout()
    assert client.get(link).status_code == 302


def test_download_is_refused_once_the_member_cannot_read_a_community_in_it(
    client, world, small_limit
):
    member = factories.UserFactory()
    factories.add_member(world["private"], member)
    client.force_login(member)
    small_limit.EXPORT_MAX_ROWS = 10
    client.post("/case-studies/export.json")
    export = CaseStudyExport.objects.get()
    assert sorted(export.community_ids) == sorted([world["open"].pk, world["private"].pk])
    member.memberships.all().delete()
    response = client.get(f"/case-studies/exports/{export.pk}/")
    assert response.status_code == 403
    assert b"Custody" not in response.content


def test_expired_links_stop_working_and_expired_files_are_pruned(client, world, small_limit):
    member = factories.UserFactory()
    client.force_login(member)
    client.post("/case-studies/export.csv")
    export = CaseStudyExport.objects.get()
    CaseStudyExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(f"/case-studies/exports/{export.pk}/").status_code == 410
    name = export.file.name
    assert export.file.storage.exists(name)
    client.post("/case-studies/export.csv")  # the next export prunes expired ones
    assert not CaseStudyExport.objects.filter(pk=export.pk).exists()
    assert not export.file.storage.exists(name)


def test_too_many_rows_and_too_many_requests_are_refused(client, world, small_limit):
    member = factories.UserFactory()
    factories.add_member(world["private"], member)
    client.force_login(member)
    response = client.get("/case-studies/export.csv")  # 3 rows, the maximum is 2
    assert "more than the 2" in response.content.decode()
    assert client.post("/case-studies/export.csv").status_code == 200
    assert CaseStudyExport.objects.count() == 0

    small_limit.EXPORT_MAX_ROWS = 10
    small_limit.EXPORTS_PER_HOUR = 2
    for _ in range(2):
        assert client.post("/case-studies/export.csv").status_code == 200
    refused = client.post("/case-studies/export.csv")
    assert refused.status_code == 429
    assert CaseStudyExport.objects.count() == 2 and len(mail.outbox) == 2


def test_anonymous_post_is_sent_to_sign_in(client, world, small_limit):
    response = client.post("/case-studies/export.csv")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert CaseStudyExport.objects.count() == 0


def test_library_and_community_list_link_to_filtered_downloads(client, world):
    body = client.get("/case-studies/", {"stage": "live", "region": "atlantis"}).content.decode()
    assert 'href="/case-studies/export.csv?stage=live&amp;sort=newest"' in body or (
        'href="/case-studies/export.csv?stage=live"' in body
    )
    community_list = client.get(world["open"].url + "case-studies/", {"stage": "beta"})
    body = community_list.content.decode()
    assert f'href="/case-studies/export.json?community={world["open"].pk}&amp;stage=beta' in body


def test_an_export_that_grew_too_large_fails_and_says_so(client, world, small_limit):
    from casestudies.exports import case_study_export_build

    member = factories.UserFactory()
    export = CaseStudyExport.objects.create(
        user=member,
        format="csv",
        query="",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    case_study_export_build(export=export)  # 2 readable rows; the maximum is 2
    assert export.status == CaseStudyExport.Status.READY
    factories.make_case_study(world["open"], title="One more")
    again = CaseStudyExport.objects.create(
        user=member, format="csv", query="", expires_at=export.expires_at
    )
    case_study_export_build(export=again)
    assert again.status == CaseStudyExport.Status.FAILED and not again.file
    assert "could not be made" in mail.outbox[-1].subject
    assert "more than the 2" in mail.outbox[-1].body
