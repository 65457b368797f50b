"""Load the demo content in `cop.demo`: organisations, members, communities and case studies."""

import time
from collections import Counter
from io import StringIO

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from casestudies.models import CaseStudyPage
from communities.models import CommunityIndexPage, User
from communities.services.membership import community_sync_access
from cop.demo import builders, checks
from cop.demo import curation as demo_curation
from cop.demo import insight as demo_insight
from cop.demo import participation as demo_participation
from cop.demo import search as demo_search
from cop.demo.case_studies import CASE_STUDIES_BY_COMMUNITY
from cop.demo.communities import COMMUNITIES
from cop.demo.discussions import COMMENTS_BY_CASE_STUDY, DISCUSSIONS_BY_COMMUNITY
from cop.demo.media import MEDIA_BY_CASE_STUDY
from cop.demo.organisations import ORGANISATIONS
from cop.demo.people import MEMBERS, MEMBERSHIPS, PASSWORD
from cop.demo.wiki import WIKI_PAGES_BY_COMMUNITY
from participation import signals as participation_signals
from search import indexing

STATUSES = (builders.CREATED, builders.UPDATED, builders.UNCHANGED)


class Command(BaseCommand):
    help = "Load realistic demo content; safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Also reset existing demo rows to the demo data: members' details and "
            "password, memberships, and pages (each gets a new published revision).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. The demo creates a site administrator whose "
            "password is published, so only do this on a demo or test site.",
        )

    def handle(self, *args, refresh=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a real site. The demo creates a site "
                "administrator with a published password; add --force if this is a demo or "
                "test site."
            )
        found = checks.problems(
            organisations=ORGANISATIONS,
            members=MEMBERS,
            memberships=MEMBERSHIPS,
            communities=COMMUNITIES,
            case_studies_by_community=CASE_STUDIES_BY_COMMUNITY,
            media_by_case_study=MEDIA_BY_CASE_STUDY,
        )
        if found:
            raise CommandError("The demo data has problems:\n" + "\n".join(f"- {p}" for p in found))
        index = CommunityIndexPage.objects.first()
        if index is None:
            raise CommandError("There is no communities page yet; run `manage.py migrate` first.")

        with indexing.suspended(), participation_signals.suspended():
            self.load(refresh=refresh, index=index)

    def load(self, *, refresh, index):
        started = time.monotonic()
        today = timezone.localdate()
        tallies = {}

        with transaction.atomic():
            tally = tallies["Organisations"] = Counter()
            for record in ORGANISATIONS:
                _organisation, status = builders.organisation_ensure(record=record, refresh=refresh)
                tally[status] += 1

        # Hashing is deliberately slow, so hash once, and only when some account needs it.
        emails = [record["email"].lower() for record in MEMBERS]
        needs_password = refresh or User.objects.filter(email__in=emails).count() < len(emails)
        password_hash = make_password(PASSWORD) if needs_password else None
        users = {}
        with transaction.atomic():
            tally = tallies["Members"] = Counter()
            for record in MEMBERS:
                user, status = builders.member_ensure(
                    record=record, password_hash=password_hash, refresh=refresh
                )
                users[record["email"].lower()] = user
                tally[status] += 1

        refs = builders.Refs.load(users=users)
        all_case_studies = [r for records in CASE_STUDIES_BY_COMMUNITY.values() for r in records]
        missing = refs.missing_taxonomy(communities=COMMUNITIES, case_studies=all_case_studies)
        if missing:
            raise CommandError(
                "These taxonomy values are missing (run `manage.py migrate`): " + ", ".join(missing)
            )

        communities = {}
        with transaction.atomic():
            tally = tallies["Communities"] = Counter()
            for record in COMMUNITIES:
                page, status = builders.community_ensure(
                    index=index, record=record, refs=refs, refresh=refresh
                )
                communities[record["slug"]] = page
                tally[status] += 1

        with transaction.atomic():
            tally = tallies["Memberships"] = Counter()
            for email, community, role, state, message in MEMBERSHIPS:
                _membership, status = builders.membership_ensure(
                    user=refs.user(email),
                    community=communities[community],
                    role=role,
                    state=state,
                    message=message,
                    refresh=refresh,
                )
                tally[status] += 1
            # Wagtail groups, permissions and view restrictions follow the memberships.
            for page in communities.values():
                community_sync_access(community=page)

        tally = tallies["Case studies"] = Counter()
        for community, records in CASE_STUDIES_BY_COMMUNITY.items():
            with transaction.atomic():
                for record in records:
                    _page, status = builders.case_study_ensure(
                        community=communities[community],
                        record=record,
                        refs=refs,
                        today=today,
                        refresh=refresh,
                        media=MEDIA_BY_CASE_STUDY.get(record["slug"]),
                    )
                    tally[status] += 1

        with transaction.atomic():
            tally = tallies["Wiki pages"] = Counter()
            for community, records in WIKI_PAGES_BY_COMMUNITY.items():
                for record in records:
                    _page, status = builders.wiki_page_ensure(
                        community=communities[community], record=record, refs=refs, refresh=refresh
                    )
                    tally[status] += 1

        now = timezone.now()
        with transaction.atomic():
            tally = tallies["Discussions"] = Counter()
            for community, records in DISCUSSIONS_BY_COMMUNITY.items():
                for record in records:
                    _discussion, status = builders.discussion_ensure(
                        community=communities[community],
                        record=record,
                        refs=refs,
                        now=now,
                        refresh=refresh,
                    )
                    tally[status] += 1
            tally = tallies["Comments"] = Counter()
            studies = {
                page.slug: page
                for page in CaseStudyPage.objects.filter(slug__in=list(COMMENTS_BY_CASE_STUDY))
            }
            for slug, records in COMMENTS_BY_CASE_STUDY.items():
                for record in records:
                    _comment, status = builders.comment_ensure(
                        case_study=studies[slug], record=record, refs=refs, now=now
                    )
                    tally[status] += 1

        with transaction.atomic():
            tally = tallies["Search"] = Counter()
            tally["created"] += demo_search.synonyms_ensure()
            tally["created"] += demo_search.searches_ensure(users)
        with transaction.atomic():
            tally = tallies["Participation"] = Counter()
            tally["created"] += sum(demo_participation.participation_ensure(users).values())
        with transaction.atomic():
            from wagtail.models import Site

            tally = tallies["Curation"] = Counter()
            tally["created"] += demo_curation.curation_ensure(
                communities=communities,
                site=Site.objects.get(is_default_site=True),
                by=User.objects.filter(is_superuser=True).order_by("pk").first(),
            )
            tally = tallies["Insight"] = Counter()
            tally["created"] += sum(demo_insight.insight_ensure(users).values())
        # Everything above was indexed in one go here rather than page by page.
        call_command("rebuild_search_index", stdout=StringIO(), stderr=StringIO())

        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded in {elapsed:.1f} s."))
        for label, counts in tallies.items():
            detail = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
            self.stdout.write(f"  {label:<14} {sum(counts.values()):>3}  ({detail})")
        self.write_logins()

    def write_logins(self):
        titles = {c["slug"]: c["title"] for c in COMMUNITIES}
        roles = {}
        for email, community, role, state, _message in MEMBERSHIPS:
            key = role if state == "active" else state
            roles.setdefault(email.lower(), {}).setdefault(key, []).append(titles[community])
        rows = []
        for member in MEMBERS:
            email = member["email"].lower()
            if member.get("site_admin"):
                description = ["site administrator"]
            elif member.get("approved") is False:
                description = ["waiting for a site administrator's approval"]
            else:
                description = [
                    f"{key}: {', '.join(names)}"
                    for key in ("facilitator", "member", "requested", "invited")
                    if (names := roles.get(email, {}).get(key))
                ] or ["member of no community"]
            rows.append((email, "; ".join(description)))
        width = max(len(email) for email, _role in rows)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (every account's password is {PASSWORD}):")
        self.stdout.write(f"  {'email':<{width}}  {'password':<18}  role")
        for email, role in rows:
            self.stdout.write(f"  {email:<{width}}  {PASSWORD:<18}  {role}")
