"""Scale the demo content up for the load scenario: N case studies spread over the demo communities.

    .venv/bin/python bench/generate.py --count 10000

Runs with the development settings against its own database folder (EMBEDDED_DB_DIR, default
bench/out/pgdata), never the developer's `.pgdata/`. It migrates and loads the demo content when
the folder is new, then adds generated case studies until there are `--count` in all; at that
scale already, it does nothing. Records are built from the demo's own sentences (3-10 KB of
section text, 5 lessons, themes, service areas, objectives, tags, partners, measures) and go
through `cop.demo.builders.case_study_apply`, the same mapping `load_demo` uses.

Creating a page the usual way (`add_child` plus a published revision) costs tens of
milliseconds, so the first `--probe` pages are made that way to measure it and the rest are
bulk-inserted in batches, the way treebeard and Wagtail would have stored them: materialised
path, depth, numchild, url_path, content type, locale, translation key, live and publication
times, then lessons, measures, tags and the many-to-many rows. Bulk pages have no revision,
log entry, reference-index or Wagtail-search-index rows (the public site reads none of them).
Each batch is one transaction, so an interrupted run leaves a consistent tree and the next run
carries on from where it stopped.
"""

import argparse
import datetime as dt
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop.settings.dev")
os.environ.setdefault("EMBEDDED_DB_DIR", str(BASE_DIR / "bench" / "out" / "pgdata"))

PLACES = [
    "Ashcombe", "Barrowfield", "Calderbridge", "Dunmere", "Eastwold", "Fenwick", "Greyhaven",
    "Hartlepoolside", "Ingleby", "Kettering Vale", "Longmarsh", "Marlow Heath", "Netherby",
    "Oakhampton", "Pendlebury", "Queensferry", "Rosedale", "Stourmouth", "Thornbury",
    "Upminster Cross", "Westmoor", "Yarrowdale",
]  # fmt: skip
TITLE_FORMS = [
    "{base}",
    "{base} in {place}",
    "{base}: what {place} learned",
    "{base}, phase {n}",
    "{base}: a {place} pilot",
    "{base} across {place} and partners",
]
STAGES = ["idea", "discovery", "alpha", "beta", "live", "live", "live", "retired"]
COSTS = ["", "under_10k", "10k_50k", "50k_250k", "250k_1m", "over_1m"]
LESSON_KINDS = ["went_well", "went_wrong", "advice"]
SECTIONS = ["background", "did", "outcomes", "risks", "next"]
# How many case studies each community gets, relative to an open one.
VISIBILITY_WEIGHT = {"open": 1.0, "restricted": 0.6, "private": 0.3, "hidden": 0.15}


def sentences(text: str) -> list[str]:
    text = re.sub(r"^\s*- .*$", "", text or "", flags=re.MULTILINE)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'£0-9])", " ".join(text.split()))
    return [p.strip() for p in parts if len(p.strip()) > 20]


class Corpus:
    """Sentences, aims, lessons, measures and tags from every demo case study."""

    def __init__(self, records):
        self.titles = [r["title"] for r in records]
        self.summary = [s for r in records for s in sentences(r["summary"])]
        self.sections = {
            k: [s for r in records for s in sentences(r.get(k) or "")] for k in SECTIONS
        }
        self.aims = [a for r in records for a in r["aims"]]
        self.lessons = {kind: [] for kind in LESSON_KINDS}
        for r in records:
            for kind, category, text in r["lessons"]:
                self.lessons[kind].append((category, text))
        self.measures = [m for r in records for m in r.get("measures", [])]
        self.tags = sorted({t for r in records for t in r.get("tags", [])})
        self.funding = sorted({r["funding"] for r in records if r.get("funding")})


