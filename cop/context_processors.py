from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    return {"SITE_NAME": settings.SITE_NAME}


def moderation(request):
    """How much waits in the signed-in facilitator's moderation queue (0 for everyone
    else), for the link in the site menu. Counted only when a template asks, in two
    queries, and only over the communities the member facilitates."""

    def waiting() -> int:
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated):
            return 0
        from discussions.queue import waiting_total

        return waiting_total(user)

    return {"moderation_waiting": SimpleLazyObject(waiting)}
