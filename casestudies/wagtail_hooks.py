from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from casestudies.models import Objective, ServiceArea, Theme


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
