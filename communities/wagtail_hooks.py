from django.http import Http404
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from communities.models import CommunityPage, Organisation, Visibility
from communities.selectors import can_read_community


@hooks.register("before_serve_page")
def enforce_community_visibility(page, request, serve_args, serve_kwargs):
    """Pages inside a community are served only to those who may read it.

    A community's own page is shown to non-readers only when it is listed (private
    and restricted: name, purpose and how to join); everything else answers 404,
    the same as a page that does not exist.
    """
    specific = page.specific
    community = (
        specific
        if isinstance(specific, CommunityPage)
        else CommunityPage.objects.ancestor_of(page).first()
    )
    if community is None or can_read_community(request.user, community):
        return None
    if specific is community and community.visibility != Visibility.HIDDEN:
        request.community_preview_only = True
        return None
    raise Http404


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    list_display = ["name", "type", "region"]
    list_filter = ["type", "region"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("type"),
        FieldPanel("region"),
        FieldPanel("population_band"),
        FieldPanel("website"),
        InlinePanel("domains", heading="Email domains", label="Domain"),
    ]


register_snippet(OrganisationViewSet)
