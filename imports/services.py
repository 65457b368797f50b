"""Checking and importing case studies from a table (see docs/import.md).

`import_check` reads every row and reports problems (row number and column) and names it
could not match, writing nothing. `import_run` checks again and then, in one transaction,
creates or updates a case study per row: any problem and nothing is written.

Both read the table as a stream (reading.py), so a file of 100,000 rows needs memory for
its external ids and the report, not for its rows.
"""

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from wagtail.log_actions import log

from casestudies.forms import LESSON_RULE_KINDS
from casestudies.models import (
    CaseStudyPage,
    Lesson,
    LessonCategory,
    LessonKind,
    Licence,
    ServiceArea,
    Stage,
    Theme,
)
from communities.models import CommunityPage, MembershipState, Organisation, User
from cop.richtext import to_html
from cop.spreadsheets import FORMULA_STARTS
from imports.models import ImportedCaseStudy
from imports.reading import FileProblem, normalise_header

logger = logging.getLogger(__name__)

LIST_SEPARATOR = ";"
MAX_LESSONS = 20
MAX_PROBLEMS_SHOWN = 200
MAX_ROWS_PER_NAME = 10

# column -> (required, maximum length, what it holds) ; the template's order.
COLUMNS = {
    "external id": (True, 100, "Your own stable id for the case study, unique in the file."),
    "title": (True, 255, "The case study's title."),
    "summary": (True, 1200, "One paragraph: the problem, what you did and the result."),
    "lead organisation": (False, 200, "The name of the organisation that led the project."),
    "partner organisations": (False, 4000, "Names of partner organisations, separated by ;"),
    "themes": (False, 2000, "Theme names, separated by ;"),
    "service areas": (False, 2000, "Service area names, separated by ;"),
    "stage": (False, 20, "Idea, discovery, alpha, beta, live or retired (default discovery)."),
    "start date": (False, 20, "YYYY-MM-DD, DD/MM/YYYY or just the year (YYYY)."),
    "end date": (False, 20, "The same formats; leave empty while the project is ongoing."),
    "background": (False, 20000, "The problem, and why it mattered."),
    "objectives": (False, 20000, "What you set out to achieve."),
    "what we did": (False, 20000, "How the work was done."),
    "outcomes": (False, 20000, "What changed, and how you know."),
    "risks": (False, 20000, "What could have gone wrong and what you did about it."),
    "next steps": (False, 20000, "What happens now."),
    "contact email": (False, 254, "The email address of a member of the community."),
    "licence": (False, 60, "OGL (the default) or CC BY."),
}
LESSON_PARTS = {
    "kind": (20, "What went well, what went wrong or advice."),
    "category": (20, "People, process, technology, procurement, data, governance or engagement."),
    "text": (5000, "The lesson, in a sentence or a few."),
}
LESSON_COLUMN = re.compile(r"^lesson (\d+) (kind|category|text)$")
TEMPLATE_LESSONS = 3
SECTIONS = {
    "background": "background",
    "objectives": "project_objectives",
    "what we did": "what_we_did",
    "outcomes": "outcomes",
    "risks": "risks",
    "next steps": "next_steps",
}
# To publish, as in the editor (casestudies/forms.py): these sections and a lesson about
# what went wrong or a piece of advice.
REQUIRED_TO_PUBLISH = {"background", "what we did"}


def template_headers() -> list[str]:
    """The template's column headings, as people write them."""
    headers = [name.capitalize() for name in COLUMNS]
    for n in range(1, TEMPLATE_LESSONS + 1):
        headers += [f"Lesson {n} {part}" for part in LESSON_PARTS]
    return headers


def column_help() -> list[tuple[str, bool, str]]:
    rows = [(name.capitalize(), required, text) for name, (required, _, text) in COLUMNS.items()]
    for part, (_, text) in LESSON_PARTS.items():
        rows.append((f"Lesson N {part}", False, text))
    return rows


def _words(text: str) -> str:
    return normalise_header(text)


