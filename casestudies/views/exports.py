"""Downloads of a filtered case study list: /case-studies/export.csv?<filters> (or .json).

GET streams lists of up to EXPORT_STREAM_LIMIT rows. A larger list shows a page instead:
anonymous visitors are asked to sign in or narrow the filters; signed-in members can ask
(POST, with CSRF) for it to be made in the background and emailed to them as a link.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from casestudies.exports import (
    CONTENT_TYPES,
    ExportRefused,
    case_study_export_request,
    export_lines,
    filename,
    may_download,
)
from casestudies.models import CaseStudyExport, ExportFormat
from casestudies.opendata import FILTER_PARAMS, Describer, select


def _query_string(params) -> str:
    """The filters and sort as given, in a fixed order, without anything else."""
    return urlencode(
        [(name, params[name]) for name in (*FILTER_PARAMS, "sort") if params.get(name)]
    )


def _page(request, template_context, status=200):
    response = TemplateResponse(request, "casestudies/export.html", template_context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def case_study_export(request, fmt):
    if fmt not in ExportFormat.values:
        raise Http404
    unknown = sorted(set(request.GET) - {*FILTER_PARAMS, "sort"})
    selection = select(request.GET, request.user)
    errors = list(selection.errors.values()) + [
        f"{name}: not a filter this download understands." for name in unknown
    ]
    context = {"format": ExportFormat(fmt).label, "fmt": fmt, "errors": errors}
    if errors:
        return _page(request, context, status=400)

    count = selection.case_studies.count()
    context.update(count=count, limit=settings.EXPORT_STREAM_LIMIT)
    if request.method != "POST" and count <= settings.EXPORT_STREAM_LIMIT:
        describer = Describer(request.user, request.build_absolute_uri("/"), request)
        response = StreamingHttpResponse(
            export_lines(selection.case_studies, describer, fmt), content_type=CONTENT_TYPES[fmt]
        )
        response["Content-Disposition"] = f'attachment; filename="{filename(fmt)}"'
        response["Cache-Control"] = "private, no-store"
        return response

    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return _page(request, {**context, "sign_in": True})
    if count > settings.EXPORT_MAX_ROWS:
        return _page(request, {**context, "too_many": True, "max_rows": settings.EXPORT_MAX_ROWS})
    if request.method == "POST":
        try:
            case_study_export_request(user=request.user, fmt=fmt, query=_query_string(request.GET))
        except ExportRefused as refused:
            return _page(request, {**context, "refused": str(refused)}, status=429)
        return _page(request, {**context, "queued": True, "hours": settings.EXPORT_LINK_HOURS})
    return _page(request, {**context, "offer": True})


@require_http_methods(["GET", "HEAD"])
def case_study_export_download(request, export_id):
    """A finished background export, for the member who asked for it and nobody else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    export = get_object_or_404(CaseStudyExport, pk=export_id, user=request.user)
    context = {"download": True, "export": export}
    if export.status != CaseStudyExport.Status.READY or not export.file:
        return _page(request, {**context, "not_ready": True}, status=404)
    if export.expires_at < timezone.now():
        return _page(request, {**context, "expired": True}, status=410)
    if not may_download(request.user, export):
        return _page(request, {**context, "no_longer_readable": True}, status=403)
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=filename(export.format),
        content_type=CONTENT_TYPES[export.format],
    )
    response["Cache-Control"] = "private, no-store"
    return response
