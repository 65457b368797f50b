"""Security headers on every kind of response the site sends.

PAGES lists representative URLs (add one for each new kind of page or response);
HEADER_CHECKS lists what every one of them must carry. Each check returns a problem
description, or None when the response is fine.

The production deploy check (`manage.py check --deploy --fail-level WARNING` under
cop.settings.production) lives in tests/cop/test_settings.py
(test_production_passes_the_deploy_check_with_no_warnings) and is not repeated here.
"""

from functools import cached_property

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents.models import Document

from tests import factories

pytestmark = pytest.mark.django_db


# Representative URLs and the status each answers with. A URL is a path, or a function
# of the `content` fixture (which builds a community, case study or document only when
# a URL asks for one).
PAGES = {
    "home page": ("/", 200),
    "community index": ("/communities/", 200),
    "case study library": ("/case-studies/", 200),
    "community page": (lambda content: content.community.url, 200),
    "case study page": (lambda content: content.case_study.url, 200),
    "community case study list": (lambda content: content.community.url + "case-studies/", 200),
    "lessons page": ("/lessons/?lesson_category=data&stage=banana", 200),
    "search results": ("/search/?q=x", 200),
    "search autocomplete (JSON)": ("/search/autocomplete/?q=xy", 200),
    "community search": (lambda content: content.community.url + "search/?q=x", 200),
    "sign-in page": ("/accounts/login/", 200),
    "sign-up page": ("/accounts/signup/", 200),
    "accessibility statement": ("/accessibility/", 200),
    "not found": ("/no-such-page/", 404),
    "admin (redirect to sign-in)": ("/admin/", 302),
    "site insight (redirect to sign-in)": ("/insight/", 302),
    "community insight (redirect to sign-in)": (
        lambda content: content.community.url + "insight/",
        302,
    ),
    "served document": (lambda content: content.document.url, 200),
    "served image": (lambda content: f"/images/{content.image.pk}/width-800/", 200),
    "image not found": ("/images/987654321/width-800/", 404),
    "community discussions": (lambda content: content.community.url + "discussions/", 200),
    "discussion page": (lambda content: content.discussion.get_url(), 200),
    "community announcements": (lambda content: content.community.url + "announcements/", 200),
    "moderation queue (redirect to sign-in)": ("/moderation/", 302),
    "Atom feed": ("/feeds/case-studies/", 200),
    "RSS feed": (lambda content: f"/feeds/communities/{content.community.slug}/rss/", 200),
    "feed not found": ("/feeds/communities/no-such-community/", 404),
    "API list": ("/api/v1/case-studies/", 200),
    "API error": ("/api/v1/case-studies/?page_size=1000", 400),
    "API not found": ("/api/v1/case-studies/987654321/", 404),
    "OpenAPI description": ("/api/v1/openapi.json", 200),
    "CSV download": (
        lambda content: f"/case-studies/export.csv?community={content.community.pk}",
        200,
    ),
    "download refused": ("/case-studies/export.csv?stage=banana", 400),
}


class Content:
    @cached_property
    def community(self):
        return factories.make_community(visibility="open")

    @cached_property
    def case_study(self):
        return factories.make_case_study(self.community)

    @cached_property
    def discussion(self):
        author = factories.UserFactory()
        factories.add_member(self.community, author)
        return factories.make_discussion(self.community, author, body="See https://example.org")

    @cached_property
    def image(self):
        from tests.media import make_image

        return make_image(self.community)

    @cached_property
    def document(self):
        return Document.objects.create(
            title="Report", file=ContentFile(b"<p>plain text</p>", name="report.txt")
        )


@pytest.fixture
def content(db, file_storage):
    return Content()


def url_for(page, content):
    target, _status = PAGES[page]
    return target(content) if callable(target) else target


def csp_directives(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name.lower()] = values
    return directives if header else {}


def check_csp_present(response):
    if not response.has_header("Content-Security-Policy"):
        return "no Content-Security-Policy header"
    return None


