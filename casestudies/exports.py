"""CSV and JSON downloads of any filtered case study list.

- Up to EXPORT_STREAM_LIMIT rows stream straight to the browser (bounded memory: rows are
  read in chunks and written as they go).
- Larger lists, up to EXPORT_MAX_ROWS, are for signed-in members: a background task
  (casestudies/tasks.py) writes the file to private storage (STORAGES["exports"]) and
  emails a link to a download view that serves it only to the same member, for
  EXPORT_LINK_HOURS, and only while they can still read every community it draws on.
- Every row is what the requester may read (casestudies/opendata.py starts from
  `visible_case_studies`), with its licence; CSV cells go through `spreadsheet_safe`.
"""

import datetime
import json
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from casestudies.models import CaseStudyExport, ExportFormat
from casestudies.opendata import Describer, select, with_related
from communities.selectors import readable_communities
from communities.services.mail import email_send
from cop.spreadsheets import csv_lines

logger = logging.getLogger(__name__)

CHUNK_SIZE = 200
CSV_COLUMNS = [
    "id",
    "title",
    "url",
    "summary",
    "community",
    "lead_organisation",
    "partner_organisations",
    "themes",
    "service_areas",
    "stage",
    "start_date",
    "end_date",
    "first_published_at",
    "last_published_at",
    "lesson_count",
    "licence",
    "licence_url",
]
CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.JSON: "application/json; charset=utf-8",
}


class ExportRefused(Exception):
    """A background export that may not be made now; the message says why."""


def _csv_row(item: dict) -> list:
    return [
        item["id"],
        item["title"],
        item["url"],
        item["summary"],
        (item["community"] or {}).get("title", ""),
        (item["lead_organisation"] or {}).get("name", ""),
        "; ".join(partner["name"] for partner in item["partner_organisations"]),
        "; ".join(theme["name"] for theme in item["themes"]),
        "; ".join(area["name"] for area in item["service_areas"]),
        item["stage"],
        item["start_date"],
        item["end_date"],
        item["first_published_at"],
        item["last_published_at"],
        item["lesson_count"],
        item["licence"]["name"],
        item["licence"]["url"],
    ]


def _described(case_studies, describer):
    for page in with_related(case_studies).iterator(chunk_size=CHUNK_SIZE):
        yield describer.case_study(page, with_lessons=True)


def export_lines(case_studies, describer, fmt: str):
    """The export as a sequence of text chunks (CSV lines, or pieces of a JSON document)."""
    if fmt == ExportFormat.CSV:
        rows = (_csv_row(item) for item in _described(case_studies, describer))
        yield from csv_lines([CSV_COLUMNS])
        yield from csv_lines(rows)
        return
    yield '{"case_studies": ['
    for n, item in enumerate(_described(case_studies, describer)):
        yield ("," if n else "") + "\n" + json.dumps(item, cls=DjangoJSONEncoder)
    yield "\n]}\n"


def filename(fmt: str) -> str:
    return f"practice-exchange-case-studies-{timezone.localdate().isoformat()}.{fmt}"


# -- background exports ---------------------------------------------------------------------


def recent_exports(user):
    since = timezone.now() - datetime.timedelta(hours=1)
    return CaseStudyExport.objects.filter(user=user, created_at__gte=since)


def case_study_export_request(*, user, fmt: str, query: str) -> CaseStudyExport:
    """Record a background export for `user` and queue the task that makes it."""
    from casestudies.tasks import build_case_study_export

    if recent_exports(user).count() >= settings.EXPORTS_PER_HOUR:
        raise ExportRefused(
            f"You have asked for {settings.EXPORTS_PER_HOUR} downloads in the last hour. "
            "Wait a while, or use the links in the emails already sent."
        )
    export = CaseStudyExport.objects.create(
        user=user,
        format=fmt,
        query=query[:2000],
        expires_at=timezone.now() + datetime.timedelta(hours=settings.EXPORT_LINK_HOURS),
    )
    build_case_study_export.enqueue(str(export.pk))
    return export


def case_study_export_build(*, export: CaseStudyExport) -> CaseStudyExport:
    """Make the file for a queued export and email its link. Idempotent: a finished export
    is left alone. Expired exports of everyone are deleted first, with their files."""
    exports_prune()
    if export.status != CaseStudyExport.Status.PENDING:
        return export
    user = export.user
    selection = select(QueryDict(export.query), user)
    count = selection.case_studies.count() if not selection.errors else 0
    if not user.is_active or selection.errors or count > settings.EXPORT_MAX_ROWS:
        logger.warning(
            "Case study export %s not made: active=%s errors=%s rows=%s",
            export.pk,
            user.is_active,
            selection.errors,
            count,
        )
        export.status = CaseStudyExport.Status.FAILED
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "finished_at"])
        if user.is_active:
            email_send(
                to=[user.email],
                subject="Your case study download could not be made",
                template="casestudies/email/export_failed.txt",
                context={"export": export, "count": count, "max_rows": settings.EXPORT_MAX_ROWS},
            )
        return export
    describer = Describer(user, settings.WAGTAILADMIN_BASE_URL)
    with tempfile.TemporaryFile() as handle:
        for chunk in export_lines(selection.case_studies, describer, export.format):
            handle.write(chunk.encode())
        handle.seek(0)
        export.file.save(f"{export.pk}.{export.format}", File(handle), save=False)
    export.status = CaseStudyExport.Status.READY
    export.row_count = count
    export.community_ids = sorted(describer.community_ids)
    export.finished_at = timezone.now()
    export.save()
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "case_study_export_download", args=[export.pk]
    )
    email_send(
        to=[user.email],
        subject="Your case study download is ready",
        template="casestudies/email/export_ready.txt",
        context={"export": export, "link": link, "hours": settings.EXPORT_LINK_HOURS},
    )
    return export


def exports_prune() -> int:
    """Delete expired exports and their files."""
    expired = list(CaseStudyExport.objects.filter(expires_at__lt=timezone.now()))
    for export in expired:
        if export.file:
            export.file.delete(save=False)
        export.delete()
    return len(expired)


def may_download(user, export: CaseStudyExport) -> bool:
    """Whether `user` may still read every community the export draws on."""
    if not export.community_ids:
        return True
    readable = set(
        readable_communities(user).filter(pk__in=export.community_ids).values_list("pk", flat=True)
    )
    return readable >= set(export.community_ids)
