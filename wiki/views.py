"""Wiki history on the site: every published version, comparisons and reverting.

Routed from the wiki page itself (see WikiBase), so page serving has already applied the
privacy rule before any of these run.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST
from wagtail.models import PageLogEntry

from communities.selectors import community_of_page
from wiki.diff import compare

PUBLISH = "wagtail.publish"


def _publications(page):
    """Publish log entries for the page, newest first: one per published version."""
    return (
        PageLogEntry.objects.filter(page=page, action=PUBLISH, revision__isnull=False)
        .select_related("user", "revision")
        .order_by("-timestamp", "-pk")
    )


def _published_revision(page, revision_id):
    entry = _publications(page).filter(revision_id=revision_id).first()
    if entry is None:
        raise Http404
    return entry


def _can_edit(request, page):
    user = request.user
    if not user.is_authenticated:
        return False
    perms = page.permissions_for_user(user)
    return perms.can_edit() and perms.can_publish()


def page_context(request, page):
    latest = _publications(page).first()
    community = community_of_page(page)
    can_edit = _can_edit(request, page)
    return {
        "community": community,
        "wiki_root": _wiki_root(page),
        "last_change": latest,
        "children": page.get_children().live().specific().order_by("title"),
        "can_edit": can_edit,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]) if can_edit else None,
        "add_url": reverse("wagtailadmin_pages:add", args=["wiki", "wikipage", page.pk])
        if can_edit
        else None,
    }


def _wiki_root(page):
    from wiki.models import WikiIndexPage

    if isinstance(page, WikiIndexPage):
        return page
    return WikiIndexPage.objects.ancestor_of(page).first()


def _base(request, page):
    context = page_context(request, page)
    context["page"] = page
    return context


def history_list(request, page):
    entries = Paginator(_publications(page), 25).get_page(request.GET.get("page"))
    context = _base(request, page)
    context["entries"] = entries
    return TemplateResponse(request, "wiki/history.html", context)


def history_revision(request, page, revision_id):
    entry = _published_revision(page, revision_id)
    context = _base(request, page)
    context.update(entry=entry, version=entry.revision.as_object())
    return TemplateResponse(request, "wiki/revision.html", context)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def history_compare(request, page):
    entries = list(_publications(page)[:2])
    newest = entries[0].revision_id if entries else None
    older = entries[1].revision_id if len(entries) > 1 else newest
    from_id = _int(request.GET.get("from")) or older
    to_id = _int(request.GET.get("to")) or newest
    if from_id is None:
        raise Http404
    old_entry = _published_revision(page, from_id)
    new_entry = _published_revision(page, to_id)
    if old_entry.timestamp > new_entry.timestamp:
        old_entry, new_entry = new_entry, old_entry
    old, new = old_entry.revision.as_object(), new_entry.revision.as_object()
    context = _base(request, page)
    context.update(
        old_entry=old_entry,
        new_entry=new_entry,
        diff=compare(old.title, old.body, new.title, new.body),
    )
    return TemplateResponse(request, "wiki/compare.html", context)


@require_POST
def history_revert(request, page, revision_id):
    if not _can_edit(request, page):
        raise PermissionDenied
    entry = _published_revision(page, revision_id)
    if page.get_latest_revision() and page.get_latest_revision().pk == entry.revision_id:
        messages.info(request, "That is already the current version; nothing changed.")
        return redirect(page.url + "history/")
    when = date_format(localtime(entry.timestamp), "j F Y, H:i")
    version = entry.revision.as_object()
    version.change_note = f"Put back the version of {when}"
    revision = version.save_revision(
        user=request.user, log_action=True, previous_revision=entry.revision
    )
    revision.publish(user=request.user, previous_revision=entry.revision)
    messages.success(request, f"The version of {when} is now the current one.")
    return redirect(page.url)
