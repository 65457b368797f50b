"""Unsubscribing from a link in an email: no sign-in, signed tokens, tampered or expired
links change nothing."""

import datetime as dt

import pytest
from django.core import signing
from django.test import Client

from participation.models import Frequency
from participation.services import notifications
from participation.tokens import SALT, unsubscribe_token

pytestmark = pytest.mark.django_db


def test_the_link_shows_a_button_and_only_the_post_unsubscribes(client, member):
    token = unsubscribe_token(member)
    page = client.get(f"/unsubscribe/{token}/")
    assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
    assert notifications.frequency_of(member) == Frequency.WEEKLY  # a GET changes nothing
    done = client.post(f"/unsubscribe/{token}/")
    assert done.status_code == 200 and "You are unsubscribed" in done.content.decode()
    assert notifications.frequency_of(member) == Frequency.OFF


def test_one_click_post_from_a_mail_program_needs_no_csrf_token(member):
    token = unsubscribe_token(member)
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/unsubscribe/{token}/one-click/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert notifications.frequency_of(member) == Frequency.OFF
    assert client.get(f"/unsubscribe/{token}/one-click/").status_code == 405


def _tampered(token):
    return token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")


def test_tampered_made_up_or_expired_links_change_nothing(client, member, monkeypatch):
    token = unsubscribe_token(member)
    other = signing.dumps({"u": member.pk, "e": member.email}, salt="something else")
    for bad in (_tampered(token), "not-a-token", other):
        response = client.post(f"/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
        assert "Nothing has been changed" in response.content.decode()
        assert client.post(f"/unsubscribe/{bad}/one-click/").status_code == 400
    # Expired: signed 91 days ago.
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=91)
    monkeypatch.setattr(signing.time, "time", lambda: old.timestamp())
    expired = signing.dumps({"u": member.pk, "e": member.email.lower()}, salt=SALT, compress=True)
    monkeypatch.undo()
    response = client.post(f"/unsubscribe/{expired}/")
    assert response.status_code == 400 and "The link has expired" in response.content.decode()
    assert notifications.frequency_of(member) == Frequency.WEEKLY


def test_a_link_stops_working_when_the_address_changes(client, member):
    token = unsubscribe_token(member)
    member.email = "new.address@example.org"
    member.save()
    assert client.post(f"/unsubscribe/{token}/").status_code == 400
    assert notifications.frequency_of(member) == Frequency.WEEKLY
