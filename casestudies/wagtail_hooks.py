from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from casestudies.forms import LESSON_RULE_KINDS
from casestudies.models import CaseStudyPage, Objective, ServiceArea, Theme
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


@hooks.register("before_bulk_action")
def bulk_publish_keeps_the_lesson_rule(request, action_type, objects, action_class_instance):
    """Publishing several pages at once skips the editor's form, so check the rule here."""
    if action_type != "publish":
        return None
    missing = []
    for page in objects:
        if page.specific_class is not CaseStudyPage:
            continue
        revision = page.get_latest_revision()
        draft = revision.as_object() if revision else page.specific
        if not {lesson.kind for lesson in draft.lessons.all()} & LESSON_RULE_KINDS:
            missing.append(draft.title)
    if not missing:
        return None
    messages.error(
        request,
        "Nothing was published. These case studies need at least one lesson about what went "
        "wrong or a piece of advice: " + "; ".join(missing),
    )
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "wagtailadmin_explore_root"
    return redirect(next_url)


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    # Marking a case study as reviewed changes no revision, so it shows in the page's history
    # only through this entry.
    actions.register_action(MARK_REVIEWED_ACTION, "Mark as reviewed", "Marked as reviewed")