def section_text(rng: random.Random, pool: list[str], chars: int) -> str:
    """Paragraphs of sampled sentences, about `chars` long, sometimes with a bulleted list."""
    paragraphs, paragraph, size = [], [], 0
    while size < chars:
        sentence = rng.choice(pool)
        paragraph.append(sentence)
        size += len(sentence) + 1
        if len(paragraph) >= rng.randint(3, 6):
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append(" ".join(paragraph))
    if len(paragraphs) > 1 and rng.random() < 0.3:
        items = rng.sample(pool, 3)
        paragraphs.insert(1, "\n".join(f"- {item}" for item in items))
    return "\n\n".join(paragraphs)


def make_record(i: int, *, seed: int, corpus: Corpus, community: dict, context: dict) -> dict:
    """Case study number `i` (deterministic for a given seed) for `community`."""
    rng = random.Random(f"{seed}-{i}")
    place = rng.choice(PLACES)
    base = rng.choice(corpus.titles)
    title = rng.choice(TITLE_FORMS).format(base=base, place=place, n=rng.randint(2, 4))
    slug = f"{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')[:70].strip('-')}-{i}"

    total = rng.randint(3000, 10000)  # characters of section text, aims excluded
    weights = [rng.uniform(0.6, 1.4) for _ in SECTIONS]
    texts = {
        key: section_text(
            rng, corpus.sections[key] or corpus.sections["did"], int(total * w / sum(weights))
        )
        for key, w in zip(SECTIONS, weights, strict=True)
    }
    summary = " ".join(rng.sample(corpus.summary, rng.randint(2, 4)))[:1200]

    stage = rng.choice(STAGES)
    start = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 9 * 365))
    end = None
    if stage in ("live", "retired") or (stage == "beta" and rng.random() < 0.3):
        end = start + dt.timedelta(days=rng.randint(60, 900))
        end = min(end, context["today"] - dt.timedelta(days=7))
        end = max(end, start)

    kinds = ["went_well", "went_wrong", "advice"] + rng.choices(LESSON_KINDS, k=2)
    lessons = [(kind, *rng.choice(corpus.lessons[kind])) for kind in kinds]

    members = context["members_by_community"].get(community["slug"]) or context["all_members"]
    author = rng.choice(members)
    contacts = [author] + ([rng.choice(members)] if rng.random() < 0.4 else [])
    orgs = context["organisations"]
    themes = rng.sample(community["themes"], min(len(community["themes"]), rng.randint(1, 2)))
    if rng.random() < 0.3:
        themes.append(rng.choice(context["themes"]))
    return {
        "slug": slug,
        "title": title,
        "summary": summary,
        "lead": rng.choice(orgs),
        "partners": rng.sample(orgs, rng.choice([0, 0, 0, 1, 2])),
        "author": author,
        "contacts": list(dict.fromkeys(contacts)),
        "themes": list(dict.fromkeys(themes)),
        "service_areas": rng.sample(context["service_areas"], rng.randint(1, 2)),
        "objectives": rng.sample(context["objectives"], rng.randint(1, 2)),
        "tags": rng.sample(corpus.tags, rng.randint(2, 4)),
        "stage": stage,
        "start": start,
        "end": end,
        "cost": rng.choice(COSTS),
        "funding": rng.choice(corpus.funding) if rng.random() < 0.7 else "",
        "people": rng.choice([None, rng.randint(50, 250_000)]),
        "review_in_days": rng.randint(-120, 540),
        "background": texts["background"],
        "aims": rng.sample(corpus.aims, rng.randint(2, 5)),
        "did": texts["did"],
        "outcomes": texts["outcomes"],
        "risks": texts["risks"],
        "next": texts["next"],
        "measures": rng.sample(corpus.measures, rng.choice([0, 1, 1, 2, 3])),
        "lessons": lessons,
    }


def plan_communities(communities: list[dict], count: int) -> list[str]:
    """A community slug for each generated case study, in proportion to VISIBILITY_WEIGHT."""
    weights = [VISIBILITY_WEIGHT[c["visibility"]] for c in communities]
    shares = [count * w / sum(weights) for w in weights]
    counts = [int(s) for s in shares]
    counts[0] += count - sum(counts)
    slugs = [c["slug"] for c, n in zip(communities, counts, strict=True) for _ in range(n)]
    random.Random(count).shuffle(slugs)
    return slugs


