"""Report documents missing from, stale in, or left over in the search index."""

from django.core.management.base import BaseCommand, CommandError

from search.documents import all_documents
from search.engines.base import EngineError


class Command(BaseCommand):
    help = "Compare the search index with the published pages; exit 1 if they differ."

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=["postgres", "elasticsearch"], default="postgres")
        parser.add_argument("--show", type=int, default=20, help="How many keys to list.")

    def handle(self, *args, engine="postgres", show=20, **options):
        from search.services import elasticsearch_engine, postgres_engine

        chosen = postgres_engine() if engine == "postgres" else elasticsearch_engine()
        if chosen is None:
            raise CommandError("ELASTICSEARCH_URL is not set.")
        try:
            indexed = chosen.fingerprints()
        except EngineError as error:
            raise CommandError(f"Could not read the {chosen.name} index: {error}") from error
        missing, stale, expected = [], [], 0
        for _pages, documents in all_documents():
            for document in documents:
                expected += 1
                fingerprint = indexed.pop(document.key, None)
                if fingerprint is None:
                    missing.append(document.key)
                elif fingerprint != document.fingerprint:
                    stale.append(document.key)
        extra = sorted(indexed)
        self.stdout.write(
            f"{chosen.name}: {expected} documents expected; {len(missing)} missing, "
            f"{len(stale)} stale, {len(extra)} that should not be there."
        )
        for label, keys in (("Missing", missing), ("Stale", stale), ("Not expected", extra)):
            if keys:
                self.stdout.write(f"{label}: {', '.join(keys[:show])}")
        if missing or stale or extra:
            self.stdout.write("Run `manage.py rebuild_search_index` to repair the index.")
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("The index matches the published pages."))
