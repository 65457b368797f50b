"""Search synonyms in Wagtail's admin, for site administrators only (docs/search.md)."""

from wagtail.admin.panels import FieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from communities.wagtail_hooks import SiteAdministratorsOnly
from search.models import Synonym

# Synonyms change every search on the site, so community facilitators (who use the admin
# for their own communities) neither see nor reach them.
register_permission_policy(Synonym, SiteAdministratorsOnly(Synonym))


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Search synonyms"
    add_to_settings_menu = True
    list_display = ["terms"]
    search_fields = ["terms"]
    panels = [FieldPanel("terms")]
    copy_view_enabled = False
    inspect_view_enabled = False


register_snippet(SynonymViewSet)