def check_csp_scripts_are_not_unsafe(response):
    directives = csp_directives(response)
    sources = directives.get("script-src", directives.get("default-src"))
    if sources is None:
        return "CSP has neither script-src nor default-src"
    unsafe = {"'unsafe-inline'", "'unsafe-eval'"} & {source.lower() for source in sources}
    return f"CSP script sources allow {sorted(unsafe)}" if unsafe else None


def check_csp_forbids_framing(response):
    if csp_directives(response).get("frame-ancestors") != ["'none'"]:
        return "CSP lacks frame-ancestors 'none'"
    return None


def header_equals(name, expected):
    def check(response):
        value = response.get(name)
        return None if value == expected else f"{name} is {value!r}, expected {expected!r}"

    return check


def header_present(name):
    def check(response):
        return None if response.get(name) else f"no {name} header"

    return check


HEADER_CHECKS = {
    "CSP present": check_csp_present,
    "CSP scripts not unsafe": check_csp_scripts_are_not_unsafe,
    "CSP frame-ancestors none": check_csp_forbids_framing,
    "nosniff": header_equals("X-Content-Type-Options", "nosniff"),
    "Referrer-Policy": header_present("Referrer-Policy"),
    "X-Frame-Options": header_equals("X-Frame-Options", "DENY"),
    "Cross-Origin-Opener-Policy": header_present("Cross-Origin-Opener-Policy"),
}


def header_problems(response):
    problems = (check(response) for check in HEADER_CHECKS.values())
    return [problem for problem in problems if problem]


# Pages whose headers are known to fall short, with the reason and the fix to make.
KNOWN_GAPS: dict[str, str] = {}


def with_known_gaps(pages):
    return [
        pytest.param(page, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[page]))
        if page in KNOWN_GAPS
        else page
        for page in pages
    ]


@pytest.mark.parametrize("page", with_known_gaps(PAGES))
def test_every_response_carries_the_security_headers(client, content, page):
    response = client.get(url_for(page, content))
    assert response.status_code == PAGES[page][1]
    assert not header_problems(response), f"{page}: {header_problems(response)}"


def test_signed_in_pages_carry_the_security_headers(client, content):
    client.force_login(factories.UserFactory())
    for path in ("/", "/accounts/email/", url_for("case study page", content)):
        response = client.get(path)
        assert response.status_code == 200
        assert not header_problems(response), f"{path}: {header_problems(response)}"


def test_the_csp_check_catches_an_unsafe_policy():
    """The checks above would notice a weakened policy (guards against vacuous checks)."""

    class FakeResponse(dict):
        has_header = dict.__contains__

    weak = FakeResponse(
        {"Content-Security-Policy": "default-src 'self' 'unsafe-inline'; frame-ancestors *"}
    )
    assert check_csp_scripts_are_not_unsafe(weak)
    assert check_csp_forbids_framing(weak)
    assert check_csp_present(FakeResponse())


@override_settings(
    SECURE_HSTS_SECONDS=31_536_000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
)
@pytest.mark.parametrize("page", PAGES)
def test_https_responses_carry_hsts_under_production_settings(client, content, page):
    response = client.get(url_for(page, content), secure=True)
    hsts = response.get("Strict-Transport-Security", "")
    assert "max-age=31536000" in hsts, f"{page}: {hsts!r}"
    assert "includeSubDomains" in hsts and "preload" in hsts


def test_inline_scripts_are_allowed_only_on_admin_pages_for_signed_in_users(client):
    """The one documented exception to the strict policy (see cop/middleware.py)."""
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    admin = csp_directives(client.get("/admin/"))
    assert "'unsafe-inline'" in admin["script-src"]
    assert admin["frame-ancestors"] == ["'none'"]
    for path in ("/", "/search/?q=x", "/accounts/email/"):
        assert check_csp_scripts_are_not_unsafe(client.get(path)) is None, path
