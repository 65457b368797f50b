"""Record membership changes as `MembershipEvent`s, from the Membership model's signals.

`post_init` remembers the state a row was loaded with; `post_save` compares it with the
state saved. Becoming active (joining an open community, an approved request, an accepted
invitation) is "joined"; an active member who leaves is "left", one a facilitator removes
is "removed". Withdrawing or declining a request is neither. The event is written in the
same transaction as the membership, so a change rolled back leaves no event.
"""

from django.db.models.signals import post_init, post_save

from communities.models import Membership, MembershipState
from insight import clock
from insight.models import MembershipEvent, MembershipEventKind

ENDED = {
    MembershipState.LEFT: MembershipEventKind.LEFT,
    MembershipState.REMOVED: MembershipEventKind.REMOVED,
}


def _remember_state(sender, instance, **kwargs):
    # From __dict__, so that a row loaded without its state (`only()`) is not fetched again.
    instance._insight_state = instance.__dict__.get("state") if instance.pk else None


def _record_change(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    before = None if created else getattr(instance, "_insight_state", None)
    after = instance.state
    instance._insight_state = after
    if before == after:
        return
    kind = None
    if after == MembershipState.ACTIVE:
        kind = MembershipEventKind.JOINED
    elif before == MembershipState.ACTIVE and after in ENDED:
        kind = ENDED[after]
    if kind is not None:
        MembershipEvent.objects.create(
            community_id=instance.community_id, kind=kind, occurred_at=clock.now()
        )


def connect():
    post_init.connect(_remember_state, sender=Membership, dispatch_uid="insight_state")
    post_save.connect(_record_change, sender=Membership, dispatch_uid="insight_change")
