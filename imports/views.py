"""The import pages of a community: routes of CommunityPage (`import/`...).

Page serving has applied the privacy rule before these run (a community a user may not
read is 404); these pages are for its facilitators and site administrators only.
"""

import datetime as dt
import io
import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from communities.selectors import can_manage_community
from cop.spreadsheets import csv_lines
from imports.models import PendingImport
from imports.reading import FileProblem, open_table
from imports.services import (
    check_headers,
    column_help,
    import_check,
    import_run,
    template_headers,
)

EXAMPLE_FILE = Path(settings.BASE_DIR) / "cop" / "demo" / "import-example.csv"
KEEP_FOR = dt.timedelta(hours=2)


def max_upload_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", 1000)


def too_big_message() -> str:
    return (
        f"The site imports files of up to {max_upload_bytes() // (1024 * 1024)} MB and "
        f"{max_rows():,} rows. Split the file, or ask a site administrator to run "
        "`manage.py import_case_studies`, which takes files of any size."
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV file (.csv) or an Excel workbook (.xlsx) with the template's columns.",
    )
    publish = forms.BooleanField(
        label="Publish the case studies when they are imported",
        required=False,
        help_text="Leave this unticked to import them as drafts, which you can check and "
        "publish one by one.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in (".csv", ".xlsx"):
            raise forms.ValidationError(
                "The file must be a CSV file (.csv) or an Excel workbook (.xlsx)."
            )
        if upload.size == 0:
            raise forms.ValidationError("The file is empty.")
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(too_big_message())
        return upload


class StoredTable:
    """The rows of an upload kept between its dry run and the import."""

    def __init__(self, pending: PendingImport):
        self.pending = pending
        self.headers = pending.headers
        self.kind = pending.file_kind
        self.encoding = pending.encoding

    def rows(self):
        yield from ((number, row) for number, row in self.pending.rows)


def _manager_only(request, community):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage_community(request.user, community):
        raise PermissionDenied
    return None


def _read_upload(upload):
    """The upload's table, read into memory up to the row limit; FileProblem otherwise."""
    suffix = Path(upload.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        table = open_table(handle.name, upload.name)
        check_headers(table.headers)
        rows = []
        for number, row in table.rows():
            if len(rows) >= max_rows():
                raise FileProblem(too_big_message())
            rows.append([number, row])
    return table, rows


def import_start(request, community):
    if (response := _manager_only(request, community)) is not None:
        return response
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        PendingImport.objects.filter(expires_at__lt=timezone.now()).delete()
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                table, rows = _read_upload(upload)
            except FileProblem as problem:
                form.add_error("file", str(problem))
            else:
                pending = PendingImport.objects.create(
                    user=request.user,
                    community=community,
                    file_name=Path(upload.name).name[:255],
                    file_kind=table.kind,
                    encoding=table.encoding,
                    headers=table.headers,
                    rows=rows,
                    publish=form.cleaned_data["publish"],
                    expires_at=timezone.now() + KEEP_FOR,
                )
                return redirect(f"{community.url}import/{pending.pk}/")
        status = 400
    context = {
        "page": community,
        "form": form,
        "columns": column_help(),
        "max_mb": max_upload_bytes() // (1024 * 1024),
        "max_rows": max_rows(),
    }
    return TemplateResponse(request, "imports/start.html", context, status=status)


def import_batch(request, community, batch_id):
    if (response := _manager_only(request, community)) is not None:
        return response
    pending = PendingImport.objects.filter(
        pk=batch_id, user=request.user, community=community, expires_at__gte=timezone.now()
    ).first()
    if pending is None:
        raise Http404
    context = {"page": community, "pending": pending}
    if pending.status == PendingImport.Status.DONE:
        return TemplateResponse(request, "imports/done.html", context)
    table = StoredTable(pending)
    status = 200
    if request.method == "POST":
        report = import_run(
            table,
            community=community,
            user=request.user,
            publish=pending.publish,
            file_name=pending.file_name,
        )
        if report.ok:
            pending.status = PendingImport.Status.DONE
            pending.rows = []
            pending.outcome = report.outcome
            pending.save(update_fields=["status", "rows", "outcome"])
            messages.success(
                request, f"{len(report.outcome)} rows imported from {pending.file_name}."
            )
            return redirect(request.path)
        status = 400
    else:
        report = import_check(table, community=community, publish=pending.publish)
    context["report"] = report
    return TemplateResponse(request, "imports/report.html", context, status=status)


def import_template(request, community, file_format):
    if (response := _manager_only(request, community)) is not None:
        return response
    headers = template_headers()
    if file_format == "csv":
        response = StreamingHttpResponse(
            csv_lines([headers]), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="case-study-import-template.csv"'
        return response
    if file_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Case studies")
        sheet.append(headers)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="case-study-import-template.xlsx"'
        return response
    raise Http404


def import_example(request, community):
    if (response := _manager_only(request, community)) is not None:
        return response
    return FileResponse(
        EXAMPLE_FILE.open("rb"),
        as_attachment=True,
        filename="case-study-import-example.csv",
        content_type="text/csv; charset=utf-8",
    )
