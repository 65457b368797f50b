import uuid

from django.conf import settings
from django.db import models


class ImportedCaseStudy(models.Model):
    """Which case study a row of an import file became, keyed by the file's own stable id.

    Importing the same file again finds the page by `external_id` (within the community)
    and updates it, or skips it when the row has not changed since (`fingerprint`).
    Deleting the page deletes this record, so a later import creates the page again.
    """

    community = models.ForeignKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="+"
    )
    external_id = models.CharField(max_length=100)
    page = models.OneToOneField(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="import_record"
    )
    fingerprint = models.CharField(max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "external_id"], name="one_page_per_external_id"
            )
        ]
        verbose_name = "imported case study"

    def __str__(self):
        return f"{self.external_id} → page {self.page_id}"


class PendingImport(models.Model):
    """An uploaded file between its dry run and the real import, for the member who
    uploaded it only. The file itself is never kept: only its rows, as text, until the
    import is confirmed (then only the outcome) or `expires_at` passes."""

    class Status(models.TextChoices):
        CHECKED = "checked", "Checked"
        DONE = "done", "Imported"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    file_kind = models.CharField(max_length=8)
    encoding = models.CharField(max_length=32, blank=True)
    headers = models.JSONField(default=list)
    rows = models.JSONField(default=list, blank=True)
    publish = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CHECKED)
    outcome = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"Import of {self.file_name} ({self.get_status_display()})"