def _choices(choices, extra=None) -> dict[str, str]:
    found = {}
    for value, label in choices:
        found[_words(value)] = value
        found[_words(label)] = value
    found.update(extra or {})
    return found


STAGES = _choices(Stage.choices)
KINDS = _choices(
    LessonKind.choices,
    {"went well": "went_well", "went wrong": "went_wrong", "what went well": "went_well"},
)
CATEGORIES = _choices(LessonCategory.choices)
LICENCES = _choices(
    Licence.choices,
    {
        "ogl": "ogl",
        "open government licence": "ogl",
        "cc by": "cc_by",
        "cc by 4.0": "cc_by",
        "creative commons attribution": "cc_by",
    },
)


def cell(text) -> str:
    """A cell's text, trimmed. Values exported by the site (a quote before =, +, - or @)
    are read back without that quote; anything else is kept as typed, formulas included
    (as text: nothing is ever calculated)."""
    text = str(text or "").strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text


def split_list(text: str) -> list[str]:
    seen, names = set(), []
    for part in text.split(LIST_SEPARATOR):
        name = " ".join(part.split())
        if name and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def parse_date(text: str) -> dt.date:
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


# Headers ---------------------------------------------------------------------------------


def check_headers(headers: list[str]) -> list[int]:
    """The lesson numbers the file has columns for; FileProblem for wrong headings."""
    columns = [normalise_header(h) for h in headers]
    problems, seen, lessons = [], set(), set()
    for original, column in zip(headers, columns, strict=True):
        if not column:
            problems.append("A column has no heading.")
            continue
        if column in seen:
            problems.append(f"The column “{original}” appears twice.")
        seen.add(column)
        match = LESSON_COLUMN.match(column)
        if match and 1 <= int(match.group(1)) <= MAX_LESSONS:
            lessons.add(int(match.group(1)))
        elif column not in COLUMNS:
            problems.append(f"“{original}” is not a column the import knows.")
    missing = [name.capitalize() for name, spec in COLUMNS.items() if spec[0] and name not in seen]
    if missing:
        problems.append("These columns are missing: " + ", ".join(missing) + ".")
    if problems:
        raise FileProblem(
            " ".join(problems) + " Use the column headings of the template (see the list of "
            "columns on the import page or in the template file)."
        )
    return sorted(lessons)


# Rows ------------------------------------------------------------------------------------


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class Record:
    row: int
    external_id: str
    values: dict
    lessons: list[tuple[str, str, str]]
    fingerprint: str


@dataclass
class Lookups:
    """Names the rows refer to, loaded once per run (matched case-insensitively)."""

    organisations: dict[str, Organisation]
    themes: dict[str, Theme]
    service_areas: dict[str, ServiceArea]
    contacts: dict[str, User]

    @classmethod
    def load(cls, community) -> "Lookups":
        def by_name(objects, *keys):
            found = {}
            for obj in objects:
                for key in keys:
                    found.setdefault(_words(getattr(obj, key)), obj)
            return found

        members = User.objects.filter(
            memberships__community=community,
            memberships__state=MembershipState.ACTIVE,
            is_active=True,
        )
        return cls(
            organisations=by_name(Organisation.objects.all(), "name"),
            themes=by_name(Theme.objects.all(), "name", "slug"),
            service_areas=by_name(ServiceArea.objects.all(), "name", "slug"),
            contacts={user.email.lower(): user for user in members},
        )


@dataclass
class Report:
    file_name: str = ""
    file_kind: str = ""
    encoding: str = ""
    file_problem: str = ""
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    # (what, name) -> row numbers (at most MAX_ROWS_PER_NAME kept), for names not matched
    unmatched: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    outcome: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_problem and not self.problem_count

    def add(self, row, column, message):
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_SHOWN:
            self.problems.append(Problem(row, column, message))

    def not_matched(self, what, name, row):
        rows = self.unmatched.setdefault((what, name), [])
        if len(rows) < MAX_ROWS_PER_NAME and row not in rows:
            rows.append(row)

    def unmatched_list(self) -> list[tuple[str, str, list[int]]]:
        return [(what, name, rows) for (what, name), rows in sorted(self.unmatched.items())]


