"""Signed unsubscribe links: anyone holding the link may turn off a member's emails about
what they follow, without signing in. Signed with the site's SECRET_KEY
(django.core.signing), so they cannot be made up or altered, and they expire."""

import datetime as dt

from django.core import signing

SALT = "participation.unsubscribe"
MAX_AGE = dt.timedelta(days=90)

# What a link turns off: emails about what the member follows (digests, notifications),
# or their communities' announcements. Links without a scope are about following.
FOLLOWING = "following"
ANNOUNCEMENTS = "announcements"
SCOPES = (FOLLOWING, ANNOUNCEMENTS)


class BadToken(Exception):
    """The link was altered, made up, or is too old."""

    def __init__(self, expired: bool = False):
        self.expired = expired
        super().__init__("expired" if expired else "invalid")


def unsubscribe_token(user, scope: str = FOLLOWING) -> str:
    # The email address is part of what is signed, so a link stops working when the
    # account's address changes (an old address's mail cannot unsubscribe the new one).
    data = {"u": user.pk, "e": user.email.lower()}
    if scope != FOLLOWING:
        data["s"] = scope
    return signing.dumps(data, salt=SALT, compress=True)


def user_for_token(token: str):
    return read_token(token)[0]


def read_token(token: str):
    """(the member, what the link turns off) for a valid link; BadToken otherwise."""
    from communities.models import User

    try:
        data = signing.loads(str(token)[:500], salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise BadToken(expired=True) from None
    except signing.BadSignature:
        raise BadToken from None
    if not isinstance(data, dict):
        raise BadToken
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or user.email.lower() != data.get("e"):
        raise BadToken
    scope = data.get("s", FOLLOWING)
    if scope not in SCOPES:
        raise BadToken
    return user, scope
