"""Turn demo records (plain dicts) into database rows.

Every `<thing>_ensure` function is idempotent: it looks the row up by its natural key (slug,
email, domain, user and community) and creates it when missing. An existing row is left as it
is, so a facilitator who approved a request or an editor who changed a page keeps that change,
unless `refresh=True`, which resets it to the record (pages get a new published revision).
Each returns `(object, status)` with status "created", "updated" or "unchanged".

The functions take everything they need as keyword arguments and hold no state, so a
benchmark generator can feed them generated records in bulk.
"""

import datetime as dt
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from casestudies.models import (
    CaseStudyAttachment,
    CaseStudyImage,
    CaseStudyPage,
    Lesson,
    Measure,
    Objective,
    ServiceArea,
    Theme,
)
from communities.models import (
    CommunityPage,
    Membership,
    Organisation,
    OrganisationDomain,
    User,
)
from communities.services.members import organisation_for_email
from cop.richtext import to_html

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

AIMS_INTRO = {
    "idea": "If the idea goes ahead, we want to:",
    "discovery": "We want to:",
    "alpha": "We want to:",
    "beta": "We set out to:",
    "live": "We set out to:",
    "retired": "We set out to:",
}

# Used when a record has no "next" text of its own.
DEFAULT_NEXT_STEPS = {
    "idea": "We are looking for partners to test the idea with. Get in touch through the "
    "contact on this page.",
    "discovery": "At the end of discovery we will decide whether to go on to an alpha, and "
    "will update this case study either way.",
    "alpha": "At the end of the alpha we will decide whether to build a beta, and will "
    "publish what we learned either way.",
    "beta": "We will update this case study when the service goes fully live.",
    "live": "The service is now part of normal business. We review it every year and will "
    "add anything new we learn here.",
    "retired": "The service has been switched off. We keep this write-up so that others can "
    "learn from it.",
}


def aims_html(stage: str, aims: list[str]) -> str:
    intro = AIMS_INTRO.get(stage, "We set out to:")
    return to_html(intro + "\n" + "\n".join(f"- {aim}" for aim in aims))


def _sync(instance, values: dict) -> bool:
    """Set attributes on `instance`; True when any of them changed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


@dataclass
class Refs:
    """Rows that records refer to by natural key, loaded once per run."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    service_areas: dict[str, ServiceArea] = field(default_factory=dict)
    objectives: dict[str, Objective] = field(default_factory=dict)

    @classmethod
    def load(cls, *, users: dict[str, User] | None = None) -> "Refs":
        """Load everything; pass `users` (email -> user) to avoid loading every member."""
        if users is None:
            users = {u.email.lower(): u for u in User.objects.all()}
        return cls(
            organisations={o.slug: o for o in Organisation.objects.all()},
            users={email.lower(): user for email, user in users.items()},
            themes={t.slug: t for t in Theme.objects.all()},
            service_areas={s.slug: s for s in ServiceArea.objects.all()},
            objectives={o.slug: o for o in Objective.objects.all()},
        )

    def user(self, email: str) -> User:
        return self.users[email.lower()]

    def missing_taxonomy(self, *, communities, case_studies) -> list[str]:
        missing = set()
        for record in communities:
            missing |= {f"theme {s}" for s in record["themes"] if s not in self.themes}
        for record in case_studies:
            missing |= {f"theme {s}" for s in record["themes"] if s not in self.themes}
            missing |= {
                f"service area {s}"
                for s in record.get("service_areas", [])
                if s not in self.service_areas
            }
            missing |= {
                f"objective {s}" for s in record.get("objectives", []) if s not in self.objectives
            }
        return sorted(missing)


# Organisations ---------------------------------------------------------------------------


def organisation_ensure(*, record: dict, refresh: bool = False) -> tuple[Organisation, str]:
    values = {
        "name": record["name"],
        "type": record["type"],
        "region": record["region"],
        "population_band": record.get("population_band", ""),
        "website": record.get("website", ""),
    }
    organisation = Organisation.objects.filter(slug=record["slug"]).first()
    if organisation is None:
        organisation = Organisation.objects.create(slug=record["slug"], **values)
        status = CREATED
    elif refresh and _sync(organisation, values):
        organisation.save()
        status = UPDATED
    else:
        status = UNCHANGED
    for domain in record.get("domains", []):
        existing = OrganisationDomain.objects.filter(domain=domain.lower()).first()
        if existing is None:
            OrganisationDomain.objects.create(organisation=organisation, domain=domain)
            status = UPDATED if status == UNCHANGED else status
        elif refresh and existing.organisation_id != organisation.pk:
            existing.organisation = organisation
            existing.save()
            status = UPDATED if status == UNCHANGED else status
    return organisation, status


