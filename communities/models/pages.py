import copy
import functools
from importlib import import_module

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from communities.models.choices import MembershipRole, MembershipState
from communities.models.members import User
from cop.requestmemo import kept

# The longest address whose page is kept by HomePage.route (longer ones are looked up),
# and the most parts an address may have (the look-up lists every leading part).
MAX_KEPT_ROUTE = 300
MAX_ROUTE_COMPONENTS = 40


class HomePage(Page):
    """The site's root page: what the site is for, communities and recent case studies."""

    introduction = models.TextField(
        help_text="Two sentences that say what the site is and who it is for."
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "communities.CommunityIndexPage",
        "casestudies.CaseStudyIndexPage",
        "curation.CollectionIndexPage",
    ]
    max_count = 1

    def route(self, request, path_components):
        """Find the deepest page on the path in one query, not two queries per level.

        The page found routes whatever is left of the path itself (sub-routes of routable
        pages, or a 404), exactly as when Wagtail walks the tree one level at a time.
        """
        if not path_components:
            return super().route(request, path_components)
        if len(path_components) > MAX_ROUTE_COMPONENTS:  # no page or route is that deep
            raise Http404
        prefixes = [
            f"{self.url_path}{'/'.join(path_components[:n])}/"
            for n in range(1, len(path_components) + 1)
        ]

        def deepest_page():
            return (
                Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
                .order_by("-depth")
                .values_list("pk", "depth", "content_type_id")
                .first()
            )

        # Which page that is (its id, depth and type) stays the same until the content
        # changes, so it is kept (cop.requestmemo.kept) for paths of a sensible length
        # (no address can fill the memory); the page itself is read afresh, as its own
        # type, in one query.
        if len(prefixes[-1]) <= MAX_KEPT_ROUTE:
            found = kept(("route", prefixes[-1]), deepest_page)
        else:
            found = deepest_page()
        if found is None:
            raise Http404
        pk, depth, content_type_id = found
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        deepest = model._default_manager.filter(pk=pk).first()
        if deepest is None:
            raise Http404
        return deepest.specific.route(request, path_components[depth - self.depth :])

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


