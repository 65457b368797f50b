import pytest

from tests import factories


@pytest.fixture
def member(db):
    return factories.UserFactory()


@pytest.fixture
def open_community(db):
    return factories.make_community("Channel shift", visibility="open")


@pytest.fixture
def private_community(db):
    return factories.make_community("Police data sharing", visibility="private")


@pytest.fixture(autouse=True)
def _no_kept_answers():
    """Answers kept between requests (cop.requestmemo.kept) live as long as the page
    cache's generation, which a test's rolled-back data does not change: drop them."""
    from cop import requestmemo

    requestmemo.forget_kept()


@pytest.fixture
def page_cache(settings):
    """The whole-page cache for anonymous readers switched on (cop/pagecache.py), empty."""
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 300
    cache = caches["pages"]
    cache.clear()
    yield cache
    cache.clear()
