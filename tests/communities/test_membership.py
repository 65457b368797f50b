"""Joining, requests, invitations, leaving and facilitating, kept in sync with Wagtail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from communities.models import Invitation, Membership, MembershipRole, MembershipState
from communities.services import membership as service
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(private_community):
    user = factories.UserFactory(first_name="Fay")
    factories.add_member(private_community, user, role=MembershipRole.FACILITATOR)
    return user


def post(client, community, action, **data):
    return client.post(f"{community.url}manage/{action}/", data)


def test_joining_an_open_community_is_immediate_and_grants_wagtail_access(client, member):
    community = factories.make_community(visibility="open")
    client.force_login(member)
    response = client.post(f"{community.url}join/")
    assert response.status_code == 302
    membership = Membership.objects.get(user=member, community=community)
    assert membership.state == MembershipState.ACTIVE
    assert (
        community.__class__.objects.get(pk=community.pk)
        .members_group.user_set.filter(pk=member.pk)
        .exists()
    )


def test_joining_twice_changes_nothing_and_says_so(client, member, open_community):
    client.force_login(member)
    client.post(f"{open_community.url}join/")
    response = client.post(f"{open_community.url}join/", follow=True)
    assert "already a member" in response.content.decode()
    assert Membership.objects.filter(user=member, community=open_community).count() == 1


def test_request_approve_flow_with_emails(client, member, private_community, facilitator):
    client.force_login(member)
    client.post(f"{private_community.url}join/", {"message": "I run our open data work."})
    membership = Membership.objects.get(user=member, community=private_community)
    assert membership.state == MembershipState.REQUESTED
    assert [facilitator.email] in [m.to for m in mail.outbox]
    assert "I run our open data work." in mail.outbox[-1].body
    # Still cannot read until approved.
    secret = factories.make_case_study(private_community, title="Secret pilot")
    assert client.get(secret.url).status_code == 404

    client.force_login(facilitator)
    response = post(client, private_community, "approve", membership=membership.pk)
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.state == MembershipState.ACTIVE and membership.decided_by == facilitator
    assert mail.outbox[-1].to == [member.email] and "approved" in mail.outbox[-1].body

    client.force_login(member)
    assert client.get(secret.url).status_code == 200
    restriction = PageViewRestriction.objects.get(page=private_community)
    assert restriction.restriction_type == PageViewRestriction.GROUPS


def test_decline_needs_a_reason_which_the_member_sees(
    client, member, private_community, facilitator
):
    membership = service.membership_join(user=member, community=private_community)
    client.force_login(facilitator)
    post(client, private_community, "decline", membership=membership.pk, reason="")
    membership.refresh_from_db()
    assert membership.state == MembershipState.REQUESTED
    post(client, private_community, "decline", membership=membership.pk, reason="Police only.")
    membership.refresh_from_db()
    assert membership.state == MembershipState.DECLINED
    assert "Police only." in mail.outbox[-1].body


def test_approving_a_withdrawn_request_changes_nothing(
    client, member, private_community, facilitator
):
    membership = service.membership_join(user=member, community=private_community)
    service.membership_withdraw(user=member, community=private_community)
    client.force_login(facilitator)
    response = post(client, private_community, "approve", membership=membership.pk)
    membership.refresh_from_db()
    assert membership.state == MembershipState.LEFT
    assert "no longer waiting" in client.get(response.url).content.decode()


def test_hidden_communities_are_by_invitation_only(client, member):
    hidden = factories.make_community(visibility="hidden")
    client.force_login(member)
    assert client.post(f"{hidden.url}join/").status_code == 404
    with pytest.raises(service.MembershipError):
        service.membership_join(user=member, community=hidden)
    assert not Membership.objects.filter(community=hidden, user=member).exists()


def test_pending_site_member_cannot_join(member, open_community):
    member.approved = False
    member.save()
    with pytest.raises(service.MembershipError, match="approval"):
        service.membership_join(user=member, community=open_community)


def test_crafted_posts_without_facilitator_rights_change_nothing(
    client, member, private_community, facilitator
):
    other = factories.UserFactory()
    request = service.membership_join(user=other, community=private_community)
    factories.add_member(private_community, member)
    client.force_login(member)
    for action, data in [
        ("approve", {"membership": request.pk}),
        ("role", {"membership": request.pk, "role": "facilitator"}),
        ("remove", {"membership": request.pk}),
        ("invite", {"email": "x@example.org"}),
    ]:
        assert post(client, private_community, action, **data).status_code == 403
    request.refresh_from_db()
    assert request.state == MembershipState.REQUESTED
    assert not Invitation.objects.exists()
    assert client.get(f"{private_community.url}manage/").status_code == 403


def test_last_facilitator_cannot_leave_be_removed_or_demoted(private_community, facilitator):
    membership = Membership.objects.get(user=facilitator, community=private_community)
    with pytest.raises(service.MembershipError, match="always needs a facilitator"):
        service.membership_leave(user=facilitator, community=private_community)
    with pytest.raises(service.MembershipError):
        service.membership_set_role(
            membership_id=membership.pk, community=private_community, role="member", by=facilitator
        )
    with pytest.raises(service.MembershipError):
        service.membership_remove(
            membership_id=membership.pk, community=private_community, by=facilitator
        )
    membership.refresh_from_db()
    assert membership.role == MembershipRole.FACILITATOR
    assert membership.state == MembershipState.ACTIVE


def test_removal_takes_access_away_at_once(client, member, private_community, facilitator):
    membership = factories.add_member(private_community, member)
    secret = factories.make_case_study(private_community, title="Secret pilot")
    client.force_login(member)
    assert client.get(secret.url).status_code == 200
    service.membership_remove(
        membership_id=membership.pk, community=private_community, by=facilitator
    )
    assert client.get(secret.url).status_code == 404
    assert (
        not private_community.__class__.objects.get(pk=private_community.pk)
        .members_group.user_set.filter(pk=member.pk)
        .exists()
    )


def _invite(community, email, by):
    service.invitation_create(community=community, email=email, by=by)
    return mail.outbox[-1].body.split("/invitations/")[1].split("/")[0]


def test_invitation_works_once_for_a_new_person(client, facilitator):
    hidden = factories.make_community(visibility="hidden")
    factories.add_member(hidden, facilitator, role=MembershipRole.FACILITATOR)
    token = _invite(hidden, "newcomer@example.org", facilitator)
    # Anyone without the token sees nothing of the community.
    assert client.get("/invitations/not-a-token/").status_code == 404
    page = client.get(f"/invitations/{token}/")
    assert page.status_code == 200 and hidden.title in page.content.decode()

    newcomer = factories.UserFactory(email="newcomer@example.org")
    client.force_login(newcomer)
    client.post(f"/invitations/{token}/")
    assert Membership.objects.get(user=newcomer, community=hidden).state == MembershipState.ACTIVE
    # Used: a second use does nothing.
    assert client.get(f"/invitations/{token}/").status_code == 404


def test_expired_or_misaddressed_invitations_do_nothing(client, facilitator, private_community):
    token = _invite(private_community, "someone@example.org", facilitator)
    other = factories.UserFactory(email="other@example.org")
    with pytest.raises(service.MembershipError, match="sent to someone@example.org"):
        service.invitation_accept(token=token, user=other)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    someone = factories.UserFactory(email="someone@example.org")
    with pytest.raises(service.MembershipError, match="expired"):
        service.invitation_accept(token=token, user=someone)
    assert not Membership.objects.filter(user=someone, community=private_community).exists()


def test_sync_command_repairs_drift(private_community, facilitator, capsys):
    group = private_community.__class__.objects.get(pk=private_community.pk).members_group
    group.user_set.clear()
    call_command("sync_community_access")
    assert "members group differs" in capsys.readouterr().out
    assert group.user_set.filter(pk=facilitator.pk).exists()
    call_command("sync_community_access", "--check")


def test_an_invitation_does_not_undo_a_removal(private_community, facilitator):
    removed = factories.UserFactory(email="removed@example.org")
    membership = factories.add_member(private_community, removed)
    service.membership_remove(
        membership_id=membership.pk, community=private_community, by=facilitator
    )
    with pytest.raises(service.MembershipError, match="removed"):
        service.invitation_create(
            community=private_community, email="removed@example.org", by=facilitator
        )
    membership.refresh_from_db()
    assert membership.state == MembershipState.REMOVED
