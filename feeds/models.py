"""A member's private feed address (feeds/views.py: the saved-search feed)."""

import secrets

from django.conf import settings
from django.db import models


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits, 43 characters


class FeedToken(models.Model):
    """The secret in a member's private feed address: /feeds/search/<token>/?<a search>.

    Whoever holds the address reads, in a feed reader, what the member may read now; so a
    member can reset it (revoke it and get a new one) at any time. The token is kept as it
    is, not hashed, because the member's account page shows their address again; it grants
    nothing but these feeds.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked=False),
                name="one_active_feed_token_per_member",
            )
        ]

    def __str__(self):
        return f"Feed address of member {self.user_id}{' (revoked)' if self.revoked else ''}"
