"""Community wiki: pages any member of the community edits, published straight away.

Each community has one wiki (a WikiIndexPage made by community_sync_access) whose subtree
the community's members may add to, edit and publish; there is no review workflow. Readers
see every published version, compare any two and (members) put an old one back, on the site.
"""

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from casestudies.forms import ChangeNotePageForm
from cop.models import ChangeNoteMixin

WIKI_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"]


class WikiBase(RoutablePageMixin, ChangeNoteMixin, Page):
    body = RichTextField(
        features=WIKI_FEATURES,
        blank=True,
        help_text="Write for the next person: what to know, where to look, who to ask.",
    )

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("change_note")]
    base_form_class = ChangeNotePageForm

    class Meta:
        abstract = True

    # Wiki changes go live at once: no review workflow, whatever the community uses.
    def get_workflow(self):
        return None

    def has_workflow(self):
        return False

    @path("")
    def current(self, request):
        return self.render(request)

    @path("history/")
    def history(self, request):
        return self._history_view("history_list", request)

    @path("history/compare/")
    def compare(self, request):
        return self._history_view("history_compare", request)

    @path("history/<int:revision_id>/")
    def revision(self, request, revision_id):
        return self._history_view("history_revision", request, revision_id)

    @path("history/<int:revision_id>/revert/")
    def revert(self, request, revision_id):
        return self._history_view("history_revert", request, revision_id)

    def _history_view(self, name, request, *args):
        from wiki import views

        return getattr(views, name)(request, self, *args)

    def get_context(self, request, *args, **kwargs):
        from wiki.views import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(request, self))
        return context


class WikiIndexPage(WikiBase):
    """The community's wiki: its front page and the list of wiki pages."""

    parent_page_types = ["communities.CommunityPage"]
    subpage_types = ["wiki.WikiPage"]
    max_count_per_parent = 1
    template = "wiki/wiki_page.html"

    class Meta:
        verbose_name = "wiki"


class WikiPage(WikiBase):
    parent_page_types = ["wiki.WikiIndexPage", "wiki.WikiPage"]
    subpage_types = ["wiki.WikiPage"]
    template = "wiki/wiki_page.html"

    class Meta:
        verbose_name = "wiki page"
