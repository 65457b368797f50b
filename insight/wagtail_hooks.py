from wagtail import hooks
from wagtail.admin.menu import MenuItem

from insight.selectors import can_see_site_insight
from insight.tracking import count_page_views

hooks.register("on_serve_page", count_page_views)


class SiteInsightMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_site_insight(request.user)


@hooks.register("register_admin_menu_item")
def site_insight_menu_item():
    """A way from the admin to the site-wide dashboard (which is a page of the site)."""
    return SiteInsightMenuItem("Site insight", "/insight/", icon_name="view", order=900)
