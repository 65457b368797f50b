"""The demo content loads, shows every kind of thing, and is safe to run twice."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from casestudies.models import CaseStudyPage, Lesson, LessonCategory, LessonKind, Stage
from communities.models import (
    CommunityPage,
    Invitation,
    Membership,
    MembershipRole,
    MembershipState,
    Organisation,
    User,
    Visibility,
)

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Organisation, User, CommunityPage, Membership, CaseStudyPage, Lesson)
    } | {
        "revisions": Revision.objects.count(),
        "workflow states": WorkflowState.objects.count(),
    }


def test_demo_loads_everything_once(capsys):
    call_command("load_demo", force=True)
    first = counts()
    output = capsys.readouterr().out
    assert "demo-password-2026" in output

    assert first["Organisation"] >= 12 and first["CommunityPage"] >= 5
    assert first["CaseStudyPage"] >= 40
    assert set(CommunityPage.objects.values_list("visibility", flat=True)) == set(Visibility)
    assert set(CaseStudyPage.objects.values_list("stage", flat=True)) == set(Stage)
    assert set(Lesson.objects.values_list("kind", flat=True)) == set(LessonKind)
    assert set(Lesson.objects.values_list("category", flat=True)) == set(LessonCategory)
    assert Membership.objects.filter(role=MembershipRole.FACILITATOR).exists()
    assert Membership.objects.filter(state=MembershipState.REQUESTED).exists()
    assert Membership.objects.filter(state=MembershipState.INVITED).exists()
    assert User.objects.filter(is_superuser=True).exists()
    assert User.objects.filter(approved=False).exists()
    assert Invitation.objects.exists()
    # Wiki pages with several versions, and a case study waiting for review.
    from wagtail.models import WorkflowState

    from wiki.models import WikiPage

    assert WikiPage.objects.count() >= 3
    assert max(page.revisions.count() for page in WikiPage.objects.all()) >= 3
    waiting = CaseStudyPage.objects.get(slug="missed-bin-reports-in-cab")
    assert not waiting.live
    assert WorkflowState.objects.filter(object_id=str(waiting.pk), status="in_progress").exists()
    today = timezone.localdate()
    live = CaseStudyPage.objects.live()
    assert live.filter(review_by__lt=today).exists()  # overdue: the notice and reminders
    assert live.filter(review_by__gte=today, review_by__lte=today + dt.timedelta(days=30)).exists()

    call_command("load_demo", force=True)
    assert counts() == first
