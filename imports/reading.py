"""Reading an import file (CSV or Excel) as a stream of rows, in bounded memory.

`open_table(path, name)` checks what can be checked before any row is read (the kind of
file, its encoding, its header row) and raises `FileProblem` with a message a person can
act on; `Table.rows()` then yields `(row_number, {column: text})` one row at a time, and
may be called again (the importer reads the file twice: once to check, once to import).
Row numbers are the spreadsheet's own: the header is row 1.
"""

import codecs
import csv
import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CSV_ENCODINGS = (("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252"))
READ_CHUNK = 64 * 1024
# An .xlsx file is a zip archive: refuse one that would unpack to more than this.
XLSX_MAX_UNPACKED_BYTES = 512 * 1024 * 1024
XLSX_MAX_RATIO = 200
csv.field_size_limit(1024 * 1024)


class FileProblem(Exception):
    """The file as a whole cannot be read; nothing was imported."""


def normalise_header(text) -> str:
    """'Lesson 1 Kind', ' lesson_1_kind ' and 'LESSON 1  KIND' are the same column."""
    return re.sub(r"[\s_\-]+", " ", str(text or "")).strip().lower()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Table:
    path: Path
    kind: str  # "csv" or "xlsx"
    headers: list[str]  # as written in the file
    encoding: str = ""  # the encoding a CSV file was read with, for people

    @property
    def columns(self) -> list[str]:
        return [normalise_header(h) for h in self.headers]

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        raw = self._csv_rows() if self.kind == "csv" else self._xlsx_rows()
        columns = self.columns
        next(raw, None)  # the header row
        for number, cells in enumerate(raw, start=2):
            texts = [_cell_text(cell) for cell in cells]
            if not any(text.strip() for text in texts):
                continue  # blank lines are not rows
            if len(texts) > len(columns) and any(t.strip() for t in texts[len(columns) :]):
                raise FileProblem(
                    f"Row {number} has more cells than there are column headings. Check "
                    "for a missing heading or a stray separator."
                )
            yield (
                number,
                {
                    column: texts[index] if index < len(texts) else ""
                    for index, column in enumerate(columns)
                    if column
                },
            )

    def _csv_rows(self):
        codec = {"UTF-8": "utf-8-sig", "Windows-1252": "cp1252"}[self.encoding]
        with open(self.path, encoding=codec, newline="") as handle:
            try:
                yield from csv.reader(handle)
            except csv.Error as error:
                raise FileProblem(f"The file is not a readable CSV file: {error}.") from error

    def _xlsx_rows(self):
        workbook = _open_workbook(self.path)
        try:
            if not workbook.worksheets:
                raise FileProblem(DAMAGED_WORKBOOK)
            # Read-only workbooks parse each sheet while it is read, so damage inside a
            # sheet shows only now (as any of several kinds of error).
            try:
                yield from workbook.worksheets[0].iter_rows(values_only=True)
            except Exception as error:
                raise FileProblem(DAMAGED_WORKBOOK) from error
        finally:
            workbook.close()


DAMAGED_WORKBOOK = (
    "The file could not be read as an Excel workbook (.xlsx): it may be damaged. Save it "
    "again from your spreadsheet program as an Excel workbook or as CSV."
)


def _open_workbook(path):
    from openpyxl import load_workbook

    try:
        # Formulas are read as the text of the formula, never as a computed value.
        return load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise FileProblem(
            "The file could not be opened as an Excel workbook (.xlsx). Save it again "
            "from your spreadsheet program as an Excel workbook or as CSV."
        ) from error


def _check_zip(path):
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as error:
        raise FileProblem(
            "The file is not an Excel workbook (.xlsx), although its name says it is. "
            "Save it again from your spreadsheet program, as an Excel workbook or as CSV."
        ) from error
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(sum(entry.compress_size for entry in entries), 1)
    if unpacked > XLSX_MAX_UNPACKED_BYTES or unpacked / packed > XLSX_MAX_RATIO:
        raise FileProblem(
            "The workbook unpacks to far more data than it holds; it was not read. "
            "Save the sheet as CSV and import that instead."
        )


def _csv_encoding(path) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252; else refuse."""
    with open(path, "rb") as handle:
        start = handle.read(4)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem(
            "The file is saved as UTF-16 text. Save it as 'CSV UTF-8 (comma delimited)' "
            "and upload it again."
        )
    for codec, label in CSV_ENCODINGS:
        decoder = codecs.getincrementaldecoder(codec)()
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(READ_CHUNK):
                    if b"\0" in chunk:
                        raise FileProblem(
                            "The file is not a text file. Upload a CSV file or an Excel "
                            "workbook (.xlsx)."
                        )
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return label
    raise FileProblem(
        "The file's characters could not be read as UTF-8 or Windows-1252 text. Save it as "
        "'CSV UTF-8 (comma delimited)' and upload it again."
    )


def open_table(path, name: str = "") -> Table:
    """Check the file and read its header row. `name` is the name it was uploaded with."""
    path = Path(path)
    suffix = Path(name or path.name).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise FileProblem("The file must be a CSV file (.csv) or an Excel workbook (.xlsx).")
    if path.stat().st_size == 0:
        raise FileProblem("The file is empty.")
    if suffix == ".xlsx":
        _check_zip(path)
        table = Table(path=path, kind="xlsx", headers=[])
    else:
        table = Table(path=path, kind="csv", headers=[], encoding=_csv_encoding(path))
    raw = table._csv_rows() if table.kind == "csv" else table._xlsx_rows()
    try:
        header = next(raw, None)
    finally:
        raw.close()
    headers = [_cell_text(cell) for cell in header or []]
    while headers and not headers[-1].strip():
        headers.pop()
    if not headers:
        raise FileProblem(
            "The file has no column headings. The first row must name the columns, as in "
            "the template."
        )
    table.headers = headers
    return table
