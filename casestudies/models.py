import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from casestudies.media import CaseStudyMediaForm, case_study_media
from cop.models import ChangeNoteMixin

SECTION_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class Taxonomy(models.Model):
    """A small, admin-editable list of values (themes, service areas, objectives)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)


class Theme(Taxonomy):
    class Meta(Taxonomy.Meta):
        pass


class ServiceArea(Taxonomy):
    class Meta(Taxonomy.Meta):
        pass


class Objective(Taxonomy):
    class Meta(Taxonomy.Meta):
        pass


class Stage(models.TextChoices):
    IDEA = "idea", "Idea"
    DISCOVERY = "discovery", "Discovery"
    ALPHA = "alpha", "Alpha"
    BETA = "beta", "Beta"
    LIVE = "live", "Live"
    RETIRED = "retired", "Retired"


class CostBand(models.TextChoices):
    UNDER_10K = "under_10k", "Under £10,000"
    FROM_10K = "10k_50k", "£10,000 to £50,000"
    FROM_50K = "50k_250k", "£50,000 to £250,000"
    FROM_250K = "250k_1m", "£250,000 to £1 million"
    OVER_1M = "over_1m", "Over £1 million"


class Licence(models.TextChoices):
    OGL = "ogl", "Open Government Licence v3.0"
    CC_BY = "cc_by", "Creative Commons Attribution 4.0"


# Where each licence's terms are published; feeds, the API and exports link to them.
LICENCE_URLS = {
    Licence.OGL: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
}


class LessonKind(models.TextChoices):
    WENT_WELL = "went_well", "What went well"
    WENT_WRONG = "went_wrong", "What went wrong"
    ADVICE = "advice", "Advice"


class LessonCategory(models.TextChoices):
    PEOPLE = "people", "People"
    PROCESS = "process", "Process"
    TECHNOLOGY = "technology", "Technology"
    PROCUREMENT = "procurement", "Procurement"
    DATA = "data", "Data"
    GOVERNANCE = "governance", "Governance"
    ENGAGEMENT = "engagement", "Engagement"


class CaseStudyIndexPage(Page):
    """The site-wide case study library."""

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["communities.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from casestudies.views import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(request, self))
        return context


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CaseStudyPage(RoutablePageMixin, ChangeNoteMixin, Page):
    """A structured write-up of a project: what was done, what went well and what went wrong."""

    summary = models.TextField(
        max_length=1200,
        help_text="One paragraph: the problem, what you did and the result.",
    )
    lead_organisation = models.ForeignKey(
        "communities.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_case_studies",
        help_text="The organisation that led the project.",
    )
    partner_organisations = ParentalManyToManyField(
        "communities.Organisation",
        blank=True,
        related_name="partnered_case_studies",
        help_text="Other organisations that worked on the project and co-author this write-up.",
    )
    contacts = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="contact_for_case_studies",
        help_text="Members others can ask about the project (shown as they allow).",
    )
    themes = ParentalManyToManyField(
        Theme,
        blank=True,
        related_name="case_studies",
        help_text="The topics people will look for this under. Choose all that apply.",
    )
    service_areas = ParentalManyToManyField(
        ServiceArea,
        blank=True,
        related_name="case_studies",
        help_text="The council services the project was for.",
    )
    objectives = ParentalManyToManyField(
        Objective,
        blank=True,
        related_name="case_studies",
        help_text="What the project was mainly trying to do.",
    )
    tags = ClusterTaggableManager(
        through=CaseStudyTag,
        blank=True,
        help_text="Other words people might search for: products, suppliers, acronyms.",
    )

    stage = models.CharField(
        max_length=16,
        choices=Stage.choices,
        default=Stage.DISCOVERY,
        help_text="Where the project is now: idea, discovery, alpha, beta, live or retired.",
    )
    start_date = models.DateField(
        null=True, blank=True, help_text="When the project started, roughly if need be."
    )
    end_date = models.DateField(
        null=True, blank=True, help_text="Leave empty while the project is ongoing."
    )
    cost_band = models.CharField(
        max_length=16,
        choices=CostBand.choices,
        blank=True,
        help_text="The whole cost so far, including staff time if you know it.",
    )
    funding_source = models.CharField(
        max_length=200,
        blank=True,
        help_text="For example: service budget, a named government fund, a partner.",
    )
    people_affected = models.PositiveIntegerField(
        null=True, blank=True, help_text="Roughly how many people the project reached, if known."
    )

    background = RichTextField(
        blank=True,
        features=SECTION_FEATURES,
        help_text="The problem: what was happening before, and why it mattered.",
    )
    project_objectives = RichTextField(
        "objectives",
        blank=True,
        features=SECTION_FEATURES,
        help_text="What you set out to achieve, ideally in measurable terms.",
    )
    what_we_did = RichTextField(
        blank=True,
        features=SECTION_FEATURES,
        help_text="How the work was done: approach, team, suppliers, timeline.",
    )
    outcomes = RichTextField(
        "outcomes and evaluation",
        blank=True,
        features=SECTION_FEATURES,
        help_text="What changed, how you know, and what it cost or saved.",
    )
    risks = RichTextField(
        "risks and how they were handled",
        blank=True,
        features=SECTION_FEATURES,
        help_text="What could have gone wrong and what you did about it.",
    )
    next_steps = RichTextField(
        "what next",
        blank=True,
        features=SECTION_FEATURES,
        help_text="What happens now, and what you would do with more time or money.",
    )

    licence = models.CharField(
        max_length=16,
        choices=Licence.choices,
        default=Licence.OGL,
        help_text="How others may reuse this write-up. Public bodies usually choose the "
        "Open Government Licence.",
    )
    review_by = models.DateField(
        null=True, blank=True, help_text="When this write-up should next be checked."
    )
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who is responsible for keeping it current.",
    )
    last_reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("lead_organisation"),
                FieldPanel("partner_organisations"),
                FieldPanel("contacts"),
            ],
            heading="Who",
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes"),
                FieldPanel("service_areas"),
                FieldPanel("objectives"),
                FieldPanel("tags"),
            ],
            heading="Topics",
        ),
        MultiFieldPanel(
            [
                FieldPanel("stage"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("cost_band"), FieldPanel("funding_source")]),
                FieldPanel("people_affected"),
            ],
            heading="When and how much",
        ),
        FieldPanel("background"),
        FieldPanel("project_objectives"),
        FieldPanel("what_we_did"),
        FieldPanel("outcomes"),
        InlinePanel("measures", heading="Before and after measures", label="Measure"),
        FieldPanel("risks"),
        FieldPanel("next_steps"),
        InlinePanel(
            "lessons",
            heading="Lessons",
            label="Lesson",
            help_text="One lesson per item. To publish, include at least one thing that went "
            "wrong or one piece of advice: that is what the next team needs most.",
        ),
        InlinePanel("images", heading="Images", label="Image"),
        InlinePanel("attachments", heading="Attachments", label="Document"),
        MultiFieldPanel(
            [FieldPanel("licence"), FieldPanel("review_by"), FieldPanel("review_owner")],
            heading="Licence and review",
        ),
        FieldPanel("change_note"),
    ]
    base_form_class = CaseStudyMediaForm
    parent_page_types = ["communities.CommunityPage"]
    subpage_types = []

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})

    def get_context(self, request, *args, **kwargs):
        """Everything but the community is loaded only when the template asks for it: the
        parts every reader sees alike are kept rendered ({% pagepart %}), and a part served
        from there asks for nothing."""
        from casestudies.selectors import case_study_body, related_audience
        from communities.selectors import community_of_page
        from search.services import similar_case_studies

        context = super().get_context(request, *args, **kwargs)
        # Found (with its collection) by page serving, or looked up for a preview.
        community = community_of_page(self)
        if getattr(request, "is_preview", False):
            # A draft's lists live on the draft, not in the database.
            body = SimpleLazyObject(lambda: self._draft_body(community))
        else:
            # Every list in one statement, read only if a part is not kept.
            body = SimpleLazyObject(lambda: case_study_body(self, community))
        context.update(
            community=community,
            images=SimpleLazyObject(lambda: body["images"]),
            attachments=SimpleLazyObject(lambda: body["attachments"]),
            sections=[
                ("Background", self.background),
                ("Objectives", self.project_objectives),
                ("What we did", self.what_we_did),
                ("Outcomes and evaluation", self.outcomes),
                ("Risks and how they were handled", self.risks),
                ("What next", self.next_steps),
            ],
            lessons_by_kind=SimpleLazyObject(lambda: lessons_by_kind(body["lessons"])),
            measures=SimpleLazyObject(lambda: body["measures"]),
            organisations=SimpleLazyObject(lambda: body["organisations"]),
            themes=SimpleLazyObject(lambda: body["themes"]),
            service_areas=SimpleLazyObject(lambda: body["service_areas"]),
            contacts=SimpleLazyObject(self.contact_list),
            related=SimpleLazyObject(lambda: similar_case_studies(self, request.user)),
            related_audience=related_audience(request.user),
        )
        return context

    def contact_list(self) -> list:
        """The contacts with their organisations, read once per page object (the page
        shows them, and asks whether the reader is one)."""
        if "_contact_list" not in self.__dict__:
            self.__dict__["_contact_list"] = list(self.contacts.select_related("organisation"))
        return self.__dict__["_contact_list"]

    def _draft_body(self, community) -> dict:
        """`casestudies.selectors.case_study_body` for a draft shown in the editor's
        preview: its lists as the draft holds them."""
        images, attachments = case_study_media(self, community)
        return {
            "measures": list(self.measures.all()),
            "lessons": list(self.lessons.all()),
            "images": images,
            "attachments": attachments,
            "organisations": {
                "lead": self.lead_organisation,
                "partners": list(self.partner_organisations.all()),
            },
            "themes": list(self.themes.all()),
            "service_areas": list(self.service_areas.all()),
        }

    # Served through routes so that page serving (and its privacy hook) applies to all of
    # them; the views are in casestudies/views/page.py.
    @path("")
    def home(self, request):
        from casestudies import views

        return views.case_study(request, self)

    @path("reviewed/")
    def mark_reviewed(self, request):
        from casestudies import views

        return views.mark_reviewed(request, self)

    # Questions and notes for the authors: discussions/views.py.
    @path("comments/")
    def comment_add(self, request):
        from discussions import views

        return views.comment_add(request, self)

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @path("helped/")
    def helped(self, request):
        from participation.views import helped_view

        return helped_view(request, self)


def lessons_by_kind(lessons) -> list:
    """(kind, label, lessons of that kind) for each kind, in the kinds' order."""
    return [
        (kind, label, [lesson for lesson in lessons if lesson.kind == kind])
        for kind, label in LessonKind.choices
    ]


