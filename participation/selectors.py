"""Reads for participation. Anything that names community content starts from the privacy
selectors (visible_case_studies, listed_communities)."""

from django.db.models import Count, Q

from casestudies.selectors import visible_case_studies
from cop.requestmemo import surely_absent
from participation.models import HelpedKind, HelpedRecord, SavedSearch


def saved_searches_of(user):
    return SavedSearch.objects.filter(user=user).order_by("name", "pk")


def helped_summary(page) -> dict:
    """How many members said the case study helped them, and how many reused it."""
    counts = HelpedRecord.objects.filter(page=page).aggregate(
        helped=Count("pk", filter=Q(kind=HelpedKind.HELPED)),
        reused=Count("pk", filter=Q(kind=HelpedKind.REUSED)),
    )
    return counts


def helped_records_for(page):
    """Records with a note, newest first, for the case study's own page (whose readers
    may read the case study, so the notes about it too)."""
    return (
        HelpedRecord.objects.filter(page=page)
        .exclude(note="")
        .select_related("user", "organisation")
        .order_by("-updated_at")
    )


def _helped_page_ids() -> frozenset[int]:
    return frozenset(HelpedRecord.objects.values_list("page_id", flat=True).distinct())


def helped_for_page(page, user) -> tuple[dict, list, object]:
    """What the case study's own page shows, from one query: the counts (as
    `helped_summary`), the records with a note, newest first (as `helped_records_for`), and
    the reader's own record (as `helped_record_of`)."""
    if surely_absent(page.pk, ("helped",), _helped_page_ids):
        records = []  # the set of pages with any record is kept: most have none
    else:
        records = list(
            HelpedRecord.objects.filter(page=page)
            .select_related("user", "organisation")
            .order_by("-updated_at", "-pk")
        )
    summary = {
        "helped": sum(1 for r in records if r.kind == HelpedKind.HELPED),
        "reused": sum(1 for r in records if r.kind == HelpedKind.REUSED),
    }
    signed_in = bool(user and user.is_authenticated)
    mine = next((r for r in records if signed_in and r.user_id == user.pk), None)
    return summary, [r for r in records if r.note], mine


def helped_record_of(user, page):
    if not (user and user.is_authenticated):
        return None
    return HelpedRecord.objects.filter(user=user, page=page).first()


def reused_by_organisation(organisation, user):
    """Case studies `user` may read that members of `organisation` say they reused."""
    return (
        visible_case_studies(user)
        .filter(
            helped_records__kind=HelpedKind.REUSED,
            helped_records__organisation=organisation,
        )
        .distinct()
        .order_by("title")
    )


def reuses_of_organisation_work(organisation, user):
    """(case study, organisations that reused it) for case studies `organisation` led or
    partnered on, among those `user` may read."""
    pages = (
        visible_case_studies(user)
        .filter(Q(lead_organisation=organisation) | Q(partner_organisations=organisation))
        .filter(helped_records__kind=HelpedKind.REUSED)
        .distinct()
        .order_by("title")
    )
    records = (
        HelpedRecord.objects.filter(page__in=pages, kind=HelpedKind.REUSED)
        .exclude(organisation=organisation)
        .exclude(organisation__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    by_page: dict[int, list] = {}
    for record in records:
        names = by_page.setdefault(record.page_id, [])
        if record.organisation not in names:
            names.append(record.organisation)
    return [(page, by_page[page.pk]) for page in pages if page.pk in by_page]
