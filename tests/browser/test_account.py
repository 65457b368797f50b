"""A newcomer creates an account, verifies their email, signs in and out."""

import re

import pytest
from django.core import mail

from communities.models import User
from tests import factories
from tests.browser.conftest import check_accessibility, check_keyboard, visit

pytestmark = pytest.mark.django_db

PASSWORD = "a-Long-journey-password-7"


def test_sign_up_verify_sign_in_and_out(page):
    council = factories.organisation_with_domain("aldbridge.gov.uk", name="Aldbridge District")
    visit(page, "/accounts/signup/", "sign-up page")

    # Submitting an empty form shows an error summary, which is itself accessible.
    page.get_by_role("button", name="Create account").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "sign-up page with errors")

    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Okoro")
    page.get_by_label("Email").first.fill("sam.okoro@aldbridge.gov.uk")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    check_accessibility(page, "verification sent page")
    assert "verify" in page.content().lower() or "confirm" in page.content().lower()

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    visit(page, link.group(1), "email confirmation page")
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    user = User.objects.get(email="sam.okoro@aldbridge.gov.uk")
    assert user.organisation == council and user.organisation_verified

    # Signed in straight after confirming; sign out, then back in.
    page.get_by_role("link", name="Sign out").click()
    check_accessibility(page, "sign-out page")
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("link", name="Sign in").is_visible()

    visit(page, "/accounts/login/", "sign-in page")
    page.get_by_label("Email").fill("sam.okoro@aldbridge.gov.uk")
    page.locator("#id_password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "sign-in page with errors")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("link", name="Your account").is_visible()
    visit(page, "/accounts/email/", "account email page")
    visit(page, "/accounts/2fa/", "two-factor page")
    assert not page.console_errors, page.console_errors


def test_account_pages_work_with_the_keyboard(page):
    seen = check_keyboard(page, "/accounts/login/")
    assert "Sign in" in seen
    visit(page, "/accounts/password/reset/", "password reset page")
    check_keyboard(page, "/accounts/signup/")
