"""What publishing a case study starts (connected in ParticipationConfig.ready).

On first publication: its author follows it, and its lessons are noted as published with
it. On a later publication: lessons not seen before are noted as new. Either way, the new
items are handed to the `announce_activity` task once the change is committed, which
matches saved searches and tells members who chose "as it happens"; digests pick the same
items up by date.
"""

from django.db import transaction
from wagtail.signals import page_published

from cop.switches import Suspension
from participation import activity
from participation.models import LessonAnnouncement

# Record and announce nothing inside this block (for loading demo content).
suspended = Suspension()


def case_study_published(sender, instance, **kwargs):
    from casestudies.models import CaseStudyPage

    if suspended.active or not isinstance(instance, CaseStudyPage):
        return
    page = instance
    now = page.last_published_at
    first = page.first_published_at is not None and page.first_published_at == now
    fingerprints = {activity.lesson_fingerprint(lesson) for lesson in page.lessons.all()}
    seen = set(LessonAnnouncement.objects.filter(page=page).values_list("fingerprint", flat=True))
    # A case study published before lessons were tracked: what it has now is the baseline.
    initial = first or not seen
    new = sorted(fingerprints - seen)
    LessonAnnouncement.objects.bulk_create(
        [
            LessonAnnouncement(page=page, fingerprint=fp, initial=initial, occurred_at=now)
            for fp in new
        ],
        ignore_conflicts=True,
    )
    keys = [f"case_study:{page.pk}"] if first else []
    if not initial:
        keys += [f"lesson:{page.pk}:{fp}" for fp in new]
    if first and page.owner_id:
        from participation.services.follows import follow_ensure

        follow_ensure(user=page.owner, target=page, automatic=True)
    if keys:
        _announce(keys)


def _announce(keys):
    from participation.tasks import announce_activity

    transaction.on_commit(lambda: announce_activity.enqueue(keys), robust=True)


def activity_posted(keys) -> None:
    """Announce new activity items (e.g. `discussion:<id>`, `reply:<id>`) once the change
    is committed, unless announcing is suspended (the demo loader)."""
    if keys and not suspended.active:
        _announce(list(keys))


def connect():
    page_published.connect(case_study_published, dispatch_uid="participation-page-published")
