"""Following, email preferences, saved searches, what was sent, and "this helped us".

Rows here hold ids and choices, never copies of community content: titles, text and
whether a member may still read something are looked up when a page or an email is made
(docs/privacy.md). The exception is `Announcement`, written here by facilitators, which
is shown and sent only through its community's privacy rule.
"""

from django.conf import settings
from django.db import models


class FollowKind(models.TextChoices):
    """What can be followed. `discussion` is filled in by the discussions feature, which
    registers its model with participation.services.follows.register_kind."""

    COMMUNITY = "community", "Community"
    THEME = "theme", "Theme"
    CASE_STUDY = "case_study", "Case study"
    DISCUSSION = "discussion", "Discussion"
    MEMBER = "member", "Member"
    SAVED_SEARCH = "saved_search", "Saved search"


class Follow(models.Model):
    """A member follows one thing, named by kind and id (generic, so new kinds need no
    migration). Stopping keeps the row with `active` off, so that following something
    automatically (writing it, replying to it) does not start it again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(max_length=20, choices=FollowKind.choices)
    object_id = models.PositiveBigIntegerField()
    active = models.BooleanField(default=True)
    automatic = models.BooleanField(
        default=False, help_text="Started because the member wrote or replied to it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "object_id"], name="one_follow_each")
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="follow_target")]

    def __str__(self):
        return f"{self.user_id} follows {self.kind} {self.object_id}"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "As it happens (one email for each new thing)"
    DAILY = "daily", "Once a day"
    WEEKLY = "weekly", "Once a week"
    OFF = "off", "Never: send me no emails about what I follow"


DEFAULT_FREQUENCY = Frequency.WEEKLY


class EmailPreference(models.Model):
    """How often a member hears about what they follow (no row: the default, weekly), and
    whether they get their communities' announcements (no row: yes)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference"
    )
    frequency = models.CharField(
        max_length=16, choices=Frequency.choices, default=DEFAULT_FREQUENCY
    )
    announcements = models.BooleanField(
        default=True,
        help_text="Email me announcements from the facilitators of my communities.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.user_id}: {self.frequency}"


class SavedSearch(models.Model):
    """A search a member saved: the search page's address (`query_string`), and the same
    cleaned into the text and index filters the engines match new documents against."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=100)
    query_string = models.CharField(max_length=2000)
    query = models.CharField(max_length=500, blank=True)
    filters = models.JSONField(default=dict, blank=True)  # facet name -> index values
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "saved searches"

    def __str__(self):
        return self.name


class SavedSearchMatch(models.Model):
    """A new item (case study or lesson) matched a saved search when it was published.
    The member is told at send time, if they may still read it."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="matches")
    item_key = models.CharField(max_length=80)
    matched_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "item_key"], name="one_match_each")
        ]
        indexes = [models.Index(fields=["item_key"], name="saved_match_item")]

    def __str__(self):
        return f"{self.item_key} matched saved search {self.saved_search_id}"


class LessonAnnouncement(models.Model):
    """The lessons of a case study seen when it was published, by fingerprint (kind,
    category and text), so a later publish can tell which lessons are new. `initial` marks
    those published with the case study itself (announced with it, not on their own)."""

    page = models.ForeignKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="+"
    )
    fingerprint = models.CharField(max_length=40)
    initial = models.BooleanField(default=False)
    occurred_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "fingerprint"], name="one_announcement_each")
        ]

    def __str__(self):
        return f"Lesson {self.fingerprint[:8]} of page {self.page_id}"


class DigestSent(models.Model):
    """One digest sent to one member for one period: running the job twice sends nothing
    twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=16, choices=Frequency.choices)
    period_start = models.DateField()
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "frequency", "period_start"], name="one_digest_per_period"
            )
        ]

    def __str__(self):
        return f"{self.frequency} digest for {self.user_id} from {self.period_start}"


class NotificationSent(models.Model):
    """One item told to one member at once (for members who chose "as it happens")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item_key = models.CharField(max_length=80)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "item_key"], name="one_notification_each")
        ]

    def __str__(self):
        return f"{self.item_key} told to {self.user_id}"


class HelpedKind(models.TextChoices):
    HELPED = "helped", "It helped our organisation"
    REUSED = "reused", "We reused it"


class HelpedRecord(models.Model):
    """A member says a case study helped their organisation, or that it was reused there.
    One per member and case study; they can change it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helped_records"
    )
    page = models.ForeignKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="helped_records"
    )
    organisation = models.ForeignKey(
        "communities.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="helped_records",
        help_text="The member's organisation when they said so.",
    )
    kind = models.CharField(max_length=16, choices=HelpedKind.choices)
    note = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="one_helped_record_each")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.page_id}"


class Announcement(models.Model):
    """A community's facilitator tells its members something: shown on the community's
    pages (to those who may read the community) and emailed once to each active member who
    has not turned announcements off. The one piece of community content kept in this app:
    it is shown and sent only through the community's privacy rule."""

    community = models.ForeignKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="announcements"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=150)
    body = models.TextField(max_length=5000, help_text="Plain text as typed (see markup).")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last run of the email task finished."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["community", "-created_at"], name="announcement_latest")]

    def __str__(self):
        return self.title


class AnnouncementSent(models.Model):
    """One announcement emailed to one member: running the task twice sends nothing twice."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="sends")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "user"], name="one_announcement_send")
        ]

    def __str__(self):
        return f"Announcement {self.announcement_id} sent to {self.user_id}"