class Lesson(Orderable):
    """One lesson from a case study; first-class so lessons can be searched and compared."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="lessons")
    kind = models.CharField(
        max_length=16,
        choices=LessonKind.choices,
        help_text="Something that went well, something that went wrong, or advice.",
    )
    category = models.CharField(
        max_length=16,
        choices=LessonCategory.choices,
        help_text="What the lesson is mainly about, so others can find lessons like it.",
    )
    text = models.TextField(help_text="One to a few sentences.")

    panels = [FieldPanel("kind"), FieldPanel("category"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        indexes = [models.Index(fields=["kind", "category"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class Measure(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(
        max_length=200, help_text="What you measured, e.g. Calls about missed bins a month."
    )
    before = models.CharField(max_length=100, blank=True, help_text="The figure before.")
    after = models.CharField(max_length=100, blank=True, help_text="The figure after.")

    panels = [FieldPanel("name"), FieldPanel("before"), FieldPanel("after")]


class CaseStudyImage(Orderable):
    """A picture from the project, kept in the community's collection (and so its privacy)."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(
        max_length=250, blank=True, help_text="Shown under the image on the page."
    )
    alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="What the image shows, for people who cannot see it. Leave empty if the "
        "caption says it all.",
    )

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("alt_text")]

    @property
    def alt(self) -> str:
        """The text alternative: the editor's; none when the caption says it all (it is
        read out with the figure); otherwise the image's own description."""
        if self.alt_text:
            return self.alt_text
        if self.caption:
            return ""
        return self.image.description


