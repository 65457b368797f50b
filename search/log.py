"""The search log: kept for SEARCH_LOG_RETENTION_DAYS, then pruned (a scheduled job)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from search.models import SearchLog


def prune(now=None) -> int:
    """Delete log entries older than the retention period. Returns how many went."""
    days = int(getattr(settings, "SEARCH_LOG_RETENTION_DAYS", 365))
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _by_model = SearchLog.objects.filter(created_at__lt=cutoff).delete()
    return deleted
