"""Text that visitors type never comes back as live markup.

Three registries, each easy to extend when a feature adds a form or a page:

- STORED_TEXT_FORMS: every non-admin form that stores text. Each entry submits a payload
  through the real form and returns the pages (URLs) where that text is then shown.
- REFLECTED_INPUTS: query parameters and form fields that are echoed back at once.
- REDIRECT_PARAMETERS: `next`-style parameters that decide where a visitor is sent.

Every page is rendered for each kind of viewer in VIEWERS.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from communities.models import MembershipRole, User
from tests import factories

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}


class LiveMarkupFinder(HTMLParser):
    """Finds markup that would run script: parsed as a browser would, so escaped text
    inside an attribute value or an element's text is (correctly) not reported."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = set()
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.add(f"event handler attribute <{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value.startswith("javascript:"):
                self.found.add(f"javascript: URL in <{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value.startswith("data:text/html"):
                self.found.add(f"HTML data: URL in <{tag} {name}=...>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert(1)" in data:
            self.found.add("script element running a payload")


def live_markup(html) -> list[str]:
    finder = LiveMarkupFinder()
    finder.feed(html)
    finder.close()
    return sorted(finder.found)


# Viewers ---------------------------------------------------------------------------


def anonymous():
    return Client()


def signed_in_member():
    client = Client()
    client.force_login(factories.UserFactory())
    return client


VIEWERS = {"anonymous": anonymous, "signed-in member": signed_in_member}


# Forms that store text -------------------------------------------------------------


@dataclass(frozen=True)
class StoredTextForm:
    """`submit(payload)` sends the payload through the real form and returns the
    pages where the stored text is shown; `shown_as(payload)` is the text those pages
    must contain (escaped)."""

    submit: Callable[[str], list[str]]
    shown_as: Callable[[str], str] = lambda payload: payload


def sign_up_with_name(payload):
    email = f"xss-{uuid.uuid4().hex[:12]}@example.org"
    response = Client().post(
        reverse("account_signup"),
        {
            "first_name": payload,
            "last_name": payload,
            "email": email,
            "password1": factories.PASSWORD,
            "password2": factories.PASSWORD,
        },
    )
    assert response.status_code == 302, "the sign-up form refused the payload"
    user = User.objects.get(email=email)
    assert user.first_name == user.last_name == payload

    # Where a member's name appears: facilitator on a community page, contact on a case study.
    community = factories.make_community(visibility="open")
    factories.add_member(community, user, role=MembershipRole.FACILITATOR)
    case_study = factories.make_case_study(community)
    case_study.contacts.add(user)
    case_study.save_revision().publish()
    return [community.url, case_study.url]


def edit_profile(payload):
    """Name, job title, expertise and bio through the profile form."""
    organisation = factories.OrganisationFactory()
    member = factories.UserFactory()
    client = Client()
    client.force_login(member)
    response = client.post(
        reverse("member_edit"),
        {
            "first_name": payload,
            "last_name": payload,
            "organisation": organisation.pk,
            "job_title": payload,
            "expertise": payload,
            "bio": payload,
            "contactable": "on",
            "listed": "on",
        },
    )
    assert response.status_code == 302, "the profile form refused the payload"
    member.refresh_from_db()
    assert member.job_title == member.bio == payload
    # Where a member's profile text appears: their profile, the directory, their organisation.
    return [
        reverse("member_profile", args=[member.pk]),
        reverse("member_directory"),
        reverse("organisation_detail", args=[organisation.slug]),
    ]


def edit_wiki_page(payload):
    """Title, change note and text of a wiki page, through the editor members use."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    from wiki.models import WikiPage

    community = factories.make_community(visibility="open")
    member = factories.UserFactory()
    factories.add_member(community, member)
    page = factories.make_wiki_page(community, title="Before", user=member)
    client = Client()
    client.force_login(member)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        nested_form_data(
            {
                "title": payload,
                "slug": page.slug,
                "body": rich_text(f"<p>{escape(payload)}</p>"),
                "change_note": payload,
                "comments": inline_formset([]),
                "action-publish": "1",
            }
        ),
    )
    assert response.status_code == 302, "the editor refused the payload"
    page = WikiPage.objects.get(pk=page.pk)
    assert page.title == page.change_note == payload
    first = page.revisions.order_by("created_at").first()
    return [
        page.url,
        f"{page.url}history/",
        f"{page.url}history/compare/",
        f"{page.url}history/{first.pk}/",
        factories.wiki_of(community).url,
    ]


def _discussion_people():
    """An open community with a member, another member and a facilitator, each with a
    signed-in client."""
    community = factories.make_community(visibility="open")
    people = {}
    for name, role in (
        ("member", MembershipRole.MEMBER),
        ("other", MembershipRole.MEMBER),
        ("facilitator", MembershipRole.FACILITATOR),
    ):
        user = factories.UserFactory()
        factories.add_member(community, user, role=role)
        client = Client()
        client.force_login(user)
        people[name] = (user, client)
    return community, people


def start_discussion(payload):
    """Title and opening post of a discussion, then the same text edited in."""
    from discussions.models import Discussion

    community, people = _discussion_people()
    member = people["member"][1]
    response = member.post(
        f"{community.url}discussions/new/", {"title": payload, "body": f"First {payload}"}
    )
    assert response.status_code == 302, "the discussion form refused the payload"
    discussion = Discussion.objects.get(community=community)
    opening = discussion.posts.get()
    response = member.post(
        f"{community.url}posts/{opening.pk}/edit/", {"title": payload, "body": payload}
    )
    assert response.status_code == 302, "the edit form refused the payload"
    return [
        f"{community.url}discussions/",
        discussion.get_url(),
        community.url,
        (f"{community.url}posts/{opening.pk}/edit/", member),
    ]


def reply_and_quote(payload):
    """A reply, then a reply quoting it; the reply form shows the quotation."""
    community, people = _discussion_people()
    discussion = factories.make_discussion(community, people["member"][0])
    other = people["other"][1]
    response = other.post(f"{discussion.get_url()}reply/", {"body": payload})
    assert response.status_code == 302, "the reply form refused the payload"
    reply = discussion.posts.get(is_opening=False)
    member = people["member"][1]
    response = member.post(f"{discussion.get_url()}reply/", {"body": "Quoting", "quote": reply.pk})
    assert response.status_code == 302
    return [
        discussion.get_url(),
        (f"{discussion.get_url()}reply/?quote={reply.pk}", member),
        (f"{community.url}posts/{reply.pk}/report/", member),
    ]


def comment_on_case_study(payload):
    """A question on a case study and a reply to it."""
    from discussions.models import Post

    community, people = _discussion_people()
    case_study = factories.make_case_study(community)
    member = people["member"][1]
    response = member.post(f"{case_study.url}comments/", {"kind": "question", "body": payload})
    assert response.status_code == 302, "the comment form refused the payload"
    question = Post.objects.get(case_study=case_study)
    response = people["other"][1].post(
        f"{case_study.url}comments/", {"parent": question.pk, "body": payload}
    )
    assert response.status_code == 302, "the comment reply form refused the payload"
    return [case_study.url]


def report_a_post(payload):
    """The reason for a report, shown to the facilitators."""
    community, people = _discussion_people()
    discussion = factories.make_discussion(
        community, people["member"][0], replies=[(people["other"][0], "Reported reply")]
    )
    reply = discussion.posts.get(is_opening=False)
    response = people["member"][1].post(
        f"{community.url}posts/{reply.pk}/report/", {"reason": payload}
    )
    assert response.status_code == 302, "the report form refused the payload"
    facilitator = people["facilitator"][1]
    return [
        (f"{community.url}moderation/", facilitator),
        (f"{community.url}posts/{reply.pk}/moderate/", facilitator),
    ]


def moderate_a_post(payload):
    """The reason a facilitator gives for hiding a post, shown to its author."""
    community, people = _discussion_people()
    discussion = factories.make_discussion(
        community, people["member"][0], replies=[(people["other"][0], "Hidden reply")]
    )
    reply = discussion.posts.get(is_opening=False)
    facilitator = people["facilitator"][1]
    response = facilitator.post(
        f"{community.url}posts/{reply.pk}/moderate/", {"action": "hide", "reason": payload}
    )
    assert response.status_code == 302, "the moderation form refused the payload"
    return [
        (discussion.get_url(), people["other"][1]),
        (discussion.get_url(), facilitator),
        (f"{community.url}moderation/", facilitator),
    ]


def save_a_search(payload):
    """A saved search's name: shown only to the member who saved it (their saved searches
    and Following pages), so they are the viewer."""
    member = factories.UserFactory()
    client = Client()
    client.force_login(member)
    response = client.post(
        reverse("saved_searches"), {"name": payload, "query_string": f"q={payload}"}
    )
    assert response.status_code == 302, "the saved search form refused the payload"
    return {"the member who saved it": (client, [reverse("saved_searches"), "/following/"])}


def say_it_helped(payload):
    """A "this helped us" note, shown on the case study's page."""
    community = factories.make_community(visibility="open")
    case_study = factories.make_case_study(community)
    client = signed_in_member()
    response = client.post(f"{case_study.url}helped/", {"kind": "helped", "note": payload})
    assert response.status_code == 302, "the form refused the payload"
    return [case_study.url]


def _facilitated_community():
    community = factories.make_community(visibility="open")
    facilitator = factories.UserFactory()
    factories.add_member(community, facilitator, role=MembershipRole.FACILITATOR)
    client = Client()
    client.force_login(facilitator)
    return community, client


def curate_welcome(payload):
    """A community's welcome, written on its curate page, shown on its home page."""
    community, client = _facilitated_community()
    response = client.post(f"{community.url}curate/", {"welcome": payload})
    assert response.status_code == 302, "the curate form refused the payload"
    return [community.url, (f"{community.url}curate/", client)]


def make_an_announcement(payload):
    """An announcement's title and text: on the community's home, its announcements list
    and the announcement's page. The preview (the form's answer) must not run it either."""
    community, client = _facilitated_community()
    url = f"{community.url}announcements/new/"
    preview = client.post(url, {"title": payload, "body": payload, "preview": "1"})
    assert preview.status_code == 200 and not live_markup(preview.content.decode())
    response = client.post(url, {"title": payload, "body": payload, "send": "1"})
    assert response.status_code == 302, "the announcement form refused the payload"
    return [community.url, f"{community.url}announcements/", response["Location"]]


def ask_the_community(payload):
    """A search that found nothing, on the insight dashboard, and the question the
    facilitator's "ask the community" button starts from it."""
    from discussions.models import Discussion
    from search.models import SearchLog

    community, people = _discussion_people()
    SearchLog.objects.create(
        query=payload, result_count=0, community_id=community.pk, engine="postgres"
    )
    facilitator = people["facilitator"][1]
    response = facilitator.post(f"{community.url}insight/ask/", {"query": payload})
    assert response.status_code == 302, "the ask form refused the payload"
    discussion = Discussion.objects.get(community=community)
    return [
        discussion.get_url(),
        f"{community.url}discussions/",
        (f"{community.url}insight/", facilitator),
        (f"{community.url}insight/ask/?{urlencode({'q': payload})}", facilitator),
    ]


def import_case_studies(payload):
    """A facilitator imports and publishes a case study from a CSV file: its title,
    summary, sections and lesson, shown on its page and on the import's outcome page."""
    import csv
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    from casestudies.models import CaseStudyPage

    community, client = _facilitated_community()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["External id", "Title", "Summary", "Background", "What we did"]
        + ["Lesson 1 kind", "Lesson 1 category", "Lesson 1 text"]
    )
    writer.writerow([payload, payload, payload, payload, payload, "advice", "data", payload])
    upload = SimpleUploadedFile("xss.csv", buffer.getvalue().encode(), "text/csv")
    response = client.post(f"{community.url}import/", {"file": upload, "publish": "on"})
    assert response.status_code == 302, "the import form refused the payload"
    report = response["Location"]
    assert client.post(report).status_code == 302, "the import refused the payload"
    page = CaseStudyPage.objects.get(title=payload)
    return [page.url, (report, client)]


STORED_TEXT_FORMS = {
    "sign-up: first and last name": StoredTextForm(
        sign_up_with_name, shown_as=lambda payload: f"{payload} {payload}"
    ),
    "profile: name, job title, expertise and bio": StoredTextForm(edit_profile),
    "wiki editor: title, change note and text": StoredTextForm(edit_wiki_page),
    "discussion: title and opening post, and editing them": StoredTextForm(start_discussion),
    "discussion: reply and quotation": StoredTextForm(reply_and_quote),
    "case study: comment and reply": StoredTextForm(comment_on_case_study),
    "report: reason": StoredTextForm(report_a_post),
    "moderation: reason": StoredTextForm(moderate_a_post),
    "saved search: name": StoredTextForm(save_a_search),
    "this helped us: note": StoredTextForm(say_it_helped),
    "curate a community: welcome": StoredTextForm(curate_welcome),
    "announcement: title and text": StoredTextForm(make_an_announcement),
    "insight: a search with no results and the question asked from it": StoredTextForm(
        ask_the_community
    ),
    "case study import: every text column": StoredTextForm(import_case_studies),
}


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("form", STORED_TEXT_FORMS)
def test_stored_text_is_shown_escaped_everywhere(form, payload):
    entry = STORED_TEXT_FORMS[form]
    pages = entry.submit(payload)
    problems = []
    if isinstance(pages, dict):
        # Text only its author sees comes back as {viewer: (client, urls)}.
        checks = [(viewer, client, url) for viewer, (client, urls) in pages.items() for url in urls]
    else:
        # A page is a URL, seen by every viewer, or (URL, client) for a page only its own
        # viewer may see (a facilitator's reports, an author's own post).
        shared = [url for url in pages if isinstance(url, str)]
        checks = [
            (viewer, client, url)
            for viewer, client in ((viewer, make()) for viewer, make in VIEWERS.items())
            for url in shared
        ]
        checks += [("its own viewer", page[1], page[0]) for page in pages if page not in shared]
    for viewer, client, url in checks:
        response = client.get(url)
        html = response.content.decode()
        if response.status_code != 200:
            problems.append(f"{viewer} {url}: status {response.status_code}")
        elif escape(entry.shown_as(payload)) not in html:
            problems.append(f"{viewer} {url}: the text is not shown")
        elif live_markup(html):
            problems.append(f"{viewer} {url}: {live_markup(html)}")
    assert not problems, f"{form}: " + "; ".join(problems)


# Inputs echoed straight back ----------------------------------------------------------


SEARCH_PARAMETERS = [
    "kind",
    "theme",
    "service_area",
    "organisation_type",
    "region",
    "stage",
    "year",
    "community",
    "lesson_kind",
    "lesson_category",
    "sort",
    "page",
]


def search_query(payload):
    return Client().get("/search/", {"q": payload})


def search_query_and_filters(payload):
    """The query in the box, the title, the count and the broader-search suggestion; the
    filters in the notices."""
    return Client().get("/search/", {"q": payload, **dict.fromkeys(SEARCH_PARAMETERS, payload)})


def community_search_query_and_filters(payload):
    community = factories.make_community(visibility="open")
    return Client().get(
        f"{community.url}search/", {"q": payload, **dict.fromkeys(SEARCH_PARAMETERS, payload)}
    )


def search_snippets_and_did_you_mean(payload):
    """A case study holding the payload is found (its snippet shows it) when the query is
    spelled right, and offered as "Did you mean" (the payload echoed in the corrected
    query) when it is not."""
    community = factories.make_community(visibility="open")
    factories.make_case_study(
        community, title="Garden notes", summary=f"Garden waste notes {payload} here."
    )
    client = Client()
    found = client.get("/search/", {"q": f"garden OR {payload}"})
    assert "Garden notes" in found.content.decode(), "the snippet probe found nothing"
    response = client.get("/search/", {"q": f"gardne OR {payload}"})
    assert "Did you mean" in response.content.decode(), "no suggestion to probe"
    found.content += response.content
    return found


def sign_up_form_with_errors(payload):
    """The sign-up form re-displays what was typed when a field is wrong."""
    return Client().post(
        reverse("account_signup"),
        {
            "first_name": payload,
            "last_name": payload,
            "email": payload,
            "password1": factories.PASSWORD,
            "password2": "does-not-match",
        },
    )


def sign_in_form_with_errors(payload):
    return Client().post(reverse("account_login"), {"login": payload, "password": "x"})


def password_reset_form_with_errors(payload):
    return Client().post(reverse("account_reset_password"), {"email": payload})


def sign_in_page_next(payload):
    return Client().get(reverse("account_login"), {"next": payload})


def member_directory_search(payload):
    return Client().get(
        reverse("member_directory"),
        {"q": payload, "organisation": payload, "region": payload, "expertise": payload},
    )


def organisation_list_filters(payload):
    return Client().get(
        reverse("organisation_list"),
        {"type": payload, "region": payload, "population_band": payload, "page": payload},
    )


CASE_STUDY_FILTERS = [
    "theme",
    "service_area",
    "organisation_type",
    "region",
    "stage",
    "year",
    "lesson_category",
    "lesson_kind",
    "sort",
    "page",
]


def case_study_library_filters(payload):
    return Client().get("/case-studies/", dict.fromkeys(CASE_STUDY_FILTERS, payload))


def lessons_page_filters(payload):
    return Client().get(reverse("lessons"), dict.fromkeys(CASE_STUDY_FILTERS, payload))


def profile_form_with_errors(payload):
    """The profile form re-displays what was typed when a field is wrong."""
    client = signed_in_member()
    return client.post(
        reverse("member_edit"),
        {
            "first_name": payload,
            "last_name": payload,
            "organisation": payload,
            "job_title": payload,
            "expertise": payload,
            "bio": payload * 200,  # too long
        },
    )


def discussion_forms_with_errors(payload):
    """The discussion form re-displays what was typed when the title is too long."""
    community, people = _discussion_people()
    return people["member"][1].post(
        f"{community.url}discussions/new/", {"title": payload * 40, "body": payload}
    )


def comment_form_with_errors(payload):
    community, people = _discussion_people()
    case_study = factories.make_case_study(community)
    return people["member"][1].post(
        f"{case_study.url}comments/", {"kind": payload, "body": payload}
    )


def saved_search_form_with_errors(payload):
    """The saved search form re-displays the name when the search is empty."""
    return signed_in_member().post(reverse("saved_searches"), {"name": payload, "query_string": ""})


def helped_form_with_errors(payload):
    case_study = factories.make_case_study(factories.make_community(visibility="open"))
    return signed_in_member().post(
        f"{case_study.url}helped/", {"kind": payload, "note": payload * 200}
    )


def delete_account_form_with_errors(payload):
    return signed_in_member().post(reverse("member_delete"), {"password": payload})


def curate_form_with_errors(payload):
    """The curate form re-displays the welcome when it is too long or a choice is bad."""
    community, client = _facilitated_community()
    return client.post(f"{community.url}curate/", {"welcome": payload * 200, "featured_1": payload})


REFLECTED_INPUTS = {
    "search query": search_query,
    "search query and filters": search_query_and_filters,
    "community search query and filters": community_search_query_and_filters,
    "search snippets and did you mean": search_snippets_and_did_you_mean,
    "sign-up form": sign_up_form_with_errors,
    "sign-in form": sign_in_form_with_errors,
    "password reset form": password_reset_form_with_errors,
    "sign-in page ?next=": sign_in_page_next,
    "member directory search and filters": member_directory_search,
    "organisation list filters": organisation_list_filters,
    "case study library filters": case_study_library_filters,
    "lessons page filters": lessons_page_filters,
    "profile form": profile_form_with_errors,
    "delete account form": delete_account_form_with_errors,
    "discussion form": discussion_forms_with_errors,
    "comment form": comment_form_with_errors,
    "saved search form": saved_search_form_with_errors,
    "this helped us form": helped_form_with_errors,
    "curate form": curate_form_with_errors,
}


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("source", REFLECTED_INPUTS)
def test_reflected_input_is_never_live_markup(source, payload):
    response = REFLECTED_INPUTS[source](payload)
    assert response.status_code in (200, 400)  # 400: a form shown again with its errors
    assert not live_markup(response.content.decode()), source


# Redirect targets --------------------------------------------------------------------

HOSTILE_TARGETS = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example/",
]