def _fingerprint(row: dict[str, str]) -> str:
    data = {key: cell(value) for key, value in sorted(row.items())}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def parse_row(number, row, *, lessons, lookups, report, publish) -> Record | None:
    """Check one row; add its problems to the report. None when it has any."""
    before = report.problem_count
    values = {name: cell(row.get(name, "")) for name in COLUMNS}
    for name, (required, length, _) in COLUMNS.items():
        label = name.capitalize()
        if required and not values[name]:
            report.add(number, label, f"Enter the {name}.")
        elif len(values[name]) > length:
            report.add(number, label, f"This is longer than {length:,} characters.")
    result = {
        "title": values["title"],
        "summary": values["summary"].replace("\r\n", "\n"),
    }
    stage = values["stage"]
    result["stage"] = STAGES.get(_words(stage)) if stage else Stage.DISCOVERY
    if result["stage"] is None:
        report.add(number, "Stage", "Use one of: " + ", ".join(v for v, _ in Stage.choices) + ".")
    licence = values["licence"]
    result["licence"] = LICENCES.get(_words(licence)) if licence else Licence.OGL
    if result["licence"] is None:
        report.add(number, "Licence", "Use OGL or CC BY.")
    for name in ("start date", "end date"):
        result[name] = None
        if values[name]:
            try:
                result[name] = parse_date(values[name])
            except ValueError:
                report.add(
                    number, name.capitalize(), "Write the date as YYYY-MM-DD, DD/MM/YYYY or YYYY."
                )
    if result["start date"] and result["end date"] and result["end date"] < result["start date"]:
        report.add(number, "End date", "The end date must be on or after the start date.")

    lead = values["lead organisation"]
    result["lead"] = lookups.organisations.get(_words(lead)) if lead else None
    if lead and result["lead"] is None:
        report.not_matched("organisation", lead, number)
    for column, what, table in (
        ("partner organisations", "organisation", lookups.organisations),
        ("themes", "theme", lookups.themes),
        ("service areas", "service area", lookups.service_areas),
    ):
        found = []
        for name in split_list(values[column]):
            match = table.get(_words(name))
            if match is None:
                report.not_matched(what, name, number)
            elif match not in found:
                found.append(match)
        result[column] = found
    contact = values["contact email"].lower()
    result["contact"] = lookups.contacts.get(contact) if contact else None
    if contact and result["contact"] is None:
        report.not_matched("contact (not a member of this community)", contact, number)
    for name in SECTIONS:
        result[name] = values[name]

    found_lessons = []
    for n in lessons:
        parts = {part: cell(row.get(f"lesson {n} {part}", "")) for part in LESSON_PARTS}
        if not any(parts.values()):
            continue
        for part, (length, _) in LESSON_PARTS.items():
            if len(parts[part]) > length:
                report.add(
                    number, f"Lesson {n} {part}", f"This is longer than {length} characters."
                )
        if not parts["text"]:
            report.add(
                number,
                f"Lesson {n} text",
                "Write the lesson, or leave its kind and category empty.",
            )
            continue
        kind = KINDS.get(_words(parts["kind"]))
        category = CATEGORIES.get(_words(parts["category"]))
        if kind is None:
            report.add(number, f"Lesson {n} kind", "Use what went well, what went wrong or advice.")
        if category is None:
            report.add(
                number,
                f"Lesson {n} category",
                "Use one of: "
                + ", ".join(label.lower() for _, label in LessonCategory.choices)
                + ".",
            )
        if kind and category:
            found_lessons.append((kind, category, parts["text"]))

    if publish:
        for name in sorted(REQUIRED_TO_PUBLISH):
            if not values[name]:
                report.add(number, name.capitalize(), f"Add the {name} section to publish.")
        if not any(kind in LESSON_RULE_KINDS for kind, _, _ in found_lessons):
            report.add(
                number,
                "Lessons",
                "Add at least one lesson about what went wrong or one piece of advice to "
                "publish (you can import it as a draft without one).",
            )
    if report.problem_count > before:
        return None
    return Record(
        row=number,
        external_id=values["external id"],
        values=result,
        lessons=found_lessons,
        fingerprint=_fingerprint(row),
    )


