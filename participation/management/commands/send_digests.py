from django.core.management.base import BaseCommand

from participation.models import Frequency
from participation.services import notifications


class Command(BaseCommand):
    help = (
        "Email each member who chose daily (or weekly) digests what is new in what they "
        "follow, for the last whole day (or week, Monday to Sunday). Empty digests are not "
        "sent. Safe to run more than once: nothing is sent twice. Run from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency", choices=[Frequency.DAILY, Frequency.WEEKLY], required=True
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the task worker (manage.py db_worker) instead.",
        )

    def handle(self, *args, frequency, enqueue=False, **options):
        if enqueue:
            from participation.tasks import send_digests

            result = send_digests.enqueue(frequency)
            self.stdout.write(f"Queued the {frequency} digests (task {result.id}).")
            return
        run = notifications.digests_send(frequency=frequency)
        self.stdout.write(str(run))
        if run.failed:
            raise SystemExit(1)
