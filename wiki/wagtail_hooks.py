from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages

from communities.selectors import can_manage_community, community_of_page
from wiki.models import WikiIndexPage, WikiPage


@hooks.register("before_delete_page")
def only_facilitators_delete_wiki_pages(request, page):
    """Members edit the wiki freely, but deleting loses history others rely on: facilitators
    (and site administrators) only. A wiki's front page is never deleted on its own."""
    specific = page.specific_class
    if specific is WikiIndexPage and not request.user.is_superuser:
        messages.error(request, "A community's wiki cannot be deleted on its own.")
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    if specific is WikiPage:
        community = community_of_page(page)
        if not can_manage_community(request.user, community):
            messages.error(
                request,
                "Only the community's facilitators can delete wiki pages. You can edit the "
                "page, or ask a facilitator.",
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    return None
