"""Re-index everything, in batches and bounded memory. Safe to run again at any time."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from search.documents import all_documents, count_pages
from search.engines.base import EngineError


class Progress:
    """A one-line progress bar on stderr (a plain line per 10% when not a terminal)."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.stream = max(total, 1), 0, stream
        self.started = time.perf_counter()
        self.tty = stream.isatty()
        self.last_tenth = -1

    def write(self, text: str) -> None:
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)

    def __call__(self, pages: int) -> None:
        self.done += pages
        share = min(self.done / self.total, 1)
        rate = self.done / max(time.perf_counter() - self.started, 1e-6)
        if self.tty:
            bar = "#" * int(share * 30)
            self.write(f"\r[{bar:<30}] {self.done}/{self.total} pages, {rate:,.0f}/s")
            self.stream.flush()
        elif int(share * 10) > self.last_tenth:
            self.last_tenth = int(share * 10)
            self.write(f"{self.done}/{self.total} pages ({share:.0%}), {rate:,.0f}/s\n")

    def finish(self):
        if self.tty:
            self.write("\n")


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

    def handle(self, *args, engine="all", batch_size=250, **options):
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
                written = chosen.rebuild(all_documents(batch_size), progress=progress)
            except EngineError as error:
                message = f"The {chosen.name} index could not be rebuilt: {error}"
                raise CommandError(message) from error
            progress.finish()
            seconds = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(
                    f"{chosen.name}: {written} documents from {total} pages in {seconds:.1f}s "
                    f"({total / max(seconds, 1e-6):,.0f} pages/s)."
                )
            )
