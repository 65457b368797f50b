"""Every state-changing endpoint refuses a cross-site POST, and GET never changes state.

ENDPOINTS lists every URL the site answers outside the two admin apps, each with the
request a real form would send. Three probes run over it:

- a POST without a CSRF token answers 403 and changes nothing;
- a GET carrying the same fields in the query string changes nothing;
- for endpoints marked `changes_state`, the same POST *with* a token does change
  something, which shows the first probe is not passing vacuously.

The guard at the bottom fails when a new URL is added without an entry here.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Revision

from casestudies.models import CaseStudyExport, CaseStudyPage
from communities.models import MembershipRole, User
from curation.models import CommunityWelcome, FeaturedCaseStudy
from discussions.models import Discussion, ModerationAction, Post, Report
from feeds.models import FeedToken
from imports.models import ImportedCaseStudy, PendingImport
from participation.models import (
    Announcement,
    EmailPreference,
    Follow,
    HelpedRecord,
    SavedSearch,
)
from tests import factories

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-Long-password-77"
CSRF_SECRET = "s" * 32  # a CSRF cookie value and the matching form token


@dataclass(frozen=True)
class Endpoint:
    """One URL and the fields a genuine form would post to it.

    `url` and `data` are strings/dicts, or functions of the member the probe uses.
    `signed_in`: the member is signed in first. `totp`: the member has an authenticator.
    `changes_state`: a valid POST (with a token) changes users, addresses,
    authenticators, mail, case study reviews or the session's sign-in, so the probe is
    meaningful.
    """

    url: str | Callable[[User], str]
    data: dict | Callable[[User], dict] = field(default_factory=dict)
    signed_in: bool = False
    totp: bool = False
    changes_state: bool = False
    # Why this endpoint takes POSTs without a CSRF token, when it must (probed separately).
    csrf_exempt: str = ""


def new_account(_member):
    return {
        "first_name": "Sam",
        "last_name": "Newcomer",
        "email": "sam.newcomer@example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }


def reset_from_key_url(member):
    return reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(member),
            "key": default_token_generator.make_token(member),
        },
    )


def confirm_email_url(member):
    address = EmailAddress.objects.create(user=member, email="second@example.org")
    return reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])


def wiki_revert_url(member):
    """Put back the first version of a two-version wiki page in the member's community."""
    community = factories.make_community(visibility="open")
    factories.add_member(community, member)
    page = factories.make_wiki_page(community, body="<p>First.</p>")
    first = page.get_latest_revision()
    page.body = "<p>Second.</p>"
    page.save_revision(log_action=True).publish()
    return f"{page.url}history/{first.pk}/revert/"


def overdue_case_study_reviewed_by(member):
    community = factories.make_community(visibility="open")
    return factories.make_case_study(
        community, review_owner=member, review_by=datetime.date(2020, 1, 1)
    )


def _discussion_world(member, role=MembershipRole.MEMBER):
    """An open community where `member` has `role`, with a question discussion started by
    the member and a reply from someone else (which the member may report or mark)."""
    community = factories.make_community(visibility="open")
    factories.add_member(community, member, role=role)
    other = factories.UserFactory()
    factories.add_member(community, other)
    discussion = factories.make_discussion(
        community, member, is_question=True, replies=[(other, "A reply.")]
    )
    return community, discussion, discussion.posts.get(is_opening=False)


def discussion_url(suffix, role=MembershipRole.MEMBER):
    def url(member):
        community, discussion, reply = _discussion_world(member, role)
        return f"{community.url}{suffix.format(d=discussion.pk, reply=reply.pk)}"

    return url


def own_post_url(member):
    community, discussion, _reply = _discussion_world(member)
    return f"{community.url}posts/{discussion.posts.get(is_opening=True).pk}/edit/"


def case_study_comments_url(member):
    community = factories.make_community(visibility="open")
    return f"{factories.make_case_study(community).url}comments/"


def _following_a_community(member):
    from participation.services.follows import follow_ensure

    community = factories.make_community(visibility="open")
    follow_ensure(user=member, target=community)
    return {"kind": "community", "object_id": community.pk}


def _saved_search_delete_url(member):
    from participation.services.saved_searches import saved_search_create

    saved = saved_search_create(user=member, name="Bins", query_string="q=bins")
    return f"/saved-searches/{saved.pk}/delete/"


