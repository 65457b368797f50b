from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def signin_redirect(request, default_next="/"):
    """Wagtail's own sign-in forms are replaced by the site's (allauth) sign-in."""
    next_url = request.GET.get("next") or default_next
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = default_next
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
