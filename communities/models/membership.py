from django.conf import settings
from django.db import models

from communities.models.choices import MembershipRole, MembershipState
from communities.models.pages import CommunityPage


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    community = models.ForeignKey(
        CommunityPage, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    state = models.CharField(max_length=16, choices=MembershipState.choices)
    message = models.TextField(blank=True, help_text="Why the member asked to join.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "community"], name="one_membership_each"),
        ]
        indexes = [models.Index(fields=["community", "state", "role"])]

    def __str__(self):
        return f"{self.user} in {self.community} ({self.state})"


class Invitation(models.Model):
    """A single-use, expiring invitation to join a community, sent by email.

    Works for people without an account: the link leads through sign-up. Only a hash of
    the token is stored.
    """

    community = models.ForeignKey(
        CommunityPage, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation to {self.community} for {self.email}"
