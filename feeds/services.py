from django.db import transaction
from django.utils import timezone

from feeds.models import FeedToken


def active_feed_token(user) -> FeedToken | None:
    return FeedToken.objects.filter(user=user, revoked=False).first()


def feed_token_reset(*, user) -> FeedToken:
    """Revoke the member's feed address, if any, and give them a new one."""
    with transaction.atomic():
        FeedToken.objects.select_for_update().filter(user=user, revoked=False).update(
            revoked=True, revoked_at=timezone.now()
        )
        return FeedToken.objects.create(user=user)


def feed_token_user(token: str):
    """The active member a feed address belongs to, or None (unknown or revoked token,
    or a deactivated account)."""
    if not token or len(token) > 64:
        return None
    found = FeedToken.objects.select_related("user").filter(token=token, revoked=False).first()
    if found is None or not found.user.is_active:
        return None
    return found.user
