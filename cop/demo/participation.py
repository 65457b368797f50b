"""Demo follows, email choices, saved searches, "this helped us" records and community
announcements, so the Following page, the saved searches page, the digest preview, the
organisation pages and the community pages have something to show.

Two lessons of published case studies are also marked as added today (as if their authors
had just added them), so that the members following those case studies or communities
see them in the preview of their next digest.
"""

from django.utils import timezone

from casestudies.models import CaseStudyPage, Theme
from communities.models import CommunityPage
from discussions.models import Discussion
from participation.activity import lesson_fingerprint
from participation.models import (
    Announcement,
    Follow,
    HelpedRecord,
    LessonAnnouncement,
    SavedSearch,
)
from participation.services.notifications import preference_set
from participation.services.saved_searches import saved_search_create

# (member's email, kind, what: community slug, theme slug, case study slug, discussion title
# or member's email)
FOLLOWS = [
    ("jo.hartley@aldbridge.gov.uk", "community", "channel-shift"),
    ("jo.hartley@aldbridge.gov.uk", "theme", "open-data"),
    ("jo.hartley@aldbridge.gov.uk", "case_study", "housing-repairs-chatbot"),
    ("jo.hartley@aldbridge.gov.uk", "member", "aisha.begum@ironvale.gov.uk"),
    ("alex.morgan@dcls.gov.uk", "community", "open-data"),
    ("alex.morgan@dcls.gov.uk", "community", "digital-leaders"),
    ("alex.morgan@dcls.gov.uk", "theme", "channel-shift"),
    ("owen.marsh@northmoor.gov.uk", "case_study", "automated-spending-data"),
    ("hannah.price@riverholme.gov.uk", "community", "agile-delivery"),
    ("hannah.price@riverholme.gov.uk", "case_study", "housing-repairs-chatbot"),
    (
        "hannah.price@riverholme.gov.uk",
        "discussion",
        "Housing repairs chatbot: did it reduce calls?",
    ),
    ("sam.whitfield@northmoor.gov.uk", "community", "channel-shift"),
]

# (member's email, how often)
PREFERENCES = [
    ("alex.morgan@dcls.gov.uk", "daily"),
    ("sam.whitfield@northmoor.gov.uk", "immediate"),
    ("owen.marsh@northmoor.gov.uk", "off"),
]

# (member's email, name, the search page's query string)
SAVED_SEARCHES = [
    ("jo.hartley@aldbridge.gov.uk", "Chatbots", "q=chatbot"),
    (
        "jo.hartley@aldbridge.gov.uk",
        "Procurement mistakes",
        "kind=lesson&lesson_kind=went_wrong&lesson_category=procurement",
    ),
    ("alex.morgan@dcls.gov.uk", "Open data in Wales", "q=open+data&region=wales"),
]

# (member's email, case study slug, "helped" or "reused", note)
HELPED = [
    (
        "jo.hartley@aldbridge.gov.uk",
        "council-tax-self-service-account",
        "reused",
        "We reused Ironvale's account design and their letter wording for our own launch.",
    ),
    (
        "priya.nair@millbeck.gov.uk",
        "automated-spending-data",
        "helped",
        "Saved us from publishing by hand every month.",
    ),
    (
        "emma.lindqvist@millbeck.gov.uk",
        "housing-repairs-chatbot",
        "reused",
        "",
    ),
    ("liam.doherty@ardglenlisnavar.gov.uk", "garden-waste-subscriptions-online", "helped", ""),
]

# (facilitator's email, community slug, title, text). Stored as if already sent: loading
# the demo emails nobody.
ANNOUNCEMENTS = [
    (
        "sam.whitfield@northmoor.gov.uk",
        "channel-shift",
        "Spring meet-up: online forms that people finish",
        "Our next meet-up is on **Thursday 12 March**, 2pm to 3.30pm, online.\n\n"
        "- Ironvale on what their council tax account taught them\n"
        "- Open questions: drop-off on long forms\n\n"
        "Add your questions to the agenda: https://www.gov.uk/service-manual",
    ),
    (
        "daniel.osei@ravensbury.gov.uk",
        "agile-delivery",
        "Share your retrospectives",
        "If your team ran a retrospective this quarter, write it up as a case study: "
        "what went wrong is the most useful part for the next council.",
    ),
]

# Case studies one of whose lessons counts as added today (see the module's docstring).
RECENT_LESSONS = ["housing-repairs-chatbot", "automated-spending-data"]


def _target(kind, ref, users):
    if kind == "community":
        return CommunityPage.objects.get(slug=ref)
    if kind == "theme":
        return Theme.objects.get(slug=ref)
    if kind == "case_study":
        return CaseStudyPage.objects.get(slug=ref)
    if kind == "discussion":
        return Discussion.objects.get(title=ref)
    return users[ref]


def participation_ensure(users: dict) -> dict:
    """Add the demo records that are not there yet. Returns counts by kind."""
    created = {"follows": 0, "saved searches": 0, "helped": 0, "announcements": 0}
    for email, kind, ref in FOLLOWS:
        target = _target(kind, ref, users)
        _follow, was_created = Follow.objects.get_or_create(
            user=users[email], kind=kind, object_id=target.pk
        )
        created["follows"] += was_created
    for email, frequency in PREFERENCES:
        preference_set(user=users[email], frequency=frequency)
    for email, name, query_string in SAVED_SEARCHES:
        if not SavedSearch.objects.filter(user=users[email], name=name).exists():
            saved_search_create(user=users[email], name=name, query_string=query_string)
            created["saved searches"] += 1
    for email, slug, kind, note in HELPED:
        user = users[email]
        _record, was_created = HelpedRecord.objects.get_or_create(
            user=user,
            page=CaseStudyPage.objects.get(slug=slug),
            defaults={"kind": kind, "note": note, "organisation": user.organisation},
        )
        created["helped"] += was_created
    now = timezone.now()
    for email, slug, title, body in ANNOUNCEMENTS:
        _announcement, was_created = Announcement.objects.get_or_create(
            community=CommunityPage.objects.get(slug=slug),
            title=title,
            defaults={"author": users[email], "body": body, "sent_at": now},
        )
        created["announcements"] += was_created
    for slug in RECENT_LESSONS:
        page = CaseStudyPage.objects.get(slug=slug)
        lessons = list(page.lessons.all())
        for lesson in lessons:  # what the case study was published with...
            LessonAnnouncement.objects.get_or_create(
                page=page,
                fingerprint=lesson_fingerprint(lesson),
                defaults={"initial": True, "occurred_at": page.first_published_at},
            )
        if lessons:  # ...and its last lesson, added today
            LessonAnnouncement.objects.filter(
                page=page, fingerprint=lesson_fingerprint(lessons[-1])
            ).update(initial=False, occurred_at=now)
    return created