def _records(table, *, community, publish, report) -> Iterator[Record]:
    """Every valid row of the table, checking ids are unique within the file."""
    lessons = check_headers(table.headers)
    lookups = Lookups.load(community)
    seen: dict[str, int] = {}
    for number, row in table.rows():
        report.rows += 1
        record = parse_row(
            number, row, lessons=lessons, lookups=lookups, report=report, publish=publish
        )
        external_id = cell(row.get("external id", ""))
        if external_id:
            key = external_id.lower()
            if key in seen:
                report.add(
                    number,
                    "External id",
                    f"“{external_id}” is also the external id of row {seen[key]}.",
                )
                record = None
            else:
                seen[key] = number
        if record is not None:
            yield record


def _existing(community) -> dict[str, tuple[int, str]]:
    return {
        external_id.lower(): (page_id, fingerprint)
        for external_id, page_id, fingerprint in ImportedCaseStudy.objects.filter(
            # A page moved out of the community since is not this community's to update:
            # its row imports as a new case study.
            community=community,
            page__path__startswith=community.path,
        ).values_list("external_id", "page_id", "fingerprint")
    }


def _unchanged(record, existing, live_pages, publish) -> bool:
    found = existing.get(record.external_id.lower())
    if found is None or found[1] != record.fingerprint:
        return False
    # The same row: skipped, unless it is to be published and the page is not live as is.
    return not publish or found[0] in live_pages


def _live_pages(existing) -> set[int]:
    return set(
        CaseStudyPage.objects.filter(
            pk__in=[page_id for page_id, _ in existing.values()],
            live=True,
            has_unpublished_changes=False,
        ).values_list("pk", flat=True)
    )


def import_check(table, *, community, publish, report=None, progress=None) -> Report:
    """Check every row and count what an import would do; writes nothing."""
    report = report or Report()
    try:
        existing = _existing(community)
        live = _live_pages(existing) if publish else set()
        for record in _records(table, community=community, publish=publish, report=report):
            if record.external_id.lower() not in existing:
                report.new += 1
            elif _unchanged(record, existing, live, publish):
                report.unchanged += 1
            else:
                report.updated += 1
            if progress:
                progress(1)
    except FileProblem as problem:
        report.file_problem = str(problem)
    return report


class ImportFailed(Exception):
    """Raised inside the import's transaction to undo everything."""


def _unique_slug(title, taken: set[str]) -> str:
    base = slugify(title)[:70].strip("-") or "case-study"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _apply(page: CaseStudyPage, record: Record, *, note: str):
    v = record.values
    page.title = v["title"]
    page.summary = v["summary"]
    page.lead_organisation = v["lead"]
    page.partner_organisations = v["partner organisations"]
    page.themes = v["themes"]
    page.service_areas = v["service areas"]
    page.contacts = [v["contact"]] if v["contact"] else []
    page.stage = v["stage"]
    page.start_date = v["start date"]
    page.end_date = v["end date"]
    page.licence = v["licence"]
    for column, attribute in SECTIONS.items():
        setattr(page, attribute, to_html(v[column]))
    page.lessons = [
        Lesson(kind=kind, category=category, text=text, sort_order=i)
        for i, (kind, category, text) in enumerate(record.lessons)
    ]
    page.change_note = note[:250]


