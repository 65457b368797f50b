"""Writes for curation. A community's home page is curated by its facilitators (and site
administrators) on the site: `community_curate` saves the welcome, the featured case
studies and which discussions are pinned, all at once or not at all."""

from django.db import transaction

from communities.selectors import can_manage_community
from curation.models import MAX_FEATURED, CommunityWelcome, FeaturedCaseStudy


class CurationError(Exception):
    pass


class NotAllowed(CurationError):
    pass


def curatable_case_studies(community):
    """Case studies a community can feature: its own live ones."""
    from casestudies.models import CaseStudyPage

    return CaseStudyPage.objects.live().descendant_of(community).order_by("title")


@transaction.atomic
def community_curate(*, community, user, welcome: str, featured, pinned, offered=None) -> None:
    """Save a community's home page curation.

    `featured`: case studies in order (at most MAX_FEATURED, each once, each a live case
    study of this community). `pinned`: the discussions of this community to pin; every
    other discussion of the community (or, when `offered` is given, every other one of the
    discussions the form offered) is unpinned, so a pinned discussion the form did not show
    (one held or hidden by moderation) keeps its pin. Pins go through the discussions
    service, so each change is in the moderation log.
    """
    from discussions.models import Discussion
    from discussions.services import discussion_pin

    if not can_manage_community(user, community):
        raise NotAllowed("Only this community's facilitators can curate its home page.")
    featured = list(featured)
    allowed = set(curatable_case_studies(community).values_list("pk", flat=True))
    if len(featured) > MAX_FEATURED:
        raise CurationError(f"Feature at most {MAX_FEATURED} case studies.")
    if len({study.pk for study in featured}) != len(featured):
        raise CurationError("Feature each case study once.")
    if any(study.pk not in allowed for study in featured):
        raise CurationError("Feature only published case studies from this community.")
    pinned_ids = {discussion.pk for discussion in pinned}
    if any(discussion.community_id != community.pk for discussion in pinned):
        raise CurationError("Pin only discussions from this community.")

    CommunityWelcome.objects.update_or_create(
        community=community, defaults={"text": welcome.strip(), "updated_by": user}
    )
    FeaturedCaseStudy.objects.filter(community=community).delete()
    FeaturedCaseStudy.objects.bulk_create(
        FeaturedCaseStudy(community=community, case_study=study, sort_order=n)
        for n, study in enumerate(featured)
    )
    candidates = Discussion.objects.filter(community=community)
    if offered is not None:
        candidates = candidates.filter(pk__in=[discussion.pk for discussion in offered])
    for discussion in candidates.select_for_update():
        wanted = discussion.pk in pinned_ids
        if discussion.pinned != wanted:
            discussion.community = community
            discussion_pin(discussion=discussion, user=user, pinned=wanted)
