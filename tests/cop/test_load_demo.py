"""The demo content loads, shows every kind of thing, and is safe to run twice."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Revision, WorkflowState

from casestudies.models import (
    CaseStudyAttachment,
    CaseStudyImage,
    CaseStudyPage,
    Lesson,
    LessonCategory,
    LessonKind,
    Stage,
)
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
from discussions.models import Discussion, Post, PostStatus, Report

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            User,
            CommunityPage,
            Membership,
            CaseStudyPage,
            Lesson,
            Image,
            Document,
            CaseStudyImage,
            CaseStudyAttachment,
        )
    } | {
        "discussions": Discussion.objects.count(),
        "posts": Post.objects.count(),
        "reports": Report.objects.count(),
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

    # Discussions: a pinned one, an answered question, a report, a held post, comments.
    assert Discussion.objects.filter(pinned=True).exists()
    assert Discussion.objects.filter(is_question=True, answer__isnull=False).exists()
    assert Report.objects.filter(resolved_at__isnull=True).exists()
    held = Post.objects.get(status=PostStatus.HELD)
    assert held.community.hold_first_posts
    assert Post.objects.filter(case_study__isnull=False, parent__isnull=False).exists()
    from search.models import SearchDocument

    assert SearchDocument.objects.filter(kind="discussion").count() == Discussion.objects.count()

    # Follows, saved searches, "this helped us" and a digest worth previewing.
    from participation.models import Follow, HelpedRecord, SavedSearch
    from participation.services.notifications import preview_for

    assert {kind for (kind,) in Follow.objects.values_list("kind")} >= {
        "community",
        "theme",
        "case_study",
        "member",
        "saved_search",
    }
    assert SavedSearch.objects.count() >= 3
    assert HelpedRecord.objects.filter(kind="reused").exclude(note="").exists()
    # An announcement on a community, and something waiting in a facilitator's queue.
    from discussions.queue import waiting_for
    from participation.models import Announcement

    assert Announcement.objects.filter(community__slug="channel-shift").exists()
    assert waiting_for(User.objects.get(email="sam.whitfield@northmoor.gov.uk"))[2] >= 1
    digest, _since, _until, _frequency = preview_for(
        User.objects.get(email="jo.hartley@aldbridge.gov.uk")
    )
    assert digest.count >= 1
    participation = (
        Follow.objects.count(),
        SavedSearch.objects.count(),
        HelpedRecord.objects.count(),
        Announcement.objects.count(),
    )

    # Curation: a welcome, featured case studies, a collection (with a private item) and
    # best bets.
    from curation.models import (
        BestBet,
        CollectionItem,
        CollectionPage,
        CommunityWelcome,
        FeaturedCaseStudy,
    )

    assert CommunityWelcome.objects.exclude(text="").exists()
    assert FeaturedCaseStudy.objects.count() >= 2
    collection = CollectionPage.objects.live().get()
    assert collection.items.filter(lesson__isnull=False).exists()
    assert collection.items.filter(
        case_study__path__startswith=CommunityPage.objects.get(visibility="private").path
    ).exists()
    assert BestBet.objects.count() >= 2
    curation = tuple(
        model.objects.count()
        for model in (CommunityWelcome, FeaturedCaseStudy, CollectionItem, BestBet)
    )

    # The insight dashboards: page views, searches in communities that found nothing,
    # members who joined and left.
    from insight.models import MembershipEvent, PageViewDay
    from search.models import SearchLog

    assert PageViewDay.objects.filter(day=today).exists()
    assert SearchLog.objects.filter(result_count=0, community_id__isnull=False).exists()
    assert MembershipEvent.objects.filter(kind="left").exists()
    insight = (
        PageViewDay.objects.count(),
        SearchLog.objects.count(),
        MembershipEvent.objects.count(),
    )

    # The example import file names only what the demo has, in Channel shift.
    from django.conf import settings

    from imports.reading import open_table
    from imports.services import import_check

    example = open_table(settings.BASE_DIR / "cop" / "demo" / "import-example.csv")
    report = import_check(
        example, community=CommunityPage.objects.get(slug="channel-shift"), publish=True
    )
    assert report.ok and report.rows == 2 and report.new == 2, report.problems
    assert not report.unmatched, report.unmatched

    call_command("load_demo", force=True)
    assert counts() == first
    assert curation == tuple(
        model.objects.count()
        for model in (CommunityWelcome, FeaturedCaseStudy, CollectionItem, BestBet)
    )
    assert insight == (
        PageViewDay.objects.count(),
        SearchLog.objects.count(),
        MembershipEvent.objects.count(),
    )
    assert participation == (
        Follow.objects.count(),
        SavedSearch.objects.count(),
        HelpedRecord.objects.count(),
        Announcement.objects.count(),
    )


def test_demo_case_studies_show_images_and_attachments_in_their_community(client):
    from communities.selectors import community_of_collection

    call_command("load_demo", force=True)
    images = CaseStudyImage.objects.select_related("image__collection", "page")
    attachments = CaseStudyAttachment.objects.select_related("document__collection", "page")
    assert images.count() >= 3 and attachments.count() >= 3
    for item, stored in [(i, i.image) for i in images] + [(a, a.document) for a in attachments]:
        community = CommunityPage.objects.ancestor_of(item.page).get()
        assert community_of_collection(stored.collection) == community
    visibilities = {
        CommunityPage.objects.ancestor_of(item.page).get().visibility for item in images
    }
    assert Visibility.PRIVATE in visibilities and Visibility.OPEN in visibilities

    # An open one shows its chart, which loads, and its attachment, which opens.
    item = images.filter(
        page__path__startswith=CommunityPage.objects.get(slug="channel-shift").path
    ).first()
    html = client.get(item.page.specific.url).content.decode()
    assert f'src="/images/{item.image.pk}/width-800/"' in html
    response = client.get(f"/images/{item.image.pk}/width-800/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    document = attachments.filter(page=item.page).get().document
    assert document.file.read().startswith(b"%PDF-1.4") and document.file_size
    # A private one is not there for a visitor.
    private = (
        images.exclude(image__collection=item.image.collection)
        .filter(
            page__path__startswith=CommunityPage.objects.get(visibility=Visibility.PRIVATE).path
        )
        .first()
    )
    assert client.get(f"/images/{private.image.pk}/width-800/").status_code == 404
