"""Curation: what facilitators and editors put in front of readers.

- A community's home page: a welcome, featured case studies (ordered, from that community)
  and pinned discussions (the `pinned` flag on discussions.Discussion). Facilitators edit
  these on the site (`<community>/curate/`), so they are plain rows, not page fields:
  changing them publishes nothing and leaves the community page's revisions alone.
- Theme collections: a Wagtail page (`CollectionPage`, under `CollectionIndexPage` at
  /collections/) with an editorial introduction and an ordered, hand-picked list of case
  studies and individual lessons from every community. Each item is shown only to those who
  may read it (curation/selectors.py).
- Best bets: per site, "for these searches, show these pages first", managed by site
  administrators in Wagtail's admin and returned by the search service.

See docs/curation.md.
"""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from curation.widgets import LessonSelect

INTRODUCTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]
WELCOME_MAX_LENGTH = 1000
MAX_FEATURED = 4
MAX_QUERY_LENGTH = 200


def normalise_query(text) -> str:
    """A search as best bets compare it: case folded, whitespace collapsed."""
    return " ".join(str(text or "").casefold().split())[:MAX_QUERY_LENGTH]


# -- a community's home page ---------------------------------------------------------------


class CommunityWelcome(models.Model):
    """The short welcome facilitators write for their community's home page (plain text)."""

    community = models.OneToOneField(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="welcome"
    )
    text = models.TextField(max_length=WELCOME_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "communities.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"Welcome to {self.community}"


class FeaturedCaseStudy(models.Model):
    """A case study a community's facilitators feature on its home page, in order."""

    community = models.ForeignKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="featured_items"
    )
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "case_study"], name="curation_featured_once"
            )
        ]

    def __str__(self):
        return f"{self.case_study} featured in {self.community}"


# -- theme collections ---------------------------------------------------------------------


class CollectionIndexPage(Page):
    """/collections/: every published collection, newest first."""

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["communities.HomePage"]
    subpage_types = ["curation.CollectionPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["collections"] = (
            CollectionPage.objects.child_of(self)
            .live()
            .select_related("theme")
            .order_by("-first_published_at")
        )
        return context


class CollectionPage(Page):
    """A hand-picked, ordered reading list on one theme, drawn from every community."""

    theme = models.ForeignKey(
        "casestudies.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="collections",
        help_text="The theme this collection is about; its theme page links here.",
    )
    introduction = RichTextField(
        features=INTRODUCTION_FEATURES,
        help_text="Why these case studies and lessons, and what to look for in them.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        FieldPanel("introduction"),
        InlinePanel("items", heading="Case studies and lessons", label="Item"),
    ]
    parent_page_types = ["curation.CollectionIndexPage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        from curation.selectors import collection_items_for

        context = super().get_context(request, *args, **kwargs)
        context["items"] = collection_items_for(self, request.user)
        return context


class CollectionItem(Orderable):
    """One case study, or one lesson, in a collection, with an optional editor's note."""

    collection = ParentalKey(CollectionPage, on_delete=models.CASCADE, related_name="items")
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A whole case study; or leave empty and choose a lesson.",
    )
    lesson = models.ForeignKey(
        "casestudies.Lesson",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="One lesson from a case study; or leave empty and choose a case study.",
    )
    note = models.TextField(
        "editor's note",
        blank=True,
        max_length=500,
        help_text="Optional: why this is here. Shown only to those who may read the item.",
    )

    panels = [
        PageChooserPanel("case_study", "casestudies.CaseStudyPage"),
        FieldPanel("lesson", widget=LessonSelect),
        FieldPanel("note"),
    ]

    def clean(self):
        super().clean()
        if bool(self.case_study_id) == bool(self.lesson_id):
            raise ValidationError("Choose either a case study or a lesson, not both or neither.")

    def __str__(self):
        return str(self.case_study or self.lesson)


# -- best bets -----------------------------------------------------------------------------


class BestBet(models.Model):
    """For these searches on this site, show this page above the ordinary results."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    queries = models.TextField(
        help_text="One search per line. Matching ignores capital letters and extra spaces.",
    )
    normalised_queries = ArrayField(
        models.CharField(max_length=MAX_QUERY_LENGTH), default=list, editable=False
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Shown only to those who may read it.",
    )
    sort_order = models.PositiveSmallIntegerField(
        "order",
        default=0,
        help_text="When several best bets match a search, lower numbers come first.",
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional: shown under the title instead of the page's own summary.",
    )

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{', '.join(self.normalised_queries) or self.queries}: {self.page}"

    def save(self, *args, **kwargs):
        self.normalised_queries = self.query_list()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.query_list():
            raise ValidationError({"queries": "Enter at least one search, one a line."})
        too_long = [line for line in self.queries.splitlines() if len(line) > MAX_QUERY_LENGTH]
        if too_long:
            raise ValidationError(
                {"queries": f"Each search must be {MAX_QUERY_LENGTH} characters or fewer."}
            )

    def query_list(self) -> list[str]:
        return list(
            dict.fromkeys(
                q for q in (normalise_query(line) for line in self.queries.splitlines()) if q
            )
        )
