"""A one-line progress bar for management commands (bulk re-indexing, imports)."""

import sys
import time

from django.core.management.base import OutputWrapper


class Progress:
    """A one-line progress bar on stderr (a plain line per 10% when not a terminal)."""

    def __init__(self, total: int, stream=sys.stderr, unit: str = "pages"):
        self.total, self.done, self.stream = max(total, 1), 0, stream
        self.unit = unit
        self.started = time.perf_counter()
        self.tty = stream.isatty()
        self.last_tenth = -1

    def write(self, text: str) -> None:
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)

    def __call__(self, done: int) -> None:
        self.done += done
        share = min(self.done / self.total, 1)
        rate = self.done / max(time.perf_counter() - self.started, 1e-6)
        if self.tty:
            bar = "#" * int(share * 30)
            self.write(f"\r[{bar:<30}] {self.done}/{self.total} {self.unit}, {rate:,.0f}/s")
            self.stream.flush()
        elif int(share * 10) > self.last_tenth:
            self.last_tenth = int(share * 10)
            self.write(f"{self.done}/{self.total} {self.unit} ({share:.0%}), {rate:,.0f}/s\n")

    def finish(self):
        if self.tty:
            self.write("\n")