def after_sign_in(target):
    member = factories.UserFactory()
    return Client().post(
        f"{reverse('account_login')}?next={target}",
        {"login": member.email, "password": factories.PASSWORD, "next": target},
    )


def after_sign_out(target):
    client = Client()
    client.force_login(factories.UserFactory())
    return client.post(reverse("account_logout"), {"next": target})


def wagtail_admin_sign_in(target):
    return Client().get("/admin/login/", {"next": target})


def wagtail_frontend_sign_in(target):
    return Client().get("/_util/login/", {"next": target})


REDIRECT_PARAMETERS = {
    "sign-in ?next=": after_sign_in,
    "sign-out next": after_sign_out,
    "Wagtail admin sign-in ?next=": wagtail_admin_sign_in,
    "Wagtail page sign-in ?next=": wagtail_frontend_sign_in,
}


def is_local(url):
    parsed = urlparse(url)
    return not parsed.scheme and not parsed.netloc and not url.startswith(("//", "/\\"))


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
@pytest.mark.parametrize("source", REDIRECT_PARAMETERS)
def test_redirects_stay_on_the_site(source, target):
    response = REDIRECT_PARAMETERS[source](target)
    assert response.status_code == 302
    location = response["Location"]
    assert is_local(location), location
    for forwarded in parse_qs(urlparse(location).query).get("next", []):
        assert is_local(forwarded), location


# The detectors themselves ------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_detector_sees_each_payload_when_it_is_not_escaped(payload):
    placed = payload if "<" in payload else f'<a href="{payload}">x</a>'
    assert live_markup(f"<p>{placed}</p>")
    assert not live_markup(f"<p>{escape(placed)}</p>")
