"""Keeping the search index in step with the pages: publish, edit, unpublish, move, delete,
visibility changes and renamed organisations; the rebuild and check commands."""

import io
import threading
import time
from unittest import mock

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from casestudies.models import Lesson
from communities.models import Visibility
from search import indexing, services
from search.documents import DocumentBatches
from search.locks import PAGE_LOCK_SPACE, pages_locked
from search.models import Audience, Kind, SearchDocument
from tests import factories

pytestmark = pytest.mark.django_db


def docs(**filters):
    return SearchDocument.objects.filter(**filters)


def keys_of(page):
    return set(docs(page_id=page.pk).values_list("key", flat=True))


def test_publishing_a_case_study_indexes_it_and_each_lesson(open_community):
    page = factories.make_case_study(
        open_community,
        title="Bin collection app",
        lessons=[
            ("went_wrong", "procurement", "The framework took months."),
            ("advice", "people", "Involve crews early."),
        ],
    )
    lessons = list(page.lessons.all())
    assert keys_of(page) == {f"page:{page.pk}"} | {f"lesson:{lesson.pk}" for lesson in lessons}
    case_study = docs(key=f"page:{page.pk}").get()
    assert case_study.kind == Kind.CASE_STUDY
    assert case_study.community_id == open_community.pk
    assert case_study.audience == Audience.EVERYONE
    assert case_study.url == page.url
    lesson = docs(key=f"lesson:{lessons[0].pk}").get()
    assert lesson.kind == Kind.LESSON
    assert lesson.lesson_kind == "went_wrong"
    assert lesson.url == f"{page.url}#lesson-{lessons[0].pk}"


def test_republishing_replaces_the_documents_of_removed_lessons(open_community):
    page = factories.make_case_study(
        open_community,
        lessons=[("went_wrong", "data", "Old lesson."), ("advice", "people", "Kept lesson.")],
    )
    page = page.specific
    old, kept = page.lessons.all()
    page.lessons = [kept, Lesson(kind="went_well", category="process", text="A new lesson.")]
    page.title = "Renamed case study"
    page.save_revision().publish()
    assert not docs(key=f"lesson:{old.pk}").exists()
    assert docs(page_id=page.pk, kind=Kind.LESSON).count() == 2
    assert set(docs(page_id=page.pk).values_list("title", flat=True)) == {"Renamed case study"}


def test_unpublishing_and_deleting_remove_documents(open_community):
    unpublished = factories.make_case_study(open_community)
    deleted = factories.make_case_study(open_community)
    unpublished.unpublish()
    assert not keys_of(unpublished)
    deleted_id = deleted.pk
    deleted.delete()
    assert not docs(page_id=deleted_id).exists()


def test_a_change_of_visibility_changes_the_audience_of_everything_inside(open_community):
    page = factories.make_case_study(open_community)
    wiki = factories.make_wiki_page(open_community, title="Getting started")
    open_community.visibility = Visibility.PRIVATE
    open_community.save_revision().publish()
    for key in (f"page:{page.pk}", f"page:{wiki.pk}"):
        assert docs(key=key).get().audience == Audience.MEMBERS
    # A private community is still listed (name and purpose) to everyone; a hidden one is not.
    assert docs(key=f"page:{open_community.pk}").get().audience == Audience.EVERYONE
    open_community.visibility = Visibility.HIDDEN
    open_community.save_revision().publish()
    assert docs(key=f"page:{open_community.pk}").get().audience == Audience.MEMBERS


def test_unpublishing_a_community_removes_everything_inside(open_community):
    page = factories.make_case_study(open_community)
    open_community.unpublish()
    assert not docs(community_id=open_community.pk).exists()
    assert not keys_of(page)


def test_moving_a_case_study_to_another_community_moves_its_documents(
    open_community, private_community
):
    page = factories.make_case_study(open_community)
    page.move(private_community, pos="last-child")
    moved = docs(key=f"page:{page.pk}").get()
    assert moved.community_id == private_community.pk
    assert moved.audience == Audience.MEMBERS
    assert set(docs(page_id=page.pk).values_list("community_id", flat=True)) == {
        private_community.pk
    }


