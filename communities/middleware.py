from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
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
