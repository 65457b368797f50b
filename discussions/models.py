"""Discussions in communities, comments on case studies, and their moderation.

A `Post` is one piece of writing by a member: the opening post or a reply of a
`Discussion`, or a comment (or a reply to a comment) on a case study. Both kinds belong to
a community, whose visibility they follow and whose facilitators moderate them. Posts are
never removed from the table by moderation: hiding, deleting and rejecting change their
status (deleting and rejecting also clear the text), and each action is recorded in
`ModerationAction`, the audit log.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class PostStatus(models.TextChoices):
    PUBLISHED = "published", "Published"
    HELD = "held", "Waiting for approval"
    HIDDEN = "hidden", "Hidden by a facilitator"
    DELETED = "deleted", "Deleted"


class CommentKind(models.TextChoices):
    QUESTION = "question", "A question for the authors"
    NOTE = "note", "A note"


class Discussion(models.Model):
    community = models.ForeignKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="discussions"
    )
    title = models.CharField(max_length=150)
    is_question = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.ForeignKey(
        "discussions.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["community", "-pinned", "-last_activity_at"]),
        ]

    def __str__(self):
        return self.title

    def get_url(self, community=None):
        community = community or self.community
        return f"{community.url}discussions/{self.pk}/"


class Post(models.Model):
    community = models.ForeignKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="posts"
    )
    discussion = models.ForeignKey(
        Discussion, null=True, blank=True, on_delete=models.CASCADE, related_name="posts"
    )
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="member_comments",
    )
    is_opening = models.BooleanField(default=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    quote = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=CommentKind.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="posts"
    )
    body = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    status_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(discussion__isnull=False, case_study__isnull=True)
                | Q(discussion__isnull=True, case_study__isnull=False),
                name="post_in_a_discussion_or_on_a_case_study",
            ),
            models.UniqueConstraint(
                fields=["discussion"],
                condition=Q(is_opening=True),
                name="one_opening_post_per_discussion",
            ),
        ]
        indexes = [
            models.Index(fields=["discussion", "status", "created_at"]),
            models.Index(fields=["case_study", "status", "created_at"]),
            models.Index(fields=["community", "status"]),
            models.Index(fields=["author", "community"]),
        ]

    def __str__(self):
        return f"Post {self.pk}"

    @property
    def is_comment(self) -> bool:
        return self.case_study_id is not None

    @property
    def is_visible(self) -> bool:
        return self.status == PostStatus.PUBLISHED


class Report(models.Model):
    """A member's report that a post breaks the community's rules."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="one_report_per_member"),
        ]

    def __str__(self):
        return f"Report on post {self.post_id}"


class ModerationActionKind(models.TextChoices):
    HIDE = "hide", "Hid"
    RESTORE = "restore", "Restored"
    DELETE = "delete", "Deleted"
    APPROVE = "approve", "Approved"
    REJECT = "reject", "Rejected"
    LOCK = "lock", "Locked"
    UNLOCK = "unlock", "Unlocked"
    PIN = "pin", "Pinned"
    UNPIN = "unpin", "Unpinned"
    DISMISS = "dismiss", "Kept, closing the reports on"


class ModerationAction(models.Model):
    """The audit log: who did what to which post or discussion, when and why.

    Rows outlive what they are about: the post and discussion ids and the author are
    copied, so a record stays readable after its post is deleted.
    """

    community = models.ForeignKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(max_length=16, choices=ModerationActionKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    post_id_recorded = models.BigIntegerField(null=True, blank=True)
    discussion_id_recorded = models.BigIntegerField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["community", "-created_at"])]

    def __str__(self):
        return f"{self.get_action_display()} post {self.post_id_recorded}"