# Members ---------------------------------------------------------------------------------


def member_ensure(
    *, record: dict, password_hash: str | None, refresh: bool = False
) -> tuple[User, str]:
    """A member whose organisation comes from their (verified) email domain.

    `password_hash` is an already hashed password (`make_password`), so that a run hashes once
    rather than once per member; it is needed only to create or refresh an account.
    """
    email = record["email"].lower()
    organisation = organisation_for_email(email)
    values = {
        "first_name": record["first_name"],
        "last_name": record["last_name"],
        "job_title": record.get("job_title", ""),
        "bio": record.get("bio", ""),
        "contactable": record.get("contactable", False),
        "approved": record.get("approved", True),
        "organisation": organisation,
        "organisation_verified": organisation is not None,
        "is_staff": record.get("site_admin", False),
        "is_superuser": record.get("site_admin", False),
        "is_active": True,
    }
    user = User.objects.filter(email__iexact=email).first()
    if (user is None or refresh) and not password_hash:
        raise ValueError("A password hash is needed to create or refresh a member.")
    if user is None:
        user = User(email=email, password=password_hash, **values)
        user.save()
        status = CREATED
    elif refresh:
        changed = _sync(user, values)
        user.password = password_hash
        user.save()
        status = UPDATED if changed else UNCHANGED
    else:
        status = UNCHANGED

    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        EmailAddress.objects.filter(user=user, primary=True).update(primary=False)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        status = UPDATED if status == UNCHANGED else status
    elif refresh and not (address.verified and address.primary):
        EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(
            primary=False
        )
        address.verified = address.primary = True
        address.save()
        status = UPDATED if status == UNCHANGED else status
    return user, status


def membership_ensure(
    *,
    user: User,
    community: CommunityPage,
    role: str,
    state: str,
    message: str = "",
    refresh: bool = False,
) -> tuple[Membership, str]:
    values = {"role": role, "state": state, "message": message}
    membership = Membership.objects.filter(user=user, community=community).first()
    if state == "invited" and not community.invitations.filter(email__iexact=user.email).exists():
        # A real invitation (an emailed single-use link), as a facilitator would send it.
        from communities.services.membership import invitation_create

        invitation_create(community=community, email=user.email, by=None)
        membership = Membership.objects.get(user=user, community=community)
        return membership, CREATED
    if membership is None:
        return Membership.objects.create(user=user, community=community, **values), CREATED
    if refresh and _sync(membership, values):
        membership.save()
        return membership, UPDATED
    return membership, UNCHANGED


# Pages -----------------------------------------------------------------------------------


def _publish(page, *, user):
    # Recorded as the author's work; demo authors need no Wagtail publishing permission.
    page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)


def community_ensure(
    *, index, record: dict, refs: Refs, refresh: bool = False
) -> tuple[CommunityPage, str]:
    page = CommunityPage.objects.child_of(index).filter(slug=record["slug"]).first()
    if page is not None and not refresh:
        return page, UNCHANGED
    owner = refs.user(record["owner"])
    created = page is None
    if created:
        page = CommunityPage(owner=owner)
    page.title = record["title"]
    page.slug = record["slug"]
    page.purpose = record["purpose"]
    page.visibility = record["visibility"]
    page.rules = to_html(record.get("rules", ""))
    page.hold_first_posts = record.get("hold_first_posts", False)
    page.themes = [refs.themes[slug] for slug in record["themes"]]
    if created:
        index.add_child(instance=page)
    _publish(page, user=owner)
    return page, CREATED if created else UPDATED