def test_renaming_an_organisation_re_indexes_its_case_studies(open_community):
    organisation = factories.OrganisationFactory(name="Old Name Council")
    partner = factories.OrganisationFactory(name="Partner Borough")
    page = factories.make_case_study(open_community, lead_organisation=organisation)
    page.partner_organisations.add(partner)
    page.save_revision().publish()
    organisation.name = "Renamed Council"
    organisation.save()
    assert docs(key=f"page:{page.pk}").get().organisation == "Renamed Council"
    partner.name = "Zebrafield Borough"
    partner.save()
    assert services.search(query="Zebrafield", user=None, log=False).total == 1


def test_wiki_pages_and_communities_are_indexed(open_community):
    wiki = factories.make_wiki_page(open_community, title="Procurement tips", body="<p>Ask.</p>")
    assert docs(key=f"page:{wiki.pk}").get().kind == Kind.WIKI
    community = docs(key=f"page:{open_community.pk}").get()
    assert community.kind == Kind.COMMUNITY
    assert community.summary == open_community.purpose


@override_settings(SEARCH_INDEX_IMMEDIATELY=False)
def test_changes_are_indexed_by_a_task_once_committed(
    open_community, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = factories.make_case_study(open_community)
    assert not keys_of(page)  # nothing happens until the change is committed
    for callback in callbacks:
        callback()  # the test task backend runs each enqueued task at once
    assert f"page:{page.pk}" in keys_of(page)


def test_nothing_is_scheduled_while_indexing_is_suspended(open_community):
    with indexing.suspended():
        page = factories.make_case_study(open_community)
    assert not keys_of(page)
    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())
    assert keys_of(page)


def run(command, *args):
    out = io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue()


def test_rebuild_is_idempotent_and_check_finds_missing_stale_and_extra(open_community):
    first = factories.make_case_study(open_community)
    second = factories.make_case_study(open_community)
    run("rebuild_search_index")
    before = dict(SearchDocument.objects.values_list("key", "fingerprint"))
    run("rebuild_search_index")
    assert dict(SearchDocument.objects.values_list("key", "fingerprint")) == before
    code, output = run("check_search_index")
    assert code == 0, output
    assert "The index matches" in output

    docs(key=f"page:{first.pk}").delete()
    docs(key=f"page:{second.pk}").update(fingerprint="stale")
    SearchDocument.objects.create(
        key="page:999999",
        kind=Kind.WIKI,
        page_id=999999,
        audience=Audience.EVERYONE,
        url="/gone/",
        title="Gone",
        fingerprint="x",
        indexed_at=timezone.now(),
    )
    code, output = run("check_search_index")
    assert code == 1
    assert "1 missing, 1 stale, 1 that should not be there" in output
    assert f"page:{first.pk}" in output and f"page:{second.pk}" in output

    run("rebuild_search_index")
    assert run("check_search_index")[0] == 0
    assert not docs(key="page:999999").exists()


def test_rebuild_reports_progress_and_speed(open_community):
    factories.make_case_study(open_community)
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    assert "pages/s" in out.getvalue()
    assert "(100%)" in err.getvalue()


def test_a_new_community_s_wiki_is_indexed_at_once(db):
    community = factories.make_community("Fresh community")
    wiki = factories.wiki_of(community)
    assert docs(key=f"page:{wiki.pk}").get().kind == Kind.WIKI


# -- a rebuild and indexing a page never interleave (search/locks.py) ---------------------


class HeldElsewhere:
    """Page locks held by another database session, released after `seconds`."""

    def __init__(self, page_ids, seconds=0.4):
        self.other = psycopg2.connect(**connection.get_connection_params())
        self.other.autocommit = True
        self.page_ids, self.space, self.seconds = sorted(page_ids), PAGE_LOCK_SPACE, seconds
        with self.other.cursor() as cursor:
            cursor.execute(
                "SELECT bool_and(pg_try_advisory_lock(%s, id)) FROM unnest(%s::int[]) AS id",
                [self.space, self.page_ids],
            )
            assert cursor.fetchone()[0], "the test's own session holds these pages already"
        # Never wait for long in a test: a mistake fails rather than hangs.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '10s'")

    def release_later(self):
        def release():
            time.sleep(self.seconds)
            self.released_at = time.monotonic()
            with self.other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock_all()")

        self.thread = threading.Thread(target=release)
        self.thread.start()
        return self

    def close(self):
        self.thread.join()
        self.other.close()

    def locked_elsewhere(self, page_id) -> bool:
        """Whether a third session would find `page_id` locked."""
        probe = psycopg2.connect(**connection.get_connection_params())
        try:
            with probe.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [self.space, page_id])
                return not cursor.fetchone()[0]
        finally:
            probe.close()