def _unsubscribe_url(member, suffix="", scope="following"):
    from participation.tokens import unsubscribe_token

    return f"/unsubscribe/{unsubscribe_token(member, scope)}/{suffix}"


def facilitated_url(suffix):
    """A route of an open community the probe's member facilitates."""

    def url(member):
        community = factories.make_community(visibility="open")
        factories.add_member(community, member, role=MembershipRole.FACILITATOR)
        return f"{community.url}{suffix}"

    return url


def announcement_url(member):
    community = factories.make_community(visibility="open")
    announcement = Announcement.objects.create(community=community, title="News", body="Text")
    return f"{community.url}announcements/{announcement.pk}/"


def curate_url(member):
    """The curate page of an open community the member facilitates."""
    community = factories.make_community(visibility="open")
    factories.add_member(community, member, role=MembershipRole.FACILITATOR)
    factories.make_case_study(community)
    return f"{community.url}curate/"


def curate_data(member):
    from curation.services import curatable_case_studies

    community = member.memberships.filter(role=MembershipRole.FACILITATOR).latest("pk").community
    study = curatable_case_studies(community).first()
    return {"welcome": "Forged welcome", "featured_1": study.pk}


def _site_administrator(url):
    """The URL, for a member made a site administrator first."""

    def make(member):
        member.is_superuser = True
        member.save(update_fields=["is_superuser"])
        return url

    return make


def _open_community_id():
    return factories.make_community(visibility="open").pk


IMPORT_CSV = b"External id,Title,Summary\nX-1,Imported title,Imported summary\n"


def _import_community(member):
    """An open community the member facilitates (only facilitators import)."""
    community = factories.make_community(visibility="open")
    factories.add_member(community, member, role=MembershipRole.FACILITATOR)
    return community


def import_upload_data(_member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("case-studies.csv", IMPORT_CSV, "text/csv")}