def first_published(record: dict, *, today: dt.date) -> dt.datetime:
    """A plausible publication time: soon after the project ended, or after it started."""
    if record.get("end"):
        day = record["end"] + dt.timedelta(days=21)
    else:
        day = record["start"] + dt.timedelta(days=45)
    day = max(record["start"], min(day, today - dt.timedelta(days=2)))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def case_study_apply(page: CaseStudyPage, *, record: dict, refs: Refs, today: dt.date):
    """Copy a record onto a (new or existing) page, children and relations included."""
    author = record["author"]
    page.title = record["title"]
    page.slug = record["slug"]
    page.summary = record["summary"]
    page.lead_organisation = refs.organisations[record["lead"]]
    page.partner_organisations = [refs.organisations[s] for s in record.get("partners", [])]
    page.contacts = [refs.user(email) for email in record.get("contacts") or [author]]
    page.themes = [refs.themes[s] for s in record["themes"]]
    page.service_areas = [refs.service_areas[s] for s in record.get("service_areas", [])]
    page.objectives = [refs.objectives[s] for s in record.get("objectives", [])]
    page.tags.set(record.get("tags", []))

    page.stage = record["stage"]
    page.start_date = record.get("start")
    page.end_date = record.get("end")
    page.cost_band = record.get("cost", "")
    page.funding_source = record.get("funding", "")
    page.people_affected = record.get("people")

    page.background = to_html(record["background"])
    page.project_objectives = aims_html(record["stage"], record["aims"])
    page.what_we_did = to_html(record["did"])
    page.outcomes = to_html(record["outcomes"])
    page.risks = to_html(record["risks"])
    page.next_steps = to_html(record.get("next") or DEFAULT_NEXT_STEPS[record["stage"]])

    page.licence = record.get("licence", "ogl")
    page.review_by = today + dt.timedelta(days=record.get("review_in_days", 365))
    page.review_owner = refs.user(record.get("review_owner") or author)

    page.lessons = [
        Lesson(kind=kind, category=category, text=text, sort_order=i)
        for i, (kind, category, text) in enumerate(record["lessons"])
    ]
    page.measures = [
        Measure(name=name, before=before, after=after, sort_order=i)
        for i, (name, before, after) in enumerate(record.get("measures", []))
    ]


# Images and documents ----------------------------------------------------------------------


def image_ensure(*, collection, record: dict, user=None):
    """A demo chart in the collection, found by title (drawn only when missing)."""
    from cop.demo.media import chart_png

    Image = get_image_model()
    image = Image.objects.filter(collection=collection, title=record["title"]).first()
    if image is None:
        slug = record["title"].lower().replace(" ", "-")[:60]
        image = Image(
            title=record["title"],
            collection=collection,
            uploaded_by_user=user,
            file=ContentFile(chart_png(**record["chart"]), name=f"{slug}.png"),
        )
        image._set_image_file_metadata()
        image.save()
    return image


def document_ensure(*, collection, record: dict, user=None):
    """A demo document in the collection, found by title (written only when missing)."""
    from cop.demo.media import document_bytes

    Document = get_document_model()
    document = Document.objects.filter(collection=collection, title=record["title"]).first()
    if document is None:
        document = Document(
            title=record["title"],
            collection=collection,
            uploaded_by_user=user,
            file=ContentFile(document_bytes(record), name=record["file"]),
        )
        document._set_document_file_metadata()
        document.save()
    return document


def case_study_media_apply(page: CaseStudyPage, *, community: CommunityPage, media: dict, user):
    """Set the page's images and attachments, kept in the community's collection."""
    collection = community.collection
    page.images = [
        CaseStudyImage(
            image=image_ensure(collection=collection, record=record, user=user),
            caption=record.get("caption", ""),
            alt_text=record.get("alt_text", ""),
            sort_order=i,
        )
        for i, record in enumerate(media.get("images", []))
    ]
    page.attachments = [
        CaseStudyAttachment(
            document=document_ensure(collection=collection, record=record, user=user),
            description=record.get("description", ""),
            sort_order=i,
        )
        for i, record in enumerate(media.get("attachments", []))
    ]


def case_study_ensure(
    *,
    community: CommunityPage,
    record: dict,
    refs: Refs,
    today: dt.date,
    refresh: bool = False,
    media: dict | None = None,
) -> tuple[CaseStudyPage, str]:
    """`media` (images and attachments, see cop.demo.media) are set with the rest."""
    page = CaseStudyPage.objects.child_of(community).filter(slug=record["slug"]).first()
    if page is not None and not refresh:
        return page, UNCHANGED
    author = refs.user(record["author"])
    created = page is None
    if created:
        page = CaseStudyPage(owner=author, first_published_at=first_published(record, today=today))
    case_study_apply(page, record=record, refs=refs, today=today)
    if media is not None or not created:
        case_study_media_apply(page, community=community, media=media or {}, user=author)
    if record.get("awaiting_review"):
        _submit_for_review(page, community=community, author=author, created=created)
        return page, CREATED if created else UPDATED
    if created:
        community.add_child(instance=page)
    _publish(page, user=author)
    return page, CREATED if created else UPDATED


