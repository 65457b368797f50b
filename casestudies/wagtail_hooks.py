from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from casestudies.models import Objective, ServiceArea, Theme
from casestudies.services.freshness import MARK_REVIEWED_ACTION


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    search_fields = ["name"]


class ServiceAreaViewSet(SnippetViewSet):
    model = ServiceArea
    icon = "tag"
    search_fields = ["name"]


class ObjectiveViewSet(SnippetViewSet):
    model = Objective
    icon = "tag"
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomy"
    menu_icon = "tag"
    items = (ThemeViewSet, ServiceAreaViewSet, ObjectiveViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    # Marking a case study as reviewed changes no revision, so it shows in the page's history
    # only through this entry.
    actions.register_action(MARK_REVIEWED_ACTION, "Mark as reviewed", "Marked as reviewed")
