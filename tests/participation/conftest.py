import datetime as dt

import pytest
from django.utils import timezone

from participation.services import notifications

# A Wednesday morning: the weekly digest covers Monday 6 to Sunday 12 April 2026.
NOW = timezone.make_aware(dt.datetime(2026, 4, 15, 7, 0))


@pytest.fixture
def clock(monkeypatch):
    """The notifications' clock, fixed; `clock.set(...)` moves it."""

    class Clock:
        now = NOW

        def set(self, value):
            self.now = value

    fixed = Clock()
    monkeypatch.setattr(notifications, "current_time", lambda: fixed.now)
    return fixed


def published_at(page, when):
    """Pretend `page` was first published at `when` (and nothing since)."""
    type(page).objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    page.first_published_at = page.last_published_at = when
    return page
