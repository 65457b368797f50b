from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class OrganisationType(models.TextChoices):
    COUNTY = "county", "County council"
    DISTRICT = "district", "District council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN = "metropolitan", "Metropolitan borough"
    LONDON_BOROUGH = "london_borough", "London borough"
    WELSH = "welsh", "Welsh council"
    SCOTTISH = "scottish", "Scottish council"
    NORTHERN_IRISH = "northern_irish", "Northern Irish council"
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and rescue"
    HEALTH = "health", "Health (NHS)"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    CENTRAL = "central", "Central government"
    OTHER = "other", "Other public body"


class Region(models.TextChoices):
    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"
    NATIONAL = "national", "National"


class PopulationBand(models.TextChoices):
    UNDER_100K = "under_100k", "Under 100,000"
    FROM_100K = "100k_250k", "100,000 to 250,000"
    FROM_250K = "250k_500k", "250,000 to 500,000"
    FROM_500K = "500k_1m", "500,000 to 1 million"
    OVER_1M = "over_1m", "Over 1 million"


class Organisation(ClusterableModel):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    type = models.CharField(max_length=32, choices=OrganisationType.choices)
    region = models.CharField(max_length=32, choices=Region.choices)
    population_band = models.CharField(max_length=16, choices=PopulationBand.choices, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)


class OrganisationDomain(models.Model):
    """An email domain that belongs to one organisation (lower case, no trailing dot)."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().rstrip(".").lower()
        super().save(*args, **kwargs)


class MemberManager(UserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member of the site. Signs in with a verified email address."""

    username = None
    email = models.EmailField("email address", unique=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    organisation_verified = models.BooleanField(
        default=False,
        help_text="True when the organisation was derived from a verified email domain.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    bio = models.TextField("short bio", max_length=1000, blank=True)
    contactable = models.BooleanField(
        "happy to be contacted about my work",
        default=False,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = MemberManager()

    class Meta:
        ordering = ["first_name", "last_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.get_full_name() or "Member"


class HomePage(Page):
    """The site's root page: what the site is for, communities and recent case studies."""

    introduction = models.TextField(
        help_text="Two sentences that say what the site is and who it is for."
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["communities.CommunityIndexPage", "casestudies.CaseStudyIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from casestudies.selectors import visible_case_studies
        from communities.selectors import listed_communities

        context = super().get_context(request, *args, **kwargs)
        context["communities"] = listed_communities(request.user)[:6]
        context["recent_case_studies"] = visible_case_studies(request.user).order_by(
            "-first_published_at"
        )[:6]
        return context


class CommunityIndexPage(Page):
    """Lists the communities a visitor may know about."""

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["communities.HomePage"]
    subpage_types = ["communities.CommunityPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from communities.selectors import listed_communities

        context = super().get_context(request, *args, **kwargs)
        context["communities"] = listed_communities(request.user)
        return context


class Visibility(models.TextChoices):
    OPEN = "open", "Open: anyone can read, members contribute"
    RESTRICTED = "restricted", "Restricted: signed-in members of the site can read"
    PRIVATE = "private", "Private: only members read; listed so people can ask to join"
    HIDDEN = "hidden", "Hidden: only members read; not listed; by invitation only"


class CommunityPage(Page):
    """A community of practice. Its case studies and wiki pages live beneath it."""

    purpose = models.TextField(help_text="What the community is for, in a sentence or two.")
    visibility = models.CharField(
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.OPEN,
        help_text="Who can read this community and everything inside it.",
    )
    themes = ParentalManyToManyField("casestudies.Theme", blank=True, related_name="communities")
    rules = RichTextField(
        "rules of participation",
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )

    content_panels = Page.content_panels + [
        FieldPanel("purpose"),
        MultiFieldPanel([FieldPanel("visibility"), FieldPanel("themes")], heading="Access"),
        FieldPanel("rules"),
    ]
    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types = ["casestudies.CaseStudyPage"]

    def get_context(self, request, *args, **kwargs):
        from casestudies.selectors import visible_case_studies

        context = super().get_context(request, *args, **kwargs)
        context["facilitators"] = self.facilitators()
        context["member_count"] = self.memberships.filter(state=MembershipState.ACTIVE).count()
        context["latest_case_studies"] = (
            visible_case_studies(request.user)
            .descendant_of(self)
            .order_by("-first_published_at")[:10]
        )
        return context

    def facilitators(self):
        return User.objects.filter(
            memberships__community=self,
            memberships__state=MembershipState.ACTIVE,
            memberships__role=MembershipRole.FACILITATOR,
        )


class MembershipRole(models.TextChoices):
    MEMBER = "member", "Member"
    FACILITATOR = "facilitator", "Facilitator"


class MembershipState(models.TextChoices):
    REQUESTED = "requested", "Requested"
    INVITED = "invited", "Invited"
    ACTIVE = "active", "Active"
    LEFT = "left", "Left"
    REMOVED = "removed", "Removed"
    DECLINED = "declined", "Declined"


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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "community"], name="one_membership_each"),
        ]
        indexes = [models.Index(fields=["community", "state", "role"])]

    def __str__(self):
        return f"{self.user} in {self.community} ({self.state})"
