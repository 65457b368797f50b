from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cop.db import server
from cop.db.embedded.base import ensure_database


class Command(BaseCommand):
    help = (
        "Start, stop or show the project's own PostgreSQL server (used when DATABASE_URL is unset)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status"])

    def handle(self, *args, action, **options):
        db = settings.DATABASES["default"]
        if db["ENGINE"] != "cop.db.embedded":
            raise CommandError(
                "DATABASE_URL is set, so the site uses that server and starts none of its own."
            )
        embedded = db["EMBEDDED"]
        if embedded.get("THROWAWAY"):
            raise CommandError("These settings use a throwaway test server; nothing to manage.")
        data_dir = embedded["DATA_DIR"]
        try:
            if action == "start":
                info = server.ensure_running(data_dir)
                ensure_database(info, db["NAME"], db.get("USER") or "postgres")
                self.stdout.write(f"Database running, data in {info.data_dir}.")
            elif action == "stop":
                self.stdout.write(server.stop(data_dir))
            else:
                self.stdout.write(server.status(data_dir))
        except server.EmbeddedDatabaseError as exc:
            raise CommandError(str(exc)) from exc
