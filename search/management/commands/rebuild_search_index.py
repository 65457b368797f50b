"""Re-index everything, in batches and bounded memory. Safe to run again at any time."""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from cop import pagecache
from cop.progress import Progress
from search.documents import all_documents, count_pages
from search.engines.base import EngineError


class Command(BaseCommand):
    help = "Rebuild the search index from the published pages (both engines when configured)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine",
            choices=["all", "postgres", "elasticsearch"],
            default="all",
            help="Which index to rebuild (default: every configured engine).",
        )
        parser.add_argument("--batch-size", type=int, default=250)
        parser.add_argument(
            "--writers",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="Processes building and writing batches to PostgreSQL at once, each on its "
            "own connection (default 2, or 1 on a single CPU).",
        )

    def handle(self, *args, engine="all", batch_size=250, writers=None, **options):
        from search.services import elasticsearch_engine, postgres_engine

        engines = []
        if engine in ("all", "postgres"):
            engines.append(postgres_engine())
        if engine in ("all", "elasticsearch"):
            elastic = elasticsearch_engine()
            if elastic is None and engine == "elasticsearch":
                raise CommandError("ELASTICSEARCH_URL is not set.")
            if elastic is not None:
                engines.append(elastic)
        total = count_pages()
        for chosen in engines:
            self.stdout.write(f"Rebuilding the {chosen.name} index from {total} pages ...")
            started = time.perf_counter()
            progress = Progress(total, stream=self.stderr)
            try:
                written = chosen.rebuild(
                    all_documents(batch_size), progress=progress, writers=max(1, writers or 1)
                )
            except EngineError as error:
                message = f"The {chosen.name} index could not be rebuilt: {error}"
                raise CommandError(message) from error
            finally:
                pagecache.bump()  # kept search pages and answers may show the old index
            progress.finish()
            seconds = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(
                    f"{chosen.name}: {written} documents from {total} pages in {seconds:.1f}s "
                    f"({total / max(seconds, 1e-6):,.0f} pages/s)."
                )
            )
