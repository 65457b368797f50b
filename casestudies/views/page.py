"""Case study page routes. Routed from CaseStudyPage (see its routes), so Wagtail's page
serving has already applied the privacy rule (communities/wagtail_hooks.py): a case study
the user may not read is 404 before any of these views run.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.formats import date_format

from casestudies.services import freshness


def case_study(request, page):
    """The page itself, with its review status."""
    request.is_preview = getattr(request, "is_preview", False)
    overdue = freshness.is_overdue(page)
    # Not in the editor's preview, which shows a draft that has not been published.
    can_mark = not request.is_preview and freshness.can_mark_reviewed(request.user, page)
    from discussions.views import comments_context
    from participation import selectors as participation

    preview = request.is_preview
    helped, helped_notes, my_helped = (
        (None, [], None) if preview else participation.helped_for_page(page, request.user)
    )
    return page.render(
        request,
        context_overrides={
            **({} if preview else comments_context(request, page)),
            "helped": helped,
            "helped_notes": helped_notes,
            "my_helped": my_helped,
            "review_overdue": overdue,
            "can_mark_reviewed": can_mark,
            "can_edit": overdue and can_mark and page.permissions_for_user(request.user).can_edit(),
        },
    )


def mark_reviewed(request, page):
    """One click: the case study is still accurate (POST only; GET changes nothing)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        review_by = freshness.case_study_mark_reviewed(page=page, user=request.user)
    except freshness.NotAllowed:
        raise PermissionDenied from None
    messages.success(
        request,
        f"Marked as reviewed. The next review is due by {date_format(review_by, 'j F Y')}.",
    )
    return redirect(page.url)
