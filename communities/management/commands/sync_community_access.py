from django.core.management.base import BaseCommand

from communities.models import CommunityPage, MembershipState
from communities.services.membership import community_sync_access


class Command(BaseCommand):
    help = (
        "Check every community's Wagtail groups, page permissions, view restriction and "
        "collection against its membership, and repair any difference."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only report; change nothing (exit 1 if out of step).",
        )

    def handle(self, *args, check=False, **options):
        problems = 0
        for community in CommunityPage.objects.all().specific():
            found = describe_drift(community)
            problems += len(found)
            for problem in found:
                self.stdout.write(f"{community.title}: {problem}")
            if found and not check:
                community_sync_access(community=community)
        if check and problems:
            raise SystemExit(1)
        verb = "found" if check else "repaired"
        self.stdout.write(f"{problems} difference(s) {verb}.")


def describe_drift(community):
    from wagtail.models import PageViewRestriction

    problems = []
    if community.members_group is None or community.facilitators_group is None:
        return ["its groups are missing"]
    active = community.memberships.filter(state=MembershipState.ACTIVE)
    members = set(active.values_list("user_id", flat=True))
    facilitators = set(active.filter(role="facilitator").values_list("user_id", flat=True))
    if set(community.members_group.user_set.values_list("id", flat=True)) != members:
        problems.append("members group differs from active members")
    if set(community.facilitators_group.user_set.values_list("id", flat=True)) != facilitators:
        problems.append("facilitators group differs from active facilitators")
    restricted = PageViewRestriction.objects.filter(page=community).exists()
    if restricted != (community.visibility != "open"):
        problems.append("view restriction does not match visibility")
    return problems
