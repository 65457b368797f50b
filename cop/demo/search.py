"""Demo synonyms and a few weeks of searches (some of them finding nothing), so the search
page and, later, the community dashboards have something to show."""

from datetime import timedelta

from django.utils import timezone

from search.models import SearchLog, Synonym

SYNONYMS = [
    "FOI, freedom of information",
    "ASB, anti-social behaviour, antisocial behaviour",
    "EV, electric vehicle",
    "DPIA, data protection impact assessment",
    "CRM, customer relationship management",
]

# (query, result count when it was run, days ago, signed-in member's email or None)
SEARCHES = [
    ("procurement went wrong", 6, 2, "alex.morgan@dcls.gov.uk"),
    ("open data portal", 9, 3, None),
    ("garden waste", 3, 5, None),
    ("chatbot", 2, 6, "yusuf.rahman@ironvale.gov.uk"),
    ("damp and mould", 0, 1, None),
    ("damp and mould", 0, 4, "alex.morgan@dcls.gov.uk"),
    ("council tax single person discount review", 0, 8, None),
    ("robotic process automation", 0, 9, "yusuf.rahman@ironvale.gov.uk"),
    ("parking permits", 0, 11, None),
    ("data sharing agreement", 5, 12, None),
]


def synonyms_ensure() -> int:
    created = 0
    for terms in SYNONYMS:
        _synonym, was_created = Synonym.objects.get_or_create(terms=terms)
        created += was_created
    return created


def searches_ensure(users: dict) -> int:
    """Add the demo searches once (they are not added again on a second load)."""
    if SearchLog.objects.filter(query__in=[query for query, *_ in SEARCHES]).exists():
        return 0
    now = timezone.now()
    entries = []
    for query, count, _days_ago, email in SEARCHES:
        entry = SearchLog(
            query=query,
            result_count=count,
            user=users.get(email) if email else None,
            engine="postgres",
        )
        entries.append(entry)
    SearchLog.objects.bulk_create(entries)
    for entry, (_query, _count, days_ago, _email) in zip(entries, SEARCHES, strict=True):
        SearchLog.objects.filter(pk=entry.pk).update(created_at=now - timedelta(days=days_ago))
    return len(entries)