class CommunityPage(RoutablePageMixin, Page):
    """A community of practice. Its case studies and wiki pages live beneath it."""

    purpose = models.TextField(help_text="What the community is for, in a sentence or two.")
    visibility = models.CharField(
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.OPEN,
        help_text="Who can read this community and everything inside it.",
    )
    themes = ParentalManyToManyField("casestudies.Theme", blank=True, related_name="communities")
    members_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    facilitators_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where this community's documents and images are kept.",
    )
    rules = RichTextField(
        "rules of participation",
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )
    hold_first_posts = models.BooleanField(
        "hold first posts for approval",
        default=False,
        help_text="A member's first post or comment here waits until a facilitator approves "
        "it. Use it when a community attracts spam or needs a closer eye.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("purpose"),
        MultiFieldPanel([FieldPanel("visibility"), FieldPanel("themes")], heading="Access"),
        FieldPanel("rules"),
        FieldPanel("hold_first_posts"),
    ]
    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types = ["casestudies.CaseStudyPage", "wiki.WikiIndexPage"]

    def get_context(self, request, *args, **kwargs):
        from casestudies.models import CaseStudyPage
        from casestudies.selectors import visible_case_studies
        from communities.selectors import can_manage_community, membership_of
        from discussions.selectors import latest_discussions
        from wiki.models import WikiIndexPage

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        membership = membership_of(user, self)
        preview_only = getattr(request, "community_preview_only", False)
        find_wiki = WikiIndexPage.objects.child_of(self).live().first
        # What every reader sees alike is read only when the template asks for it: the page
        # keeps those parts rendered ({% pagepart %}), and a part served from there asks
        # for nothing.
        context.update(
            facilitators=SimpleLazyObject(
                lambda: list(self.facilitators().select_related("organisation"))
            ),
            member_count=functools.cache(
                lambda: self.memberships.filter(state=MembershipState.ACTIVE).count()
            ),
            membership=membership,
            # From the member's memberships, read once per request (the site menu's
            # moderation link reads them too).
            can_manage=can_manage_community(user, self),
            themes=SimpleLazyObject(lambda: list(self.themes.all())),
            # Kept while the content stays the same; a copy, as the request may set
            # attributes on it.
            wiki=copy.copy(kept(("wiki", self.path), find_wiki)),
        )
        if not preview_only:
            from curation import selectors as curation
            from participation.services.announcements import latest_announcement

            # Curation (curation/): the welcome, featured case studies and pinned discussions
            # (read with the latest ones: pinned discussions come first in that list).
            pinned, latest = curation.split_pinned(latest_discussions(self, user, limit=15))
            context["pinned_discussions"], context["latest_discussions"] = pinned, latest[:5]
            context["welcome"] = functools.cache(lambda: curation.welcome_text(self))
            context["featured_case_studies"] = SimpleLazyObject(
                lambda: curation.featured_case_studies(self, user)
            )
            context["latest_announcement"] = latest_announcement(self)
        if preview_only or getattr(request, "is_preview", False):
            # Through the privacy rule: nothing for those who only see the name.
            latest = visible_case_studies(user).descendant_of(self)
        else:
            # Page serving has found that the reader may read this community, and so every
            # case study in it.
            latest = CaseStudyPage.objects.live().child_of(self).select_related("lead_organisation")
        context["latest_case_studies"] = latest.order_by("-first_published_at")[:10]
        return context

    @path("")
    def home(self, request):
        return self.render(request)

    # Joining, leaving and managing: see communities/views/membership.py.
    @path("join/")
    def join(self, request):
        return self._hand_over("communities.views.membership", "join", request)

    @path("leave/")
    def leave(self, request):
        return self._hand_over("communities.views.membership", "leave", request)

    @path("manage/")
    def manage(self, request):
        return self._hand_over("communities.views.membership", "manage", request)

    @path("manage/<str:action>/")
    def manage_action(self, request, action):
        return self._hand_over("communities.views.membership", "manage_action", request, action)

    # The facilitators' "Curate this community" page: curation/views.py.
    @path("curate/", name="curate")
    def curate(self, request):
        from curation.views import curate

        return curate(request, self)

    # Every case study in the community, with the library's filters: casestudies/views/lists.py.
    @path("case-studies/", name="case_studies")
    def case_studies(self, request):
        from casestudies.views import community_case_studies

        return community_case_studies(request, self)

    # Search within this community: search/views.py.
    @path("search/", name="search")
    def search_view(self, request):
        from search.views import community_search

        return community_search(request, self)

    # Discussions, and moderation of discussions and case study comments: discussions/views.py.
    @path("discussions/", name="discussions")
    def discussion_list(self, request):
        return self._hand_over("discussions.views", "discussion_list", request)

    @path("discussions/new/")
    def discussion_new(self, request):
        return self._hand_over("discussions.views", "discussion_new", request)

    @path("discussions/<int:discussion_id>/")
    def discussion(self, request, discussion_id):
        return self._hand_over("discussions.views", "discussion_detail", request, discussion_id)

    @path("discussions/<int:discussion_id>/reply/")
    def discussion_reply(self, request, discussion_id):
        return self._hand_over("discussions.views", "discussion_reply", request, discussion_id)

    @path("discussions/<int:discussion_id>/<str:action>/")
    def discussion_action(self, request, discussion_id, action):
        return self._hand_over(
            "discussions.views", "discussion_action", request, discussion_id, action
        )

    @path("posts/<int:post_id>/<str:action>/")
    def post_action(self, request, post_id, action):
        return self._hand_over("discussions.views", "post_action", request, post_id, action)

    @path("moderation/")
    def moderation(self, request):
        return self._hand_over("discussions.views", "moderation", request)

    # Announcements from the facilitators: participation/views.py.
    @path("announcements/", name="announcements")
    def announcement_list(self, request):
        return self._hand_over("participation.views", "announcement_list", request)

    @path("announcements/new/")
    def announcement_new(self, request):
        return self._hand_over("participation.views", "announcement_new", request)

    @path("announcements/<int:announcement_id>/")
    def announcement_detail(self, request, announcement_id):
        return self._hand_over(
            "participation.views", "announcement_detail", request, announcement_id
        )

    # The community's insight dashboard, its downloads and "ask the community": insight/views.py.
    @path("insight/")
    def insight(self, request):
        return self._hand_over("insight.views", "community_dashboard", request)

    @path("insight/ask/")
    def insight_ask(self, request):
        return self._hand_over("insight.views", "community_ask", request)

    @path("insight/download/<slug:table>/")
    def insight_download(self, request, table):
        return self._hand_over("insight.views", "community_download", request, table)

    # Importing case studies from a spreadsheet, for facilitators: imports/views.py.
    @path("import/", name="import")
    def import_start(self, request):
        return self._hand_over("imports.views", "import_start", request)

    @path("import/template/<str:file_format>/")
    def import_template(self, request, file_format):
        return self._hand_over("imports.views", "import_template", request, file_format)

    @path("import/example/")
    def import_example(self, request):
        return self._hand_over("imports.views", "import_example", request)

    @path("import/<uuid:batch_id>/")
    def import_batch(self, request, batch_id):
        return self._hand_over("imports.views", "import_batch", request, batch_id)

    def _hand_over(self, module, name, request, *args):
        """Serve a route with a view function `name(request, community, *args)` from
        `module`, imported when first used so this module stays free of view imports."""
        return getattr(import_module(module), name)(request, self, *args)

    def facilitators(self):
        return User.objects.filter(
            memberships__community=self,
            memberships__state=MembershipState.ACTIVE,
            memberships__role=MembershipRole.FACILITATOR,
        )