def bulk_insert(batch, *, community_pages, refs, today, now):
    """Insert one batch of (index, record) as live case study pages, with everything they own."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import F
    from wagtail.models import Page

    from casestudies.models import CaseStudyPage, CaseStudyTag, Lesson, Measure
    from cop.demo import builders

    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    with transaction.atomic():
        next_step = {}
        pages = []
        for _i, community_slug, record in batch:
            community = community_pages[community_slug]
            if community.pk not in next_step:
                last = (
                    Page.objects.filter(path__startswith=community.path, depth=community.depth + 1)
                    .order_by("-path")
                    .values_list("path", flat=True)
                    .first()
                )
                next_step[community.pk] = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
            step = next_step[community.pk]
            next_step[community.pk] += 1
            published = builders.first_published(record, today=today)
            page = CaseStudyPage(
                owner=refs.user(record["author"]),
                content_type=content_type,
                locale_id=community.locale_id,
                path=Page._get_path(community.path, community.depth + 1, step),
                depth=community.depth + 1,
                numchild=0,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=min(published + dt.timedelta(days=step % 200), now),
            )
            builders.case_study_apply(page, record=record, refs=refs, today=today)
            page.draft_title = page.title
            page.url_path = f"{community.url_path}{page.slug}/"
            page.latest_revision_created_at = page.last_published_at
            pages.append((community, page))

        bases = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for _c, p in pages]
        )
        for (_c, page), base in zip(pages, bases, strict=True):
            page.id = page.page_ptr_id = base.id
        # Django's bulk_create refuses multi-table models; insert the child rows the way
        # Model.save() does for each table, but many rows per statement.
        CaseStudyPage._base_manager._insert(
            [p for _c, p in pages],
            fields=CaseStudyPage._meta.local_concrete_fields,
            using=connection.alias,
        )

        lessons, measures, tagged = [], [], []
        m2m = {name: [] for name in ("themes", "service_areas", "objectives")}
        m2m["partner_organisations"] = []
        m2m["contacts"] = []
        for _c, page in pages:
            for lesson in page.lessons.all():
                lesson.page_id = page.id
                lessons.append(lesson)
            for measure in page.measures.all():
                measure.page_id = page.id
                measures.append(measure)
            for item in page.tagged_items.all():
                tagged.append(CaseStudyTag(content_object_id=page.id, tag_id=item.tag.id))
            for name, rows in m2m.items():
                through = CaseStudyPage._meta.get_field(name).remote_field.through
                source, target = [f for f in through._meta.concrete_fields if f.is_relation]
                rows.extend(
                    through(**{source.attname: page.id, target.attname: obj.pk})
                    for obj in getattr(page, name).all()
                )
        Lesson.objects.bulk_create(lessons)
        Measure.objects.bulk_create(measures)
        CaseStudyTag.objects.bulk_create(tagged)
        for name, rows in m2m.items():
            CaseStudyPage._meta.get_field(name).remote_field.through.objects.bulk_create(rows)

        added = Counter(community.pk for community, _p in pages)
        for pk, n in added.items():
            Page.objects.filter(pk=pk).update(numchild=F("numchild") + n)
    return len(pages), len(lessons)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="case studies in all")
    parser.add_argument("--batch", type=int, default=500, help="pages per transaction")
    parser.add_argument("--probe", type=int, default=20, help="pages made the usual way first")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from casestudies.models import CaseStudyPage, Lesson
    from communities.models import CommunityPage, Membership, MembershipState
    from cop.demo import builders
    from cop.demo.case_studies import CASE_STUDIES_BY_COMMUNITY
    from cop.demo.communities import COMMUNITIES

    print(f"Database folder: {os.environ['EMBEDDED_DB_DIR']}")
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    print(f"migrate and createcachetable: {time.monotonic() - started:.1f} s")
    if not CommunityPage.objects.exists():
        step = time.monotonic()
        call_command("load_demo", verbosity=0)
        print(f"load_demo: {time.monotonic() - step:.1f} s")

    existing = CaseStudyPage.objects.count()
    if existing >= args.count:
        print(f"Already {existing} case studies (asked for {args.count}); nothing to do.")
        return 0
    wanted = args.count - existing
    print(f"{existing} case studies now; generating {wanted} more.")

    today = timezone.localdate()
    now = timezone.now()
    refs = builders.Refs.load()
    community_pages = {p.slug: p for p in CommunityPage.objects.all()}
    members_by_community = {}
    for email, slug in Membership.objects.filter(state=MembershipState.ACTIVE).values_list(
        "user__email", "community__slug"
    ):
        members_by_community.setdefault(slug, []).append(email)
    context = {
        "today": today,
        "members_by_community": members_by_community,
        "all_members": sorted(refs.users),
        "organisations": sorted(refs.organisations),
        "themes": sorted(refs.themes),
        "service_areas": sorted(refs.service_areas),
        "objectives": sorted(refs.objectives),
    }
    corpus = Corpus([r for records in CASE_STUDIES_BY_COMMUNITY.values() for r in records])
    by_slug = {c["slug"]: c for c in COMMUNITIES}
    plan = plan_communities(COMMUNITIES, args.count)

    def record(i):
        slug = plan[i % len(plan)]
        return slug, make_record(
            i, seed=args.seed, corpus=corpus, community=by_slug[slug], context=context
        )

    # Numbering continues from the pages already there, so a re-run adds new slugs.
    first = existing
    probe = min(args.probe, wanted)
    if probe:
        step = time.monotonic()
        for i in range(first, first + probe):
            slug, rec = record(i)
            builders.case_study_ensure(
                community=community_pages[slug], record=rec, refs=refs, today=today
            )
        per_page = (time.monotonic() - step) / probe
        print(
            f"add_child + revision + publish: {probe} pages in {per_page * probe:.1f} s "
            f"({per_page * 1000:.0f} ms a page; {per_page * wanted / 60:.1f} min for {wanted})"
        )
    step = time.monotonic()
    done = lessons = 0
    for start in range(first + probe, first + wanted, args.batch):
        batch = [(i, *record(i)) for i in range(start, min(start + args.batch, first + wanted))]
        for slug in {s for _i, s, _r in batch}:
            community_pages[slug].refresh_from_db(fields=["numchild"])
        n, n_lessons = bulk_insert(
            batch, community_pages=community_pages, refs=refs, today=today, now=now
        )
        done += n
        lessons += n_lessons
        elapsed = time.monotonic() - step
        print(
            f"  bulk: {done} pages, {lessons} lessons, {elapsed:.1f} s "
            f"({done / elapsed:.0f} pages/s)",
            flush=True,
        )
    if done:
        print(f"bulk insert: {done} pages in {time.monotonic() - step:.1f} s")

    # Bulk-inserted pages bypass the publish signals: index them all at once.
    step = time.monotonic()
    call_command("rebuild_search_index", verbosity=0)
    print(f"rebuild_search_index: {time.monotonic() - step:.1f} s")

    step = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE: {time.monotonic() - step:.1f} s")

    total = CaseStudyPage.objects.count()
    sizes = CaseStudyPage.objects.order_by("?")[:200]
    section_bytes = [
        sum(
            len(getattr(p, f))
            for f in (
                "background",
                "project_objectives",
                "what_we_did",
                "outcomes",
                "risks",
                "next_steps",
            )
        )
        for p in sizes
    ]
    print(
        f"Done in {time.monotonic() - started:.1f} s: {total} case studies, "
        f"{Lesson.objects.count()} lessons; section HTML per page (sample of 200): "
        f"min {min(section_bytes)}, mean {sum(section_bytes) // len(section_bytes)}, "
        f"max {max(section_bytes)} bytes."
    )
    for page in CommunityPage.objects.order_by("path"):
        print(f"  {page.slug:<28} {page.visibility:<10} {page.numchild:>6} case studies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
