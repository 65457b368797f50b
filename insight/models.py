"""What the insight dashboards count, kept small and free of personal data.

- `PageViewDay`: one row per page and day with two counters (signed-in and anonymous
  readers). No addresses, no user ids, no cookies: a page view adds one to a counter.
- `MembershipEvent`: one row each time someone becomes an active member of a community or
  stops being one (left, or removed by a facilitator), with the community and the time only.
  Membership rows keep only their current state, so these events are what tells "joined in
  March" from "joined last week"; they are written from the Membership model's save signal,
  so the membership services need no change.
"""

from django.db import models


class PageViewDay(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    signed_in = models.PositiveIntegerField(default=0)
    anonymous = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="one_view_count_per_page_day")
        ]
        indexes = [models.Index(fields=["day"], name="page_view_day")]

    def __str__(self):
        return f"Page {self.page_id} on {self.day}: {self.signed_in + self.anonymous} views"

    @property
    def views(self) -> int:
        return self.signed_in + self.anonymous


class MembershipEventKind(models.TextChoices):
    JOINED = "joined", "Joined"
    LEFT = "left", "Left"
    REMOVED = "removed", "Removed"


class MembershipEvent(models.Model):
    community = models.ForeignKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=MembershipEventKind.choices)
    occurred_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["community", "occurred_at"], name="membership_event_when")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.community_id} at {self.occurred_at}"
