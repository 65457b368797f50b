from django.db import models


class ChangeNoteMixin(models.Model):
    """A note of what changed, saved with each revision and shown with the page's date."""

    change_note = models.CharField(
        "what changed",
        max_length=250,
        blank=True,
        help_text="A short note of what you changed in this version, shown on the page with "
        "the date (for example: Added the evaluation results).",
    )

    class Meta:
        abstract = True
