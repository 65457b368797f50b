"""Every page type, static page, error page and account page renders in the site layout."""

import pytest
from django.urls import reverse

from casestudies.models import CaseStudyIndexPage
from communities.models import CommunityIndexPage, HomePage
from tests import factories

pytestmark = pytest.mark.django_db

LAYOUT_MARK = 'class="govuk-header'


def assert_page(response, text=None, status=200):
    assert response.status_code == status
    html = response.content.decode()
    assert LAYOUT_MARK in html and 'href="#main-content"' in html
    if text:
        assert text in html
    return html


def test_home_page_explains_the_site_and_lists_content(client, open_community):
    case_study = factories.make_case_study(open_community, title="Moving council tax online")
    html = assert_page(client.get("/"), HomePage.objects.get().introduction[:40])
    assert open_community.title in html and case_study.title in html


def test_index_pages_render(client, open_community):
    factories.make_case_study(open_community, title="Open data portal")
    assert_page(client.get(CommunityIndexPage.objects.get().url), open_community.title)
    assert_page(client.get(CaseStudyIndexPage.objects.get().url), "Open data portal")


def test_community_and_case_study_pages_render(client, open_community):
    case_study = factories.make_case_study(
        open_community,
        title="Chatbot for bin collections",
        lessons=[
            ("went_well", "engagement", "Residents liked it."),
            ("went_wrong", "technology", "The supplier API was slow."),
            ("advice", "procurement", "Test before you sign."),
        ],
    )
    assert_page(client.get(open_community.url), case_study.title)
    html = assert_page(client.get(case_study.url), "The supplier API was slow.")
    assert "What went well" in html and "What went wrong" in html and "Advice" in html


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/", "/search/", "/search/?q=data"])
def test_static_and_search_pages_render(client, path):
    assert_page(client.get(path))


def test_not_found_page_uses_the_layout(client):
    assert_page(client.get("/no-such-page/"), "Page not found", status=404)


def test_server_error_page_stands_alone():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html and LAYOUT_MARK in html


ANONYMOUS_ACCOUNT_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
SIGNED_IN_ACCOUNT_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "mfa_index",
    "mfa_activate_totp",
]


@pytest.mark.parametrize("name", ANONYMOUS_ACCOUNT_PAGES)
def test_account_pages_render_in_the_layout(client, name):
    assert_page(client.get(reverse(name)))


@pytest.mark.parametrize("name", SIGNED_IN_ACCOUNT_PAGES)
def test_signed_in_account_pages_render_in_the_layout(client, member, name):
    client.force_login(member)
    # Two-factor set-up asks for the password again first.
    client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
    assert_page(client.get(reverse(name)))


def test_wiki_pages_render(client, open_community):
    page = factories.make_wiki_page(open_community, title="Where to start", body="<p>Begin.</p>")
    wiki = factories.wiki_of(open_community)
    assert_page(client.get(wiki.url), "Where to start")
    assert_page(client.get(page.url), "Begin.")
    assert_page(client.get(page.url + "history/"), "History of Where to start")
    assert_page(client.get(page.url + "history/compare/"), "These two versions are the same.")


def test_case_study_page_shows_related_case_studies_the_reader_may_see(client, open_community):
    theme = factories.theme("Waste")
    hidden = factories.make_community(visibility="hidden")
    page = factories.make_case_study(open_community, title="Food waste rounds")
    near = factories.make_case_study(open_community, title="Garden waste permits")
    secret = factories.make_case_study(hidden, title="Secret waste study")
    for study in (page, near, secret):
        study.themes.set([theme])
        study.save_revision().publish()
    html = assert_page(client.get(page.url), "Related case studies")
    assert "Garden waste permits" in html and "Secret waste study" not in html
