"""A facilitator sees a case study overdue for review; its review owner marks it as reviewed
and the notice goes."""

import datetime as dt

import pytest
from django.utils import timezone

from communities.models import MembershipRole
from tests import factories
from tests.browser.conftest import check_accessibility, visit
from tests.browser.test_membership import sign_in, sign_out

pytestmark = pytest.mark.django_db


def test_review_owner_marks_an_overdue_case_study_as_reviewed(page):
    community = factories.make_community("Channel shift", visibility="private")
    owner = factories.UserFactory(first_name="Rita", last_name="Reviewer")
    factories.add_member(community, owner)
    facilitator = factories.UserFactory(first_name="Fay", last_name="Cilitator")
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    overdue_since = timezone.localdate() - dt.timedelta(days=20)
    study = factories.make_case_study(
        community,
        title="Chatbot for bin collections",
        owner=owner,
        review_owner=owner,
        review_by=overdue_since,
    )

    sign_in(page, facilitator)
    visit(page, f"{community.url}manage/", "manage page with an overdue case study")
    assert page.get_by_text("1 case study is overdue for review.").is_visible()
    overdue = page.get_by_role("table", name="Case studies overdue for review, oldest first")
    assert overdue.get_by_role("link", name="Chatbot for bin collections").is_visible()
    assert overdue.get_by_text("Rita Reviewer").is_visible()
    sign_out(page)

    sign_in(page, owner)
    visit(page, study.url, "overdue case study")
    notice = page.get_by_role("region", name="May be out of date")
    assert notice.is_visible()
    assert f"due for review by {overdue_since:%-d %B %Y}" in notice.inner_text()
    assert page.get_by_text("not reviewed since it was published").is_visible()

    notice.get_by_role("button", name="Mark as reviewed").click()
    assert page.get_by_text("Marked as reviewed. The next review is due by").is_visible()
    check_accessibility(page, "case study after marking it reviewed")
    assert page.get_by_role("region", name="May be out of date").count() == 0
    assert page.get_by_text(f"last reviewed {timezone.localdate():%-d %B %Y}").first.is_visible()
    sign_out(page)

    sign_in(page, facilitator)
    visit(page, f"{community.url}manage/", "manage page with nothing overdue")
    assert page.get_by_text("No case studies are overdue for review.").is_visible()
    sign_out(page)
    assert not page.console_errors, page.console_errors
