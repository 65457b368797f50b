"""Consistency checks on the demo records, run before anything is written.

They catch the mistakes that are easy to make when editing the data by hand: a typo in a slug,
an author who is not a member of the community they write in, a duplicated title, or a
corpus that no longer covers every lesson kind and category.
"""

from collections import Counter

from casestudies.models import CostBand, LessonCategory, LessonKind, Licence, Stage
from communities.models import (
    MembershipRole,
    MembershipState,
    OrganisationType,
    PopulationBand,
    Region,
    Visibility,
)

REQUIRED_CASE_STUDY_KEYS = {
    "slug",
    "title",
    "summary",
    "lead",
    "author",
    "themes",
    "stage",
    "start",
    "background",
    "aims",
    "did",
    "outcomes",
    "risks",
    "lessons",
}


def _duplicates(values) -> list:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def problems(
    *,
    organisations,
    members,
    memberships,
    communities,
    case_studies_by_community,
    media_by_case_study=None,
):
    """Everything wrong with the records, as readable sentences (empty when all is well)."""
    found = _media_problems(media_by_case_study or {}, case_studies_by_community)
    org_slugs = {o["slug"] for o in organisations}
    domain_to_org = {d.lower(): o["slug"] for o in organisations for d in o.get("domains", [])}
    emails = {m["email"].lower() for m in members}
    community_slugs = {c["slug"] for c in communities}

    for label, values in (
        ("organisation slug", [o["slug"] for o in organisations]),
        ("organisation name", [o["name"] for o in organisations]),
        ("email domain", [d.lower() for o in organisations for d in o.get("domains", [])]),
        ("member email", [m["email"].lower() for m in members]),
        ("community slug", [c["slug"] for c in communities]),
        ("membership", [(e.lower(), c) for e, c, *_ in memberships]),
    ):
        for duplicate in _duplicates(values):
            found.append(f"Duplicate {label}: {duplicate}")

    for o in organisations:
        if o["type"] not in OrganisationType.values:
            found.append(f"{o['slug']}: unknown organisation type {o['type']}")
        if o["region"] not in Region.values:
            found.append(f"{o['slug']}: unknown region {o['region']}")
        if o.get("population_band", "") not in [*PopulationBand.values, ""]:
            found.append(f"{o['slug']}: unknown population band {o['population_band']}")

    def org_of(email):
        return domain_to_org.get(email.rsplit("@", 1)[-1].lower())

    for m in members:
        if org_of(m["email"]) is None and m.get("approved", True):
            found.append(f"{m['email']}: email domain belongs to no demo organisation")

    active = {}
    for email, community, role, state, _message in memberships:
        if email.lower() not in emails:
            found.append(f"Membership for unknown member {email}")
        if community not in community_slugs:
            found.append(f"Membership in unknown community {community}")
        if role not in MembershipRole.values:
            found.append(f"{email} in {community}: unknown role {role}")
        if state not in MembershipState.values:
            found.append(f"{email} in {community}: unknown state {state}")
        if state == MembershipState.ACTIVE:
            active.setdefault(community, {})[email.lower()] = role

    for c in communities:
        if c["visibility"] not in Visibility.values:
            found.append(f"{c['slug']}: unknown visibility {c['visibility']}")
        if active.get(c["slug"], {}).get(c["owner"].lower()) != MembershipRole.FACILITATOR:
            found.append(f"{c['slug']}: owner {c['owner']} is not an active facilitator")
        if c["slug"] not in case_studies_by_community:
            found.append(f"{c['slug']}: no case study module")

    records = []
    for community, case_studies in case_studies_by_community.items():
        if community not in community_slugs:
            found.append(f"Case studies for unknown community {community}")
        for record in case_studies:
            records.append(record)
            found.extend(_case_study_problems(record, community, active, org_slugs, org_of, emails))

    for label, key in (("slug", "slug"), ("title", "title"), ("summary", "summary")):
        for duplicate in _duplicates(r[key] for r in records):
            found.append(f"Duplicate case study {label}: {duplicate[:60]}")
    lessons = [lesson for r in records for lesson in r["lessons"]]
    for duplicate in _duplicates(text for _kind, _category, text in lessons):
        found.append(f"Duplicate lesson: {duplicate[:60]}")
    for label, values, used in (
        ("lesson kind", LessonKind.values, {kind for kind, _c, _t in lessons}),
        ("lesson category", LessonCategory.values, {category for _k, category, _t in lessons}),
        ("stage", Stage.values, {r["stage"] for r in records}),
    ):
        for value in sorted(set(values) - used):
            found.append(f"No case study uses the {label} {value}")
    return found


def _case_study_problems(record, community, active, org_slugs, org_of, emails):
    slug = record.get("slug", "?")
    found = [f"{slug}: missing {key}" for key in sorted(REQUIRED_CASE_STUDY_KEYS - set(record))]
    if found:
        return found
    if len(record["summary"]) > 1200:
        found.append(f"{slug}: summary longer than 1,200 characters")
    if record["stage"] not in Stage.values:
        found.append(f"{slug}: unknown stage {record['stage']}")
    if record.get("cost", "") not in [*CostBand.values, ""]:
        found.append(f"{slug}: unknown cost band {record['cost']}")
    if record.get("licence", "ogl") not in Licence.values:
        found.append(f"{slug}: unknown licence {record['licence']}")
    if record.get("end") and record["end"] < record["start"]:
        found.append(f"{slug}: ends before it starts")
    if not 3 <= len(record["lessons"]) <= 6:
        found.append(f"{slug}: has {len(record['lessons'])} lessons (3 to 6 expected)")
    for kind, category, _text in record["lessons"]:
        if kind not in LessonKind.values or category not in LessonCategory.values:
            found.append(f"{slug}: unknown lesson kind or category {kind}/{category}")
    organisations = [record["lead"], *record.get("partners", [])]
    for org in organisations:
        if org not in org_slugs:
            found.append(f"{slug}: unknown organisation {org}")
    author = record["author"].lower()
    if author not in active.get(community, {}):
        found.append(f"{slug}: author {author} is not an active member of {community}")
    people = [author, *record.get("contacts", []), record.get("review_owner") or author]
    for email in people:
        if email.lower() not in emails:
            found.append(f"{slug}: unknown member {email}")
        elif org_of(email) not in organisations:
            found.append(f"{slug}: {email} is not from the lead or a partner organisation")
    return found


def _media_problems(media_by_case_study, case_studies_by_community):
    slugs = {r["slug"] for records in case_studies_by_community.values() for r in records}
    found = []
    for slug, media in media_by_case_study.items():
        if slug not in slugs:
            found.append(f"Images or attachments for unknown case study {slug}")
        for record in media.get("images", []):
            if not (record.get("alt_text") or record.get("caption")):
                found.append(f"{slug}: image {record['title']} has neither alt text nor caption")
        for record in media.get("attachments", []):
            if not record["file"].endswith((".pdf", ".txt")):
                found.append(f"{slug}: attachment {record['file']} is neither PDF nor text")
    titles = [
        record["title"]
        for media in media_by_case_study.values()
        for kind in ("images", "attachments")
        for record in media.get(kind, [])
    ]
    found.extend(f"Duplicate image or attachment title: {t}" for t in _duplicates(titles))
    return found
