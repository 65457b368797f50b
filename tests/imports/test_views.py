"""The import pages of a community: upload, dry-run report, confirm, downloads."""

import io

import pytest
from django.test import override_settings
from django.utils.text import slugify
from openpyxl import load_workbook

from casestudies.models import CaseStudyPage
from imports.models import PendingImport
from tests import factories
from tests.imports.conftest import csv_bytes, damaged_xlsx, row, upload

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def start(client, world, content, name="case-studies.csv", publish=False):
    data = {"file": upload(content, name)}
    if publish:
        data["publish"] = "on"
    return client.post(f"{world['community'].url}import/", data)


def test_the_import_page_documents_the_columns_and_links_the_files(client, world):
    response = signed_in(client, world["facilitator"]).get(f"{world['community'].url}import/")
    body = response.content.decode()
    assert response.status_code == 200
    for text in ("External id", "Lesson N kind", "template/csv/", "template/xlsx/", "example/"):
        assert text in body


@pytest.mark.parametrize("who", ["anonymous", "non_member", "member"])
def test_only_facilitators_and_site_admins_may_import(client, world, who):
    users = {"anonymous": None, "non_member": factories.UserFactory(), "member": world["member"]}
    if users[who]:
        client.force_login(users[who])
    url = world["community"].url
    for path in ("import/", "import/template/csv/", "import/example/"):
        response = client.get(url + path)
        # As the manage page: sign in first; then only those who run the community.
        expected = {"anonymous": 302, "non_member": 403, "member": 403}[who]
        assert response.status_code == expected, path
    response = client.post(url + "import/", {"file": upload(csv_bytes([row(1)]))})
    assert response.status_code in (302, 403)
    assert not PendingImport.objects.exists() and not CaseStudyPage.objects.exists()


def test_a_hidden_community_is_missing_to_outsiders(client, db):
    community = factories.make_community(visibility="hidden")
    client.force_login(factories.UserFactory())
    assert client.get(f"{community.url}import/").status_code == 404


def test_members_of_an_open_community_are_refused_and_visitors_sent_to_sign_in(client, db):
    community = factories.make_community(visibility="open")
    member = factories.UserFactory()
    factories.add_member(community, member)
    response = client.get(f"{community.url}import/")
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(member)
    assert client.get(f"{community.url}import/").status_code == 403


def test_a_site_administrator_may_import(client, world):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    response = start(signed_in(client, admin), world, csv_bytes([row(1)]))
    assert response.status_code == 302


def test_dry_run_then_confirm_creates_drafts(client, world):
    signed_in(client, world["facilitator"])
    response = start(client, world, csv_bytes([row(1), row(2, Themes="Knitting")]))
    assert response.status_code == 302
    report = client.get(response["Location"])
    body = report.content.decode()
    assert "Ready to import" in body and "Knitting" in body and "Import as drafts" in body
    assert "read as UTF-8 text" in body
    assert not CaseStudyPage.objects.exists()

    done = client.post(response["Location"])
    assert done.status_code == 302
    assert CaseStudyPage.objects.filter(live=False).count() == 2
    pending = PendingImport.objects.get()
    assert pending.status == "done" and pending.rows == []
    body = client.get(response["Location"]).content.decode()
    page = CaseStudyPage.objects.get(title="Imported project 1")
    assert f"/admin/pages/{page.pk}/edit/" in body
    # Confirming twice imports nothing more.
    client.post(response["Location"])
    assert CaseStudyPage.objects.count() == 2


def test_a_row_refused_while_importing_is_reported_on_the_page(client, world, monkeypatch):
    from imports import services

    signed_in(client, world["facilitator"])
    location = start(client, world, csv_bytes([row(1), row(2)]))["Location"]
    factories.make_case_study(world["community"], title="Taken", slug="imported-project-2")
    monkeypatch.setattr(services, "_unique_slug", lambda title, taken: slugify(title))
    response = client.post(location)
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and "Row 3 could not be saved" in body
    assert CaseStudyPage.objects.count() == 1
    assert PendingImport.objects.get().status == PendingImport.Status.CHECKED