def import_confirm_url(member):
    """An upload the member has checked, waiting for them to confirm the import."""
    from django.utils import timezone

    community = _import_community(member)
    pending = PendingImport.objects.create(
        user=member,
        community=community,
        file_name="case-studies.csv",
        file_kind="csv",
        encoding="UTF-8",
        headers=["External id", "Title", "Summary"],
        rows=[[2, {"external id": "X-1", "title": "Imported title", "summary": "Summary"}]],
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    return f"{community.url}import/{pending.pk}/"


ENDPOINTS = {
    # django-allauth: accounts
    "account_login": Endpoint(
        reverse("account_login"),
        lambda member: {"login": member.email, "password": factories.PASSWORD},
        changes_state=True,
    ),
    "account_signup": Endpoint(reverse("account_signup"), new_account, changes_state=True),
    "account_logout": Endpoint(reverse("account_logout"), signed_in=True, changes_state=True),
    "account_reset_password": Endpoint(
        reverse("account_reset_password"),
        lambda member: {"email": member.email},
        changes_state=True,
    ),
    "account_reset_password_from_key": Endpoint(
        reset_from_key_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    ),
    "account_change_password": Endpoint(
        reverse("account_change_password"),
        {"oldpassword": factories.PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        signed_in=True,
        changes_state=True,
    ),
    "account_set_password": Endpoint(
        reverse("account_set_password"),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        signed_in=True,
    ),
    "account_email": Endpoint(
        reverse("account_email"),
        {"email": "second@example.org", "action_add": ""},
        signed_in=True,
        changes_state=True,
    ),
    "account_confirm_email": Endpoint(confirm_email_url, changes_state=True),
    "account_reauthenticate": Endpoint(
        reverse("account_reauthenticate"),
        {"password": factories.PASSWORD},
        signed_in=True,
        changes_state=True,
    ),
    "account_confirm_login_code": Endpoint(reverse("account_confirm_login_code"), {"code": "X"}),
    # Reauthentication by emailed code (django-allauth 65.22+; no page links to it here).
    "account_request_reauthentication_code": Endpoint(
        reverse("account_request_reauthentication_code"), signed_in=True
    ),
    "account_confirm_reauthentication_code": Endpoint(
        reverse("account_confirm_reauthentication_code"), {"code": "X"}, signed_in=True
    ),
    "account_inactive": Endpoint(reverse("account_inactive")),
    "account_email_verification_sent": Endpoint(reverse("account_email_verification_sent")),
    "account_reset_password_done": Endpoint(reverse("account_reset_password_done")),
    "account_reset_password_from_key_done": Endpoint(
        reverse("account_reset_password_from_key_done")
    ),
    # django-allauth: second factor
    "mfa_index": Endpoint(reverse("mfa_index"), signed_in=True),
    "mfa_activate_totp": Endpoint(reverse("mfa_activate_totp"), {"code": "123456"}, signed_in=True),
    "mfa_deactivate_totp": Endpoint(reverse("mfa_deactivate_totp"), signed_in=True, totp=True),
    "mfa_authenticate": Endpoint(reverse("mfa_authenticate"), {"code": "123456"}, totp=True),
    "mfa_reauthenticate": Endpoint(
        reverse("mfa_reauthenticate"), {"code": "123456"}, signed_in=True, totp=True
    ),
    "mfa_generate_recovery_codes": Endpoint(
        reverse("mfa_generate_recovery_codes"), signed_in=True, totp=True
    ),
    "mfa_view_recovery_codes": Endpoint(
        reverse("mfa_view_recovery_codes"), signed_in=True, totp=True
    ),
    "mfa_download_recovery_codes": Endpoint(
        reverse("mfa_download_recovery_codes"), signed_in=True, totp=True
    ),
    # The site's own URLs
    "search": Endpoint("/search/", {"q": "x"}),  # a GET form: POST is refused
    # JSON for the search box; GET only. (Searches are logged, which is not state a
    # forged request could use: the log is not in `state` below.)
    "search_autocomplete": Endpoint("/search/autocomplete/", {"q": "gard"}),
    "wagtail_serve": Endpoint("/"),
    # Community membership (routes of the community page, and invitation links)
    "community join (page route)": Endpoint(
        lambda _member: f"{factories.make_community(visibility='open').url}join/",
        signed_in=True,
    ),
    "community manage (page route)": Endpoint(
        lambda _member: f"{factories.make_community(visibility='open').url}manage/invite/",
        {"email": "someone@example.org"},
        signed_in=True,
    ),
    # Importing case studies (routes of the community page, for its facilitators)
    "community import upload (page route)": Endpoint(
        lambda member: f"{_import_community(member).url}import/",
        import_upload_data,
        signed_in=True,
        changes_state=True,
    ),
    "community import confirm (page route)": Endpoint(
        import_confirm_url, signed_in=True, changes_state=True
    ),
    "community case studies (page route)": Endpoint(
        lambda _member: f"{factories.make_community(visibility='open').url}case-studies/",
        {"stage": "beta"},  # a GET form
    ),
    "community search (page route)": Endpoint(
        lambda _member: f"{factories.make_community(visibility='open').url}search/",
        {"q": "x", "stage": "beta"},  # a GET form
    ),
    "invitation_accept": Endpoint("/invitations/not-a-real-token/", signed_in=True),
    "wiki revert (page route)": Endpoint(
        lambda member: wiki_revert_url(member), signed_in=True, changes_state=True
    ),
    # Marking a case study as reviewed (a route of the case study page)
    "case study mark reviewed (page route)": Endpoint(
        lambda member: f"{overdue_case_study_reviewed_by(member).url}reviewed/",
        signed_in=True,
        changes_state=True,
    ),
    # Discussions, comments and moderation (routes of the community and case study pages)
    "discussion list (page route)": Endpoint(discussion_url("discussions/"), signed_in=True),
    "discussion start (page route)": Endpoint(
        discussion_url("discussions/new/"),
        {"title": "Forged", "body": "Forged post"},
        signed_in=True,
        changes_state=True,
    ),
    "discussion page (page route)": Endpoint(discussion_url("discussions/{d}/"), signed_in=True),
    "discussion reply (page route)": Endpoint(
        discussion_url("discussions/{d}/reply/"),
        {"body": "Forged reply"},
        signed_in=True,
        changes_state=True,
    ),
    "discussion lock (page route)": Endpoint(
        discussion_url("discussions/{d}/lock/", MembershipRole.FACILITATOR),
        signed_in=True,
        changes_state=True,
    ),
    "discussion pin (page route)": Endpoint(
        discussion_url("discussions/{d}/pin/", MembershipRole.FACILITATOR),
        signed_in=True,
        changes_state=True,
    ),
    "post edit (page route)": Endpoint(
        own_post_url, {"title": "Forged", "body": "Forged edit"}, signed_in=True, changes_state=True
    ),
    "post report (page route)": Endpoint(
        discussion_url("posts/{reply}/report/"),
        {"reason": "Forged report"},
        signed_in=True,
        changes_state=True,
    ),
    "post mark as answer (page route)": Endpoint(
        discussion_url("posts/{reply}/answer/"), signed_in=True, changes_state=True
    ),
    "post moderate (page route)": Endpoint(
        discussion_url("posts/{reply}/moderate/", MembershipRole.FACILITATOR),
        {"action": "hide", "reason": "Forged"},
        signed_in=True,
        changes_state=True,
    ),
    "moderation page (page route)": Endpoint(
        discussion_url("moderation/", MembershipRole.FACILITATOR), signed_in=True
    ),
    # Curating a community's home page (a route of the community page)
    "community curate (page route)": Endpoint(
        curate_url, curate_data, signed_in=True, changes_state=True
    ),
    "moderation_queue": Endpoint("/moderation/", signed_in=True),
    # Announcements (routes of the community page)
    "announcement list (page route)": Endpoint(facilitated_url("announcements/"), signed_in=True),
    "announcement new (page route)": Endpoint(
        facilitated_url("announcements/new/"),
        {"title": "Forged", "body": "Forged announcement", "send": "1"},
        signed_in=True,
        changes_state=True,
    ),
    "announcement page (page route)": Endpoint(announcement_url, signed_in=True),
    "unsubscribe from announcements": Endpoint(
        lambda member: _unsubscribe_url(member, scope="announcements"), changes_state=True
    ),
    "unsubscribe from announcements (one click)": Endpoint(
        lambda member: _unsubscribe_url(member, "one-click/", scope="announcements"),
        {"List-Unsubscribe": "One-Click"},
        changes_state=True,
        csrf_exempt="RFC 8058 one-click unsubscribe, as for unsubscribe_one_click",
    ),
    "case study comment (page route)": Endpoint(
        case_study_comments_url,
        {"kind": "question", "body": "Forged comment"},
        signed_in=True,
        changes_state=True,
    ),
    # Insight dashboards (a community's are routes of its page) and "ask the community"
    "insight dashboard (page route)": Endpoint(
        discussion_url("insight/", MembershipRole.FACILITATOR), {"period": "7"}, signed_in=True
    ),
    "insight download (page route)": Endpoint(
        discussion_url("insight/download/searches/", MembershipRole.FACILITATOR), signed_in=True
    ),
    "insight ask (page route)": Endpoint(
        discussion_url("insight/ask/", MembershipRole.FACILITATOR),
        {"query": "forged search"},
        signed_in=True,
        changes_state=True,
    ),
    "insight": Endpoint(_site_administrator("/insight/"), {"period": "7"}, signed_in=True),
    "insight_download": Endpoint(
        _site_administrator("/insight/download/searches/"), signed_in=True
    ),
    "insight_ask": Endpoint(
        _site_administrator("/insight/ask/"),
        lambda member: {"query": "forged search", "community": _open_community_id()},
        signed_in=True,
        changes_state=True,
    ),
    # Case studies and lessons
    "lessons": Endpoint("/lessons/", {"lesson_category": "data"}),  # a GET form
    # Organisations and members
    "organisation_list": Endpoint("/organisations/", {"type": "district"}),  # a GET form
    "organisation_detail": Endpoint(
        lambda _member: f"/organisations/{factories.OrganisationFactory().slug}/"
    ),
    "member_directory": Endpoint("/members/", {"q": "x"}),  # a GET form
    "member_profile": Endpoint(lambda member: f"/members/{member.pk}/"),
    "member_me": Endpoint("/members/me/", signed_in=True),
    "member_edit": Endpoint(
        "/members/me/edit/",
        {"first_name": "Forged", "last_name": "Name", "listed": "on"},
        signed_in=True,
        changes_state=True,
    ),
    "member_export": Endpoint("/members/me/export/", signed_in=True),
    "member_delete": Endpoint(
        "/members/me/delete/", {"password": factories.PASSWORD}, signed_in=True, changes_state=True
    ),
    # Following, digests, saved searches, unsubscribing, themes, "this helped us"
    "following": Endpoint("/following/", signed_in=True),
    "email_preferences": Endpoint(
        "/following/preferences/", {"frequency": "off"}, signed_in=True, changes_state=True
    ),
    "follow": Endpoint(
        "/follow/",
        lambda _member: {
            "kind": "community",
            "object_id": factories.make_community(visibility="open").pk,
        },
        signed_in=True,
        changes_state=True,
    ),
    "unfollow": Endpoint("/unfollow/", _following_a_community, signed_in=True, changes_state=True),
    "saved_searches": Endpoint(
        "/saved-searches/",
        {"name": "Bins", "query_string": "q=bins"},
        signed_in=True,
        changes_state=True,
    ),
    "saved_search_delete": Endpoint(_saved_search_delete_url, signed_in=True, changes_state=True),
    "digest_preview": Endpoint("/digest/preview/", signed_in=True),
    "unsubscribe": Endpoint(_unsubscribe_url, changes_state=True),
    "unsubscribe_one_click": Endpoint(
        lambda member: _unsubscribe_url(member, "one-click/"),
        {"List-Unsubscribe": "One-Click"},
        changes_state=True,
        csrf_exempt="RFC 8058 one-click unsubscribe: mail programs post here from the "
        "List-Unsubscribe header and cannot send a CSRF token; the signed token in the "
        "address is the proof, and it can only turn emails off",
    ),
    "theme_detail": Endpoint(lambda _member: f"/themes/{factories.theme().slug}/"),
    "case study helped (page route)": Endpoint(
        lambda _member: f"{factories.make_case_study(factories.make_community()).url}helped/",
        {"kind": "helped", "note": "We used it."},
        signed_in=True,
        changes_state=True,
    ),
    "accessibility": Endpoint("/accessibility/"),
    "privacy": Endpoint("/privacy/"),
    "favicon.ico": Endpoint("/favicon.ico"),
    "admin_login_redirect": Endpoint(
        "/admin/login/", lambda member: {"username": member.email, "password": "x"}
    ),
    "frontend_login_redirect": Endpoint("/_util/login/"),
    "wagtailcore_authenticate_with_password": Endpoint(
        "/_util/authenticate_with_password/1/1/", {"password": "x"}
    ),
    "wagtaildocs_serve": Endpoint("/documents/1/report.pdf"),
    "community_image": Endpoint("/images/1/width-800/"),
    "admin_rendition_file": Endpoint("/media/images/photo.width-800.png", signed_in=True),
    "wagtaildocs_authenticate_with_password": Endpoint(
        "/documents/authenticate_with_password/1/", {"password": "x"}
    ),
    # Feeds (GET only) and the member's feed address (POST resets it)
    "feed_case_studies": Endpoint("/feeds/case-studies/"),
    "feed_case_studies_rss": Endpoint("/feeds/case-studies/rss/"),
    "feed_community": Endpoint(
        lambda _member: f"/feeds/communities/{factories.make_community(visibility='open').slug}/"
    ),
    "feed_community_rss": Endpoint("/feeds/communities/no-such-community/rss/"),
    "feed_theme": Endpoint(lambda _member: f"/feeds/themes/{factories.theme().slug}/"),
    "feed_theme_rss": Endpoint("/feeds/themes/open-data/rss/"),
    "feed_search": Endpoint(lambda member: f"/feeds/search/{feed_token_of(member)}/", {"q": "x"}),
    "feed_search_rss": Endpoint("/feeds/search/not-a-token/rss/"),
    "member_feed": Endpoint("/members/me/feed/", signed_in=True, changes_state=True),
    # The read-only API (GET only)
    "api_root": Endpoint("/api/v1/"),
    "api_openapi": Endpoint("/api/v1/openapi.json"),
    "api_case_studies": Endpoint("/api/v1/case-studies/", {"stage": "live"}, signed_in=True),
    "api_case_study": Endpoint("/api/v1/case-studies/1/"),
    "api_lessons": Endpoint("/api/v1/lessons/", {"lesson_kind": "advice"}),
    "api_organisations": Endpoint("/api/v1/organisations/", {"type": "district"}),
    "api_organisation": Endpoint(
        lambda _member: f"/api/v1/organisations/{factories.OrganisationFactory().slug}/"
    ),
    "api_communities": Endpoint("/api/v1/communities/", signed_in=True),
    "api_community": Endpoint("/api/v1/communities/1/"),
    # Case study downloads: GET streams (or offers); POST asks for a background export,
    # which is made and emailed at once in tests
    "case_study_export": Endpoint(
        "/case-studies/export.csv?stage=live", signed_in=True, changes_state=True
    ),
    "case_study_export_download": Endpoint(
        "/case-studies/exports/00000000-0000-0000-0000-000000000000/", signed_in=True
    ),
}


def feed_token_of(member):
    from feeds.services import feed_token_reset

    return feed_token_reset(user=member).token


SSO_SIGNUP = {"email": "sso.newcomer@example.org", "first_name": "Sam", "last_name": "Newcomer"}
ENDPOINTS.update(
    {
        # django-allauth: single sign-on
        "socialaccount_signup": Endpoint(reverse("socialaccount_signup"), SSO_SIGNUP),
        "accounts/social/signup/": Endpoint("/accounts/social/signup/", SSO_SIGNUP),
        "socialaccount_connections": Endpoint(
            reverse("socialaccount_connections"), {"account": "1"}, signed_in=True
        ),
        "accounts/social/connections/": Endpoint(
            "/accounts/social/connections/", {"account": "1"}, signed_in=True
        ),
        "socialaccount_login_cancelled": Endpoint(reverse("socialaccount_login_cancelled")),
        "accounts/social/login/cancelled/": Endpoint("/accounts/social/login/cancelled/"),
        "socialaccount_login_error": Endpoint(reverse("socialaccount_login_error")),
        "accounts/social/login/error/": Endpoint("/accounts/social/login/error/"),
        "openid_connect_login": Endpoint("/accounts/oidc/oidc/login/"),
        "openid_connect_callback": Endpoint(
            "/accounts/oidc/oidc/login/callback/", {"code": "x", "state": "y"}
        ),
        "microsoft_login": Endpoint("/accounts/microsoft/login/"),
        "microsoft_callback": Endpoint(
            "/accounts/microsoft/login/callback/", {"code": "x", "state": "y"}
        ),
    }
)


@pytest.fixture
def prepare(db):
    """Returns a function that makes a client, a member and the endpoint's URL and data."""

    def prepare(endpoint: Endpoint, enforce_csrf_checks=True):
        client = Client(enforce_csrf_checks=enforce_csrf_checks)
        member = factories.UserFactory()
        if endpoint.totp:
            TOTP.activate(member, generate_totp_secret())
        if endpoint.signed_in:
            client.force_login(member)
        url = endpoint.url(member) if callable(endpoint.url) else endpoint.url
        data = endpoint.data(member) if callable(endpoint.data) else dict(endpoint.data)
        return client, url, data

    return prepare


def state(client) -> dict:
    """Everything a forged request could change, in comparable form."""
    return {
        "users": list(
            User.objects.order_by("pk").values_list(
                "pk", "email", "password", "first_name", "last_name", "is_active"
            )
        ),
        "email addresses": list(
            EmailAddress.objects.order_by("pk").values_list("user", "email", "verified", "primary")
        ),
        "authenticators": list(
            Authenticator.objects.order_by("pk").values_list("user", "type", "data")
        ),
        "mail sent": len(mail.outbox),
        "page revisions": Revision.objects.count(),
        "case study reviews": list(
            CaseStudyPage.objects.order_by("pk").values_list("pk", "review_by", "last_reviewed_at")
        ),
        "discussions": list(
            Discussion.objects.order_by("pk").values_list(
                "pk", "title", "locked", "pinned", "answer_id", "last_activity_at"
            )
        ),
        "posts": list(Post.objects.order_by("pk").values_list("pk", "body", "status", "edited_at")),
        "reports": Report.objects.count(),
        "moderation log": ModerationAction.objects.count(),
        "feed addresses": list(
            FeedToken.objects.order_by("pk").values_list("user", "token", "revoked")
        ),
        "case study exports": list(
            CaseStudyExport.objects.order_by("pk").values_list("pk", "status", "file")
        ),
        "follows": list(
            Follow.objects.order_by("pk").values_list("user", "kind", "object_id", "active")
        ),
        "email preferences": list(
            EmailPreference.objects.order_by("pk").values_list("user", "frequency", "announcements")
        ),
        "saved searches": list(
            SavedSearch.objects.order_by("pk").values_list("user", "name", "query_string")
        ),
        "announcements": list(
            Announcement.objects.order_by("pk").values_list("pk", "title", "body")
        ),
        "helped records": list(
            HelpedRecord.objects.order_by("pk").values_list("user", "page", "kind", "note")
        ),
        "community welcomes": list(
            CommunityWelcome.objects.order_by("pk").values_list("community", "text")
        ),
        "featured case studies": list(
            FeaturedCaseStudy.objects.order_by("pk").values_list("community", "case_study")
        ),
        "checked imports": list(PendingImport.objects.order_by("pk").values_list("pk", "status")),
        "imported case studies": ImportedCaseStudy.objects.count(),
        "signed in as": client.session.get("_auth_user_id"),
        "authentication records": client.session.get("account_authentication_methods"),
    }


@pytest.mark.parametrize("name", [name for name, e in ENDPOINTS.items() if not e.csrf_exempt])
def test_post_without_csrf_token_is_refused_and_changes_nothing(prepare, caplog, name):
    client, url, data = prepare(ENDPOINTS[name])
    before = state(client)
    response = client.post(url, data)
    assert response.status_code == 403, f"{name}: {response.status_code}"
    assert any(record.name == "django.security.csrf" for record in caplog.records), (
        f"{name}: refused, but not by the CSRF check"
    )
    assert state(client) == before


@pytest.mark.parametrize("name", ENDPOINTS)
def test_get_with_form_fields_in_the_query_string_changes_nothing(prepare, name):
    client, url, data = prepare(ENDPOINTS[name], enforce_csrf_checks=False)
    before = state(client)
    client.get(url, data)
    assert state(client) == before


@pytest.mark.parametrize("name", [name for name, e in ENDPOINTS.items() if e.changes_state])
def test_the_same_post_with_a_csrf_token_does_change_state(prepare, name):
    client, url, data = prepare(ENDPOINTS[name])
    client.cookies["csrftoken"] = CSRF_SECRET
    before = state(client)
    response = client.post(url, {**data, "csrfmiddlewaretoken": CSRF_SECRET})
    assert response.status_code in (200, 302)
    assert state(client) != before, f"{name}: a valid request changed nothing"


@pytest.mark.parametrize("name", [name for name, e in ENDPOINTS.items() if e.csrf_exempt])
def test_csrf_exempt_endpoints_change_nothing_without_their_signed_token(prepare, name):
    """The signed token in the address stands in for the CSRF token: a POST with it altered,
    or with someone else's made up, is refused and changes nothing."""
    client, url, data = prepare(ENDPOINTS[name])
    before = state(client)
    tampered = url.replace("/one-click/", "x/one-click/")
    assert client.post(tampered, data).status_code == 400
    assert client.post("/unsubscribe/made-up-token/one-click/", data).status_code == 400
    assert state(client) == before


def test_signing_out_by_following_a_link_keeps_the_member_signed_in(client, member):
    client.force_login(member)
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert client.session.get("_auth_user_id") == str(member.pk)
    assert client.get(reverse("account_email")).status_code == 200


# Guard: every URL outside the admin apps must be probed above.
ADMIN_PREFIXES = ("admin/", "django-admin/")  # framework views; see test_authentication.py
ADMIN_EXCEPTIONS = {"admin_login_redirect"}  # the site's own view, under admin/


def url_names(patterns=None, prefix=""):
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        name = getattr(pattern, "name", None)  # URLResolvers have no name
        if route.startswith(ADMIN_PREFIXES) and name not in ADMIN_EXCEPTIONS:
            continue
        if isinstance(pattern, URLResolver):
            names |= url_names(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            names.add(name or route)
    return names


def test_every_url_is_in_the_csrf_registry():
    # wagtailcore_login is shadowed by frontend_login_redirect (same path, listed earlier).
    missing = url_names() - set(ENDPOINTS) - {"wagtailcore_login"}
    assert not missing, f"Add these URLs to ENDPOINTS in {__name__}: {sorted(missing)}"
