from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from cop.middleware import ADMIN_PREFIXES


def second_factor_required(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.is_superuser)


def session_used_second_factor(request) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class StaffSecondFactorMiddleware:
    """Staff and site administrators reach the admin only after a second factor.

    Without an authenticator they are sent to set one up; with one, a session that
    signed in without it is asked for a code first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIXES) and second_factor_required(request.user):
            next_query = urlencode({"next": request.get_full_path()})
            if not is_mfa_enabled(request.user):
                messages.warning(
                    request,
                    "Set up two-factor authentication to use the administration pages.",
                )
                return redirect(f"{reverse('mfa_activate_totp')}?{next_query}")
            if not session_used_second_factor(request):
                return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
        return self.get_response(request)


# Admin views that show pages from every community whatever the user's permissions
# (Wagtail's page types report names the last edited page of each type).
SITE_ADMINISTRATOR_ADMIN_VIEWS = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
}


# Admin views about pages, whose URL arguments name pages.
PAGE_ADMIN_VIEWS = ("wagtailadmin_pages:", "wagtailadmin_choose_page", "wagtailadmin_explore")
# URL arguments (and, for the chooser's "chosen" view, query parameters) naming pages.
PAGE_ID_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "pk")
PAGE_ID_PARAMETERS = {"wagtailadmin_choose_page_chosen_multiple": "id"}


def _page_ids(match, request):
    ids = [match.kwargs[name] for name in PAGE_ID_ARGUMENTS if name in match.kwargs]
    parameter = PAGE_ID_PARAMETERS.get(match.view_name)
    if parameter:
        ids += request.GET.getlist(parameter)
    return [int(value) for value in ids if str(value).isdigit()]


class AdminScopeMiddleware:
    """Members use Wagtail's admin for their own communities (see communities/wagtail_hooks.py).

    Any Wagtail admin URL that names a page inside a community the user may not read
    answers 404, before Wagtail's view runs: some of those views (the page chooser)
    would show the page's title and children whatever the user's permissions. The few
    views that cover the whole site are for site administrators only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not match.view_name.startswith("wagtailadmin"):
            return None
        user = request.user
        if user.is_authenticated and user.is_superuser:
            return None
        if match.view_name in SITE_ADMINISTRATOR_ADMIN_VIEWS:
            from wagtail.admin.auth import permission_denied

            return permission_denied(request)
        page_ids = _page_ids(match, request) if match.view_name.startswith(PAGE_ADMIN_VIEWS) else []
        if page_ids:
            from wagtail.models import Page

            from communities.selectors import outside_unreadable_communities_q

            pages = Page.objects.filter(pk__in=page_ids)
            readable = pages.filter(outside_unreadable_communities_q(user))
            if readable.count() < pages.count():
                raise Http404
        return None
