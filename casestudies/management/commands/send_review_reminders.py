from django.core.management.base import BaseCommand

from casestudies.services import freshness


class Command(BaseCommand):
    help = (
        "Email the review owners of case studies past their review-by date: once, then one "
        "reminder two weeks later. Safe to run more than once a day; run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the task worker (manage.py db_worker) instead of doing "
            "it now.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from casestudies.tasks import send_review_reminders

            result = send_review_reminders.enqueue()
            self.stdout.write(f"Queued review reminders (task {result.id}).")
            return
        run = freshness.send_review_reminders()
        self.stdout.write(str(run))
        if run.failed:
            raise SystemExit(1)