def _submit_for_review(page, *, community, author, created):
    """A draft the author has submitted: in the community's review workflow, not live."""
    if created:
        page.live = False
        page.first_published_at = None
        community.add_child(instance=page)
    revision = page.save_revision(user=author, log_action=True)
    if page.workflow_in_progress:
        return
    workflow = page.get_workflow()
    if workflow is not None:
        page.latest_revision = revision
        workflow.start(page, author)


def wiki_page_ensure(*, community: CommunityPage, record: dict, refs: Refs, refresh=False):
    """A wiki page with its versions published in order, each by its author."""
    from communities.services.membership import community_sync_access
    from wiki.models import WikiIndexPage, WikiPage

    wiki = WikiIndexPage.objects.child_of(community).first()
    if wiki is None:
        community_sync_access(community=community)
        wiki = WikiIndexPage.objects.child_of(community).get()
    page = WikiPage.objects.child_of(wiki).filter(slug=record["slug"]).first()
    if page is not None and not refresh:
        return page, UNCHANGED
    created = page is None
    for index, (email, note, text) in enumerate(record["versions"]):
        author = refs.user(email)
        if page is None:
            page = WikiPage(owner=author, slug=record["slug"], title=record["title"])
            page.body, page.change_note = to_html(text), note
            wiki.add_child(instance=page)
        elif not created and index < len(record["versions"]) - 1:
            continue  # refreshing: only the newest version is published again
        page.title, page.body, page.change_note = record["title"], to_html(text), note
        _publish(page, user=author)
    return page, CREATED if created else UPDATED


def _backdate(model, pk, when):
    model.objects.filter(pk=pk).update(created_at=when)


def discussion_ensure(
    *, community: CommunityPage, record: dict, refs: Refs, now: dt.datetime, refresh=False
):
    """A discussion with its replies, any report on them and the answer, looked up by its
    community and title. Written straight to the tables (no emails, no rate limits), with
    times spread over the days before `now`; `refresh` writes it again."""
    from discussions.models import Discussion, Post, PostStatus, Report

    discussion = Discussion.objects.filter(community=community, title=record["title"]).first()
    if discussion is not None and not refresh:
        return discussion, UNCHANGED
    created = discussion is None
    if discussion is not None:
        discussion.delete()
    started = now - dt.timedelta(days=record["days_ago"])
    author = refs.user(record["author"])
    discussion = Discussion.objects.create(
        community=community,
        title=record["title"],
        is_question=record.get("question", False),
        pinned=record.get("pinned", False),
        author=author,
        last_activity_at=started,
    )
    opening = Post.objects.create(
        community=community,
        discussion=discussion,
        is_opening=True,
        author=author,
        body=record["body"],
    )
    _backdate(Post, opening.pk, started)
    _backdate(Discussion, discussion.pk, started)
    posts = []
    for hours, (email, text, *extra) in enumerate(record.get("replies", []), start=1):
        options = extra[0] if extra else {}
        when = started + dt.timedelta(hours=3 * hours)
        post = Post.objects.create(
            community=community,
            discussion=discussion,
            author=refs.user(email),
            body=text,
            status=PostStatus.HELD if options.get("held") else PostStatus.PUBLISHED,
        )
        _backdate(Post, post.pk, when)
        if options.get("reported_by"):
            Report.objects.create(
                post=post, reporter=refs.user(options["reported_by"]), reason=options["reason"]
            )
        if options.get("answer"):
            discussion.answer = post
        if post.status == PostStatus.PUBLISHED:
            discussion.last_activity_at = when
        posts.append(post)
    discussion.save(update_fields=["answer", "last_activity_at"])
    return discussion, CREATED if created else UPDATED


def comment_ensure(*, case_study: CaseStudyPage, record: dict, refs: Refs, now: dt.datetime):
    """A comment on a case study with its replies, looked up by case study, author and text."""
    from communities.selectors import community_of_page
    from discussions.models import Post

    author = refs.user(record["author"])
    comment = Post.objects.filter(
        case_study=case_study, author=author, body=record["body"], parent=None
    ).first()
    if comment is not None:
        return comment, UNCHANGED
    community = community_of_page(case_study)
    comment = Post.objects.create(
        community=community,
        case_study=case_study,
        author=author,
        body=record["body"],
        kind=record["kind"],
    )
    started = now - dt.timedelta(days=record["days_ago"])
    _backdate(Post, comment.pk, started)
    for hours, (email, text) in enumerate(record.get("replies", []), start=1):
        reply = Post.objects.create(
            community=community,
            case_study=case_study,
            parent=comment,
            author=refs.user(email),
            body=text,
        )
        _backdate(Post, reply.pk, started + dt.timedelta(hours=5 * hours))
    return comment, CREATED
