"""Events for memberships that changed before events were recorded.

An active membership is counted as joined when its row was made (a request approved later
counts from the request, the nearest date kept); a left or removed one as ended when its
row last changed. Membership rows of people who were members and left before this are
counted as having joined too, at the time their row was made.
"""

from django.db import migrations


def backfill(apps, schema_editor):
    Membership = apps.get_model("communities", "Membership")
    MembershipEvent = apps.get_model("insight", "MembershipEvent")
    if MembershipEvent.objects.exists():
        return
    events = []
    for membership in Membership.objects.filter(state__in=["active", "left", "removed"]):
        events.append(
            MembershipEvent(
                community_id=membership.community_id,
                kind="joined",
                occurred_at=membership.created_at,
            )
        )
        if membership.state in ("left", "removed"):
            events.append(
                MembershipEvent(
                    community_id=membership.community_id,
                    kind=membership.state,
                    occurred_at=membership.updated_at,
                )
            )
    MembershipEvent.objects.bulk_create(events, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("insight", "0001_initial"),
        ("communities", "0006_communitypage_hold_first_posts"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
