"""Demo curation: a welcome and featured case studies on the channel shift community (its
demo discussions already include a pinned one), a theme collection that mixes open and
private items, and a few best bets. Safe to run twice: nothing is added again."""

from casestudies.models import CaseStudyPage, LessonKind, Theme
from curation.models import (
    BestBet,
    CollectionIndexPage,
    CollectionItem,
    CollectionPage,
    CommunityWelcome,
    FeaturedCaseStudy,
)

WELCOMES = {
    "channel-shift": (
        "Welcome. This community is for anyone moving council services online without "
        "leaving people behind.\n\n"
        "New here? Read the featured case studies first, then say hello in the pinned "
        "discussion."
    ),
}

FEATURED = {
    "channel-shift": [
        "housing-repairs-chatbot",
        "garden-waste-subscriptions-online",
        "council-tax-self-service-account",
    ],
}

# Items: ("case_study", slug, note) or ("lesson", slug of its case study, kind, note).
COLLECTIONS = [
    {
        "slug": "channel-shift-where-to-start",
        "title": "Channel shift: where to start",
        "theme": "channel-shift",
        "search_description": "Five things to read before you move a service online.",
        "introduction": (
            "<p>Moving a service online saves money only when people can finish the job "
            "without phoning. These write-ups show what that took, <b>including what went "
            "wrong</b>.</p><p>Start with the garden waste project, then read the lessons.</p>"
        ),
        "items": [
            ("case_study", "garden-waste-subscriptions-online", "The clearest example."),
            ("lesson", "housing-repairs-chatbot", LessonKind.WENT_WRONG, ""),
            ("case_study", "blue-badge-application", ""),
            # From the private Digital leaders community: only its members see it here.
            ("case_study", "digital-mentors-frontline-staff", "For members of Digital leaders."),
            ("lesson", "council-tax-self-service-account", LessonKind.ADVICE, ""),
        ],
    },
]

BEST_BETS = [
    ("chatbot\nchat bot\nvirtual assistant", "housing-repairs-chatbot", 0),
    ("channel shift\nmoving services online", "channel-shift-where-to-start", 0),
]


def _live(slug):
    return CaseStudyPage.objects.live().filter(slug=slug).first()


def curation_ensure(*, communities, site, by) -> int:
    """Add the demo curation; returns how many things were added."""
    created = 0
    for slug, text in WELCOMES.items():
        _welcome, was_created = CommunityWelcome.objects.get_or_create(
            community=communities[slug], defaults={"text": text, "updated_by": by}
        )
        created += was_created
    for slug, study_slugs in FEATURED.items():
        community = communities[slug]
        if community.featured_items.exists():
            continue
        studies = [study for s in study_slugs if (study := _live(s)) is not None]
        FeaturedCaseStudy.objects.bulk_create(
            FeaturedCaseStudy(community=community, case_study=study, sort_order=n)
            for n, study in enumerate(studies)
        )
        created += len(studies)

    index = CollectionIndexPage.objects.first()
    if index is not None:
        for record in COLLECTIONS:
            if CollectionPage.objects.filter(slug=record["slug"]).exists():
                continue
            page = CollectionPage(
                title=record["title"],
                slug=record["slug"],
                theme=Theme.objects.filter(slug=record["theme"]).first(),
                introduction=record["introduction"],
                search_description=record["search_description"],
            )
            items = []
            for entry in record["items"]:
                study = _live(entry[1])
                if study is None:
                    continue
                if entry[0] == "case_study":
                    items.append(CollectionItem(case_study=study, note=entry[2]))
                else:
                    lesson = study.lessons.filter(kind=entry[2]).first()
                    if lesson is not None:
                        items.append(CollectionItem(lesson=lesson, note=entry[3]))
            page.items = items
            index.add_child(instance=page)
            page.save_revision(user=by).publish(user=by)
            created += 1

    from wagtail.models import Page

    for queries, slug, order in BEST_BETS:
        target = Page.objects.live().filter(slug=slug).first()
        if target is None or BestBet.objects.filter(site=site, page=target).exists():
            continue
        BestBet.objects.create(site=site, queries=queries, page=target, sort_order=order)
        created += 1
    return created