def import_run(
    table,
    *,
    community: CommunityPage,
    user,
    publish: bool,
    file_name: str = "",
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Check the table, then import it in one transaction: all rows or none.

    New rows become case studies owned by `user` (drafts, or published with `publish`);
    a row whose external id was imported before updates that page with a new revision,
    or is skipped when the row is the same as last time (see docs/import.md).
    """
    from search import indexing

    report = import_check(table, community=community, publish=publish)
    if not report.ok:
        return report
    note = f"Imported from {file_name}" if file_name else "Imported"
    try:
        with transaction.atomic():
            with indexing.suspended():
                published = _import_rows(
                    table,
                    community=community,
                    user=user,
                    publish=publish,
                    note=note,
                    report=report,
                    progress=progress,
                )
            if published:
                # Indexed once for the whole import, when it commits (search/indexing.py).
                indexing.schedule_subtree(community.pk)
    except FileProblem as problem:  # the file changed between the check and the import
        report.outcome = []
        report.file_problem = str(problem)
    except ImportFailed as failed:
        check = failed.args[0]
        report.outcome = []
        report.problems, report.problem_count = check.problems, check.problem_count
        report.file_problem = check.file_problem
    return report


def _row_not_saved(check, record, reason: str) -> ImportFailed:
    """The import undone because one row could not be saved, the row named."""
    check.file_problem = (
        f"Row {record.row} could not be saved, so nothing has been imported. {reason}"
    )
    return ImportFailed(check)


def _import_rows(table, *, community, user, publish, note, report, progress) -> list[int]:
    # One import at a time per community: a second one waits for the first to finish.
    CommunityPage.objects.select_for_update().filter(pk=community.pk).first()
    existing = _existing(community)
    live = _live_pages(existing) if publish else set()
    taken = set(CaseStudyPage.objects.child_of(community).values_list("slug", flat=True))
    check, published = Report(), []
    for record in _records(table, community=community, publish=publish, report=check):
        try:
            outcome = _import_record(
                record,
                community=community,
                user=user,
                publish=publish,
                note=note,
                existing=existing,
                live=live,
                taken=taken,
            )
        except ValidationError as error:
            # A rule of the page the checks do not know of (or a page made meanwhile
            # with the same address): the whole import is undone, and the row named.
            reason = f"{' '.join(error.messages)} Correct the row and upload the file again."
            raise _row_not_saved(check, record, reason) from error
        except DatabaseError as error:
            logger.exception("Import into community %s failed on row %s", community.pk, record.row)
            reason = "Try again; if it happens again, tell a site administrator."
            raise _row_not_saved(check, record, reason) from error
        report.outcome.append(outcome)
        if outcome["action"] != "unchanged" and publish:
            published.append(outcome["page_id"])
        if progress:
            progress(1)
    if not check.ok:
        # The table changed between the check and the import (or names were deleted).
        raise ImportFailed(check)
    return published


def _import_record(record, *, community, user, publish, note, existing, live, taken) -> dict:
    found = existing.get(record.external_id.lower())
    outcome = {
        "row": record.row,
        "external_id": record.external_id,
        "title": record.values["title"],
    }
    if found is not None and _unchanged(record, existing, live, publish):
        return outcome | {"action": "unchanged", "page_id": found[0]}
    if found is None:
        page = CaseStudyPage(
            owner=user, live=False, slug=_unique_slug(record.values["title"], taken)
        )
        _apply(page, record, note=note)
        community.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
        # Keyed by id: a record whose page has moved to another community is moved on
        # to the new page.
        ImportedCaseStudy.objects.update_or_create(
            community=community,
            external_id=record.external_id,
            defaults={"page": page, "fingerprint": record.fingerprint, "imported_by": user},
        )
        action = "created"
    else:
        page = CaseStudyPage.objects.get(pk=found[0]).get_latest_revision_as_object()
        _apply(page, record, note=note)
        ImportedCaseStudy.objects.filter(page_id=page.pk).update(
            fingerprint=record.fingerprint, imported_by=user, external_id=record.external_id
        )
        action = "updated"
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return outcome | {"action": action, "page_id": page.pk}