def test_indexing_a_page_waits_for_a_rebuild_batch_holding_it(open_community, monkeypatch):
    with indexing.suspended():  # (indexing it would lock it in this session)
        page = factories.make_case_study(open_community, title="Bin collection app")
    read_at = []
    original = indexing.documents_for_pages
    monkeypatch.setattr(
        indexing,
        "documents_for_pages",
        lambda ids: read_at.append(time.monotonic()) or original(ids),
    )
    held = HeldElsewhere([page.pk]).release_later()
    try:
        indexing.index_pages_now([page.pk])
    finally:
        held.close()
    # The page was read only once the other holder let it go.
    assert read_at and read_at[0] >= held.released_at


def test_a_rebuild_batch_locks_its_pages_before_reading_them(open_community, monkeypatch):
    with indexing.suspended():  # (indexing it would lock it in this session)
        page = factories.make_case_study(open_community, title="Bin collection app")
    batches = DocumentBatches()
    [chunk] = [chunk for chunk in batches.chunks() if page.pk in chunk[1]]
    built_at, locked_while_built = [], []
    original = batches.build

    def build(chunk):
        built_at.append(time.monotonic())
        locked_while_built.append(held.locked_elsewhere(page.pk))
        return original(chunk)

    monkeypatch.setattr(batches, "build", build)
    held = HeldElsewhere([page.pk]).release_later()
    try:
        pages, written, _words = services.postgres_engine()._rebuild_chunk(batches, chunk)
    finally:
        held.close()
    assert built_at and built_at[0] >= held.released_at
    # While it read the pages, the batch held them: indexing one would have waited.
    assert locked_while_built == [True]
    assert pages == len(chunk[1]) and written > 0
    assert f"page:{page.pk}" in set(docs(page_id=page.pk).values_list("key", flat=True))


def test_page_locks_outside_a_transaction_are_released_after_the_block(db):
    def held():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND classid = %s "
                "AND pid = pg_backend_pid()",
                [PAGE_LOCK_SPACE],
            )
            return sorted(row[0] for row in cursor.fetchall())

    # The test's transaction keeps transaction-level locks; a block outside any
    # transaction (a task in the worker) releases its own.
    with mock.patch.object(connection, "in_atomic_block", False):
        with pages_locked([7, 3, 7]):
            assert held() == [3, 7]
        assert held() == []
        # And it waits for another holder, as the transaction's locks do.
        other = HeldElsewhere([5]).release_later()
        try:
            with pages_locked([3, 5]):
                entered_at = time.monotonic()
                assert held() == [3, 5]
        finally:
            other.close()
        assert entered_at >= other.released_at and held() == []


def test_a_community_made_private_during_a_rebuild_stays_private(open_community):
    """The rebuild writes its first chunk, then the community is made private (and its
    pages re-indexed) before the case studies' chunk is built: that chunk must read the
    community as it is now, not as it was when the rebuild started."""
    page = factories.make_case_study(open_community)
    engine = services.postgres_engine()
    batches = DocumentBatches()
    chunks = list(batches.chunks())
    [first] = [chunk for chunk in chunks if open_community.pk in chunk[1]]
    [later] = [chunk for chunk in chunks if page.pk in chunk[1]]
    engine._rebuild_chunk(batches, first)
    open_community.visibility = Visibility.PRIVATE
    open_community.save_revision().publish()
    assert docs(key=f"page:{page.pk}").get().audience == Audience.MEMBERS
    engine._rebuild_chunk(batches, later)
    assert docs(key=f"page:{page.pk}").get().audience == Audience.MEMBERS
