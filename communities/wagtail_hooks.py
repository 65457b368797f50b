from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views import View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from communities.models import AllowedEmailDomain, CommunityPage, Organisation, User, Visibility
from communities.selectors import (
    SERVED_COMMUNITY,
    can_read_collection,
    can_read_community,
    community_above,
    outside_unreadable_communities_q,
)
from communities.services.signup import (
    member_approve,
    member_reject,
    normalise_domain,
    pending_members,
)


@hooks.register("before_serve_page")
def enforce_community_visibility(page, request, serve_args, serve_kwargs):
    """Pages inside a community are served only to those who may read it.

    A community's own page is shown to non-readers only when it is listed (private
    and restricted: name, purpose and how to join); everything else answers 404,
    the same as a page that does not exist.
    """
    specific = page.specific
    if isinstance(specific, CommunityPage):
        community = specific
    else:
        # With its collection: the case study page shows the community's images and files.
        community = community_above(page)
        # The rest of the request (the page's context, comments) asks community_of_page.
        specific.__dict__[SERVED_COMMUNITY] = community
    if community is None or can_read_community(request.user, community):
        return None
    if specific is community and community.visibility != Visibility.HIDDEN:
        # Name, purpose and how to join; served here because Wagtail's own view
        # restriction (which keeps its other views safe) would send non-members to sign in.
        request.community_preview_only = True
        return community.serve(request, *serve_args, **serve_kwargs)
    raise Http404


@hooks.register("before_serve_document")
def enforce_document_visibility(document, request):
    """A document in a community's collection (or a collection inside it) is served only
    to those who may read the community.

    Everyone else gets 404, as for a document that does not exist (Wagtail's own
    collection restriction, which also applies, would instead ask them to sign in).
    """
    if not can_read_collection(request.user, document.collection):
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


# Sign-up rules: pending members and the allowed email domains (site administrators only) --


class SiteAdministratorsOnly(BasePermissionPolicy):
    """Only active superusers (site administrators) may do anything with the model."""

    def user_has_permission(self, user, action):
        return bool(user.is_authenticated and user.is_active and user.is_superuser)

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def users_with_any_permission(self, actions):
        return User.objects.filter(is_active=True, is_superuser=True)


register_permission_policy(AllowedEmailDomain, SiteAdministratorsOnly(AllowedEmailDomain))


class AllowedEmailDomainForm(WagtailAdminModelForm):
    class Meta:
        model = AllowedEmailDomain
        fields = ["domain", "note"]
        help_texts = {
            "domain": "For example gov.uk. Addresses at this domain and any subdomain "
            "(kent.gov.uk) are approved when they sign up.",
        }

    def clean_domain(self):
        domain = normalise_domain(self.cleaned_data["domain"])
        if domain is None or "." not in domain:
            raise forms.ValidationError("Enter a domain name, such as gov.uk.")
        return domain


class AllowedEmailDomainViewSet(ModelViewSet):
    model = AllowedEmailDomain
    name = "allowed_email_domains"
    url_prefix = "allowed-email-domains"
    icon = "mail"
    menu_label = "Allowed email domains"
    add_to_settings_menu = True
    list_display = ["domain", "note"]
    search_fields = ["domain", "note"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return AllowedEmailDomainForm


class SiteAdministratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_superuser):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class PendingMembersIndexView(SiteAdministratorRequiredMixin, WagtailAdminTemplateMixin, View):
    template_name = "communities/signup/admin/pending_members.html"
    page_title = "Pending members"
    header_icon = "user"
    page_size = 50

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request):
        page = Paginator(pending_members(), self.page_size).get_page(request.GET.get("p"))
        return self.render_to_response(self.get_context_data(page=page))


class PendingMemberApproveView(SiteAdministratorRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        member = get_object_or_404(pending_members(), pk=pk)
        member_approve(user=member, by=request.user)
        messages.success(request, f"Approved {member.email}. We have emailed them.")
        return redirect("pending_members:index")


class RejectMemberForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        help_text="This is emailed to the member.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class PendingMemberRejectView(SiteAdministratorRequiredMixin, WagtailAdminTemplateMixin, View):
    template_name = "communities/signup/admin/reject_member.html"
    page_title = "Reject member"
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("pending_members:index"), "label": "Pending members"},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request, pk):
        member = get_object_or_404(pending_members(), pk=pk)
        return self._render(member, RejectMemberForm())

    def post(self, request, pk):
        member = get_object_or_404(pending_members().filter(is_superuser=False), pk=pk)
        form = RejectMemberForm(request.POST)
        if not form.is_valid():
            return self._render(member, form)
        member_reject(user=member, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, f"Rejected {member.email}: the account is closed.")
        return redirect("pending_members:index")

    def _render(self, member, form):
        return self.render_to_response(self.get_context_data(member=member, form=form))


class SiteAdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(request.user.is_active and request.user.is_superuser)


class PendingMembersViewSet(ViewSet):
    name = "pending_members"
    url_prefix = "pending-members"
    icon = "user"
    menu_label = "Pending members"
    add_to_settings_menu = True
    menu_item_class = SiteAdministratorMenuItem

    def get_urlpatterns(self):
        return [
            path("", PendingMembersIndexView.as_view(), name="index"),
            path("<int:pk>/approve/", PendingMemberApproveView.as_view(), name="approve"),
            path("<int:pk>/reject/", PendingMemberRejectView.as_view(), name="reject"),
        ]


@hooks.register("register_admin_viewset")
def register_signup_admin():
    return [PendingMembersViewSet(), AllowedEmailDomainViewSet()]


# Members in the admin: only what they may read ---------------------------------------------
# Page explorer, admin search, reports and the admin API already list only pages the user
# has permissions on (their communities). These hooks trim what does not.


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_only_readable_pages(pages, request):
    """The page chooser (also used for links in rich text) lists every page by default."""
    return pages.filter(outside_unreadable_communities_q(request.user))


@hooks.register("construct_homepage_summary_items")
def summary_counts_for_site_administrators_only(request, summary_items):
    """The dashboard's page, image and document counts cover the whole site."""
    if not request.user.is_superuser:
        summary_items.clear()


@hooks.register("construct_reports_menu")
def hide_whole_site_reports(request, menu_items):
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]
