"""The case study editor's form: who may be named on a case study, and the lesson rule."""

from django.utils.html import strip_tags
from wagtail.admin.forms import WagtailAdminPageForm

# The buttons that ask for content to go live, now or after review (see Wagtail's page
# create and edit views).
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")
LESSON_RULE_KINDS = {"went_wrong", "advice"}
# Sections a case study needs before it goes live (drafts save without them).
REQUIRED_TO_PUBLISH = {
    "background": "Describe the problem before you publish or submit for review: the next "
    "team needs to know whether their situation is like yours.",
    "what_we_did": "Say what you did before you publish or submit for review.",
}
LESSON_RULE_MESSAGE = (
    "Add at least one lesson about what went wrong or one piece of advice before you "
    "publish or submit for review: that is what the next team needs most. You can save a "
    "draft without it."
)


def member_choice_label(user):
    """Name, job title and organisation: never an email address."""
    parts = [user.display_name]
    if user.job_title:
        parts.append(user.job_title)
    if user.organisation_id:
        parts.append(user.organisation.name)
    return ", ".join(parts)


def community_of(page, parent_page):
    from communities.selectors import community_of_page

    anchor = parent_page if parent_page is not None else page
    if anchor is None or not anchor.pk:
        return None
    return community_of_page(anchor, inclusive=True)


def people_for(community, already_chosen_ids):
    """Active members of the community, and anyone already named (who may have left)."""
    from django.db.models import Q

    from communities.models import MembershipState, User

    members = Q(
        memberships__community=community,
        memberships__state=MembershipState.ACTIVE,
        is_active=True,
    )
    return (
        User.objects.filter(members | Q(pk__in=already_chosen_ids))
        .select_related("organisation")
        .distinct()
        .order_by("first_name", "last_name")
    )


class ChangeNotePageForm(WagtailAdminPageForm):
    """Each version gets its own note: the box starts empty rather than repeating the last."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "change_note" in self.fields and self.instance.pk and not self.is_bound:
            self.initial["change_note"] = ""


class CaseStudyForm(ChangeNotePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        community = community_of(self.instance, getattr(self, "parent_page", None))
        for name in ("contacts", "review_owner"):
            field = self.fields.get(name)
            if field is None:
                continue
            chosen = []
            if self.instance.pk:
                if name == "contacts":
                    chosen = [user.pk for user in self.instance.contacts.all()]
                elif self.instance.review_owner_id:
                    chosen = [self.instance.review_owner_id]
            if community is None:
                field.queryset = field.queryset.model.objects.filter(pk__in=chosen)
            else:
                field.queryset = people_for(community, chosen)
            field.label_from_instance = member_choice_label
            field.help_text = (
                f"{field.help_text} Only members of this community are listed."
            ).strip()

    def is_publishing(self):
        if any(self.data.get(action) for action in PUBLISHING_ACTIONS):
            return True
        return bool(
            self.data.get("action-workflow-action")
            and self.data.get("workflow-action-name") == "approve"
        )

    def is_valid(self):
        # After the lesson formset is validated, so its cleaned data is there to check.
        valid = super().is_valid()
        if not (valid and self.is_publishing()):
            return valid
        for name, message in REQUIRED_TO_PUBLISH.items():
            if name in self.fields and not strip_tags(self.cleaned_data.get(name) or "").strip():
                self.add_error(name, message)
        if not self._has_rule_lesson():
            self.add_error(None, LESSON_RULE_MESSAGE)
        return not self.errors

    def _has_rule_lesson(self):
        formset = self.formsets.get("lessons")
        if formset is None:
            return True
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            if form.cleaned_data.get("kind") in LESSON_RULE_KINDS:
                return True
        return False
