"""Delete search log entries older than SEARCH_LOG_RETENTION_DAYS (run daily)."""

from django.core.management.base import BaseCommand

from search.log import prune


class Command(BaseCommand):
    help = "Delete search log entries older than the retention period."

    def handle(self, *args, **options):
        deleted = prune()
        self.stdout.write(f"Deleted {deleted} old search log entries.")
