"""Every search is logged (query, filters, result count, user, time); old entries pruned."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.test import override_settings
from django.utils import timezone

from search import services
from search.log import prune
from search.models import SearchLog
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_search_is_logged_with_its_filters_count_and_user(open_community, member):
    factories.make_case_study(open_community, title="Damp and mould in council homes")
    services.search(user=member, params=QueryDict("q=damp&kind=case_study&stage=banana"))
    services.search(query="nothing matches this xyzzy", user=None)
    found, missed = SearchLog.objects.order_by("created_at")
    assert (found.query, found.result_count, found.user) == ("damp", 1, member)
    assert found.filters == {"kind": ["case_study"]}  # only the filters that applied
    assert found.engine == "postgres"
    assert (missed.result_count, missed.user) == (0, None)


def test_an_empty_search_page_is_not_logged(db):
    services.search(query="", user=None)
    assert not SearchLog.objects.exists()


def test_searches_within_a_community_record_it(open_community):
    services.search(query="anything", user=None, community=open_community)
    assert SearchLog.objects.get().community_id == open_community.pk


@override_settings(SEARCH_LOG_RETENTION_DAYS=30)
def test_entries_older_than_the_retention_period_are_pruned(db):
    old = SearchLog.objects.create(query="old", result_count=0, engine="postgres")
    recent = SearchLog.objects.create(query="recent", result_count=1, engine="postgres")
    SearchLog.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    SearchLog.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=29))
    assert prune() == 1
    assert list(SearchLog.objects.values_list("query", flat=True)) == ["recent"]
    out = io.StringIO()
    call_command("prune_search_log", stdout=out)
    assert "Deleted 0" in out.getvalue()
