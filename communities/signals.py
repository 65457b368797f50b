from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from communities.models import CommunityPage


@receiver(post_save, sender=CommunityPage)
def sync_access_after_save(sender, instance, raw=False, **kwargs):
    """A new community, or a change of visibility, updates Wagtail's access rules."""
    if raw:
        return
    from communities.services.membership import community_sync_access

    transaction.on_commit(lambda: community_sync_access(community=instance))
