"""A facilitator imports case studies from a spreadsheet: a file with a problem first,
then a corrected one; they read the dry-run report, confirm, and find the draft."""

import pytest
from playwright.sync_api import expect

from communities.models import MembershipRole
from tests import factories
from tests.browser.conftest import check_accessibility, visit
from tests.browser.test_membership import sign_in
from tests.imports.conftest import HEADERS, csv_bytes, row

pytestmark = pytest.mark.django_db


def test_facilitator_imports_case_studies_as_drafts(page, tmp_path):
    community = factories.make_community("Open data", visibility="private")
    factories.organisation_with_domain("northmoor.gov.uk", name="Northmoor County Council")
    facilitator = factories.UserFactory(first_name="Fay", last_name="Cilitator")
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)

    broken = tmp_path / "broken.csv"
    broken.write_bytes(csv_bytes([row(1, Title="Bus stop data"), row(2, Summary="")], HEADERS))
    good = tmp_path / "case-studies.csv"
    good.write_bytes(
        csv_bytes([row(1, Title="Bus stop data", Themes="Open data; Knitting patterns")], HEADERS)
    )

    sign_in(page, facilitator)
    visit(page, f"{community.url}manage/", "manage page with the import link")
    page.get_by_role("link", name="Import case studies from a spreadsheet").click()
    expect(
        page.get_by_role("heading", name="Import case studies from a spreadsheet")
    ).to_be_visible()
    check_accessibility(page, "import page")

    # Nothing chosen: the error summary.
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, "import page with an error")

    # A file with a problem: reported by row and column, nothing to confirm.
    page.get_by_label("Upload a file").set_input_files(str(broken))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="The file has problems")).to_be_visible()
    problems = page.get_by_role("table", name="Problems")
    expect(problems.get_by_role("row").nth(1)).to_contain_text("3")
    expect(problems.get_by_role("row").nth(1)).to_contain_text("Summary")
    expect(page.get_by_role("button", name="Import as drafts")).to_have_count(0)
    check_accessibility(page, "dry-run report with problems")

    # The corrected file: ready, with the name that could not be matched.
    page.get_by_role("link", name="Upload a corrected file").click()
    page.get_by_label("Upload a file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Ready to import")).to_be_visible()
    unmatched = page.get_by_role("table", name="Names we could not match")
    expect(unmatched).to_contain_text("Knitting patterns")
    check_accessibility(page, "dry-run report ready to import")

    page.get_by_role("button", name="Import as drafts").click()
    expect(page.get_by_role("heading", name="Import finished")).to_be_visible()
    check_accessibility(page, "import finished")

    # The draft opens in the editor.
    page.get_by_role("link", name="Bus stop data").click()
    expect(page.locator("#id_title")).to_have_value("Bus stop data")
