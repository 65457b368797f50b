"""Emails about what members follow: HTML and plain text, each with a one-click
unsubscribe (the List-Unsubscribe and List-Unsubscribe-Post headers, RFC 8058) and links
to unsubscribe and to the member's preferences in the body."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from participation.tokens import FOLLOWING, unsubscribe_token


def absolute(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def unsubscribe_urls(user, scope: str = FOLLOWING) -> tuple[str, str]:
    """(the page with the unsubscribe button, the one-click address for mail programs),
    turning off the emails of `scope` (participation.tokens)."""
    token = unsubscribe_token(user, scope)
    return (
        absolute(reverse("unsubscribe", args=[token])),
        absolute(reverse("unsubscribe_one_click", args=[token])),
    )


def email_send_to_member(
    *, user, subject: str, template: str, context: dict, scope: str = FOLLOWING
) -> None:
    """Send `template`.txt and `template`.html (under templates/) to one member, with
    links that unsubscribe them from the emails of `scope`."""
    page_url, one_click_url = unsubscribe_urls(user, scope)
    context = {
        **context,
        "person": user,
        "site_name": settings.SITE_NAME,
        "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        "unsubscribe_url": page_url,
        "preferences_url": absolute(reverse("following")),
    }
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{one_click_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send(fail_silently=False)