def test_the_report_lists_problems_by_row_and_column_and_offers_no_import(client, world):
    signed_in(client, world["facilitator"])
    response = start(client, world, csv_bytes([row(1), row(2, Summary="", Stage="soon")]))
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "The file has problems" in body and "govuk-error-summary" in body
    assert '<td class="govuk-table__cell">3</td><td class="govuk-table__cell">Summary</td>' in body
    assert "Import as drafts" not in body
    assert client.post(response["Location"]).status_code == 400
    assert not CaseStudyPage.objects.exists()


def test_publishing_from_the_site(client, world):
    signed_in(client, world["facilitator"])
    response = start(client, world, csv_bytes([row(1)]), publish=True)
    assert "Import and publish" in client.get(response["Location"]).content.decode()
    client.post(response["Location"])
    assert CaseStudyPage.objects.get().live


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "file is empty"),
        (b"x", "notes.txt", "must be a CSV file"),
        (b"Ref,Name\n1,2\n", "wrong.csv", "is not a column the import knows"),
        (b"\xff\xfe\x00\x00", "utf16.csv", "UTF-16"),
        (b"PK\x03\x04nope", "book.xlsx", "not an Excel workbook"),
        (damaged_xlsx(rows=300, keep=0.8), "damaged.xlsx", "may be damaged"),
    ],
)
def test_bad_files_are_refused_on_the_form(client, world, content, name, message):
    signed_in(client, world["facilitator"])
    response = start(client, world, content, name)
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and message in body
    assert not PendingImport.objects.exists()


@override_settings(IMPORT_MAX_ROWS=3)
def test_too_many_rows_are_refused_with_a_pointer_to_the_command(client, world):
    signed_in(client, world["facilitator"])
    response = start(client, world, csv_bytes([row(n) for n in range(1, 5)]))
    assert response.status_code == 400
    assert "import_case_studies" in response.content.decode()
    assert not PendingImport.objects.exists()


@override_settings(IMPORT_MAX_UPLOAD_BYTES=1024)
def test_a_file_too_large_is_refused_before_it_is_read(client, world):
    signed_in(client, world["facilitator"])
    response = start(client, world, csv_bytes([row(n) for n in range(1, 40)]))
    assert response.status_code == 400
    assert "import_case_studies" in response.content.decode()


def test_an_upload_belongs_to_its_uploader(client, world):
    signed_in(client, world["facilitator"])
    location = start(client, world, csv_bytes([row(1)]))["Location"]
    other = factories.UserFactory()
    factories.add_member(world["community"], other, role="facilitator")
    client.force_login(other)
    assert client.get(location).status_code == 404
    assert client.post(location).status_code == 404
    assert not CaseStudyPage.objects.exists()


def test_expired_uploads_are_gone(client, world):
    signed_in(client, world["facilitator"])
    location = start(client, world, csv_bytes([row(1)]))["Location"]
    PendingImport.objects.update(expires_at="2000-01-01T00:00Z")
    assert client.get(location).status_code == 404
    start(client, world, csv_bytes([row(2)]))
    assert PendingImport.objects.count() == 1  # the expired one was deleted


def test_templates_download_with_the_documented_headings(client, world):
    from imports.services import template_headers

    signed_in(client, world["facilitator"])
    url = world["community"].url
    response = client.get(url + "import/template/csv/")
    assert response["Content-Disposition"].startswith("attachment")
    text = b"".join(response.streaming_content).decode()
    assert text.strip().split(",") == template_headers()
    response = client.get(url + "import/template/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in next(sheet.iter_rows())] == template_headers()
    assert client.get(url + "import/template/pdf/").status_code == 404
    response = client.get(url + "import/example/")
    assert b"NMCC-2024-017" in b"".join(response.streaming_content)
