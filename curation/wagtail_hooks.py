"""Best bets in Wagtail's admin, for site administrators only (docs/curation.md).

Collections are pages (curation.CollectionPage) and are edited in the page explorer by
whoever holds page permissions on /collections/: site administrators and editors.
"""

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from communities.wagtail_hooks import SiteAdministratorsOnly
from curation.models import BestBet

# Best bets change every search on the site, so community facilitators (who use the admin
# for their own communities) neither see nor reach them.
register_permission_policy(BestBet, SiteAdministratorsOnly(BestBet))


class BestBetViewSet(SnippetViewSet):
    model = BestBet
    icon = "pick"
    menu_label = "Best bets"
    add_to_settings_menu = True
    list_display = ["page", "queries", "site", "sort_order"]
    list_filter = ["site"]
    search_fields = ["queries", "description"]
    panels = [
        FieldPanel("site"),
        FieldPanel("queries"),
        PageChooserPanel("page"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    copy_view_enabled = False
    inspect_view_enabled = False


register_snippet(BestBetViewSet)