class CaseStudyAttachment(Orderable):
    """A document from the project: a business case, an evaluation, a specification."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    description = models.CharField(
        max_length=250,
        blank=True,
        help_text="What the document is, e.g. Business case approved by cabinet, May 2025.",
    )

    panels = [FieldPanel("document"), FieldPanel("description")]


class ReviewReminder(models.Model):
    """The review reminders sent for one case study and one review-by date.

    Kept outside the page so that publishing or reverting a revision never resets it.
    """

    page = models.ForeignKey(CaseStudyPage, on_delete=models.CASCADE, related_name="+")
    review_by = models.DateField()
    first_sent_at = models.DateTimeField()
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "review_by"], name="one_reminder_per_date")
        ]

    def __str__(self):
        return f"Review reminder for page {self.page_id}, due {self.review_by}"


def export_storage():
    """Private storage for exports (STORAGES["exports"]): never served as files, only
    through the checked download view."""
    from django.core.files.storage import storages

    return storages["exports"]


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    JSON = "json", "JSON"


class CaseStudyExport(models.Model):
    """A large download of a filtered case study list, made in the background for one member.

    The file holds what the member could read when it was made; `community_ids` records the
    communities it draws on, so the download is refused if the member can no longer read one
    of them (casestudies/exports.py).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_study_exports"
    )
    format = models.CharField(max_length=8, choices=ExportFormat.choices)
    query = models.CharField(max_length=2000, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    row_count = models.PositiveIntegerField(default=0)
    file = models.FileField(storage=export_storage, upload_to="case-studies/", blank=True)
    community_ids = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self):
        return f"Case study export {self.pk} ({self.format}, {self.get_status_display()})"
