import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from communities.models import MembershipRole
from tests import factories

HEADERS = [
    "External id",
    "Title",
    "Summary",
    "Lead organisation",
    "Partner organisations",
    "Themes",
    "Stage",
    "Start date",
    "Background",
    "What we did",
    "Contact email",
    "Lesson 1 kind",
    "Lesson 1 category",
    "Lesson 1 text",
]


def row(n=1, **values):
    base = {
        "External id": f"EXT-{n}",
        "Title": f"Imported project {n}",
        "Summary": f"What project {n} did.",
        "Lead organisation": "Northmoor County Council",
        "Partner organisations": "",
        "Themes": "Open data",
        "Stage": "beta",
        "Start date": "2024-02-01",
        "Background": "The problem.",
        "What we did": "The work.",
        "Contact email": "",
        "Lesson 1 kind": "What went wrong",
        "Lesson 1 category": "Data",
        "Lesson 1 text": f"Lesson from project {n}.",
    }
    base.update(values)
    return base


def csv_bytes(rows, headers=HEADERS, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers, extrasaction="ignore")
    writer.writeheader()
    for item in rows:
        writer.writerow(item)
    return buffer.getvalue().encode(encoding)


def upload(content: bytes, name="case-studies.csv"):
    return SimpleUploadedFile(name, content, "text/csv")


@pytest.fixture
def world(db):
    community = factories.make_community("Data community", visibility="private")
    factories.organisation_with_domain("northmoor.gov.uk", name="Northmoor County Council")
    factories.theme("Open data")
    facilitator = factories.UserFactory(email="fay@northmoor.gov.uk")
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    member = factories.UserFactory()
    factories.add_member(community, member)
    return {"community": community, "facilitator": facilitator, "member": member}


@pytest.fixture
def write(tmp_path):
    def write(content: bytes, name="case-studies.csv"):
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return write


def damaged_xlsx(rows: int = 1, keep: float = 0.5, drop_sheet: bool = False) -> bytes:
    """A workbook whose zip is sound but whose first sheet is cut short at `keep` of its
    length (or missing): openpyxl finds out only while reading the rows."""
    import zipfile

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for n in range(1, rows + 1):
        sheet.append([row(n)[heading] for heading in HEADERS])
    whole = io.BytesIO()
    workbook.save(whole)
    damaged = io.BytesIO()
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                if drop_sheet:
                    continue
                data = data[: int(len(data) * keep)]
            target.writestr(item, data)
    return damaged.getvalue()
