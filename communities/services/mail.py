from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string


def email_send(*, to, subject: str, template: str, context: dict) -> None:
    """Send a plain-text email rendered from `template` (a path under templates/)."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    context = {
        **context,
        "site_name": settings.SITE_NAME,
        "site_url": settings.WAGTAILADMIN_BASE_URL,
    }
    send_mail(
        f"[{settings.SITE_NAME}] {subject}",
        render_to_string(template, context),
        settings.DEFAULT_FROM_EMAIL,
        recipients,
        fail_silently=False,
    )
