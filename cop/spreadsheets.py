"""Writing values that people will open in a spreadsheet (CSV exports, and later imports
and other downloads).

A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
programs skip before reading a formula) is run as a formula by Excel, LibreOffice and
Google Sheets. Text written by members could then fetch addresses or run commands on the
reader's machine ("CSV injection"). `spreadsheet_safe` prefixes such a value with a single
quote, which spreadsheets show as text; every CSV the site writes goes through it.
"""

import csv
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """`value` as text that no spreadsheet runs as a formula. None becomes empty."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write returns what it was given (for streaming)."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """Each row as one CSV line, every cell made safe; for StreamingHttpResponse or a file."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([spreadsheet_safe(cell) for cell in row])
