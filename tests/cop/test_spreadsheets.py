"""Cells that a spreadsheet would run as formulas are written as text."""

import csv
import io

import pytest

from cop.spreadsheets import csv_lines, spreadsheet_safe


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Plain text", "Plain text"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_csv_lines_escape_every_cell_and_quote_as_csv():
    text = "".join(csv_lines([["title", "summary"], ["=cmd|' /C calc'!A0", 'Say "hi",\nthen go']]))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["title", "summary"], ["'=cmd|' /C calc'!A0", 'Say "hi",\nthen go']]
