"""Test data builders. Pages are created through Wagtail's tree API and published."""

import itertools

import factory
from allauth.account.models import EmailAddress
from wagtail.models import Page

from casestudies.models import CaseStudyPage, Lesson, Theme
from communities.models import (
    CommunityIndexPage,
    CommunityPage,
    Membership,
    MembershipRole,
    MembershipState,
    Organisation,
    OrganisationDomain,
    OrganisationType,
    Region,
    User,
)
from communities.services.membership import community_sync_access

PASSWORD = "a-Long-test-password-42"
_counter = itertools.count(1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testshire Council {n}")
    type = OrganisationType.COUNTY
    region = Region.SOUTH_WEST


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Tester{n}")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save()

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def organisation_with_domain(domain: str, **kwargs) -> Organisation:
    organisation = OrganisationFactory(**kwargs)
    OrganisationDomain.objects.create(organisation=organisation, domain=domain)
    return organisation


def community_index() -> CommunityIndexPage:
    return CommunityIndexPage.objects.get()


def make_community(title=None, visibility="open", **kwargs) -> CommunityPage:
    n = next(_counter)
    title = title or f"Community {n}"
    page = CommunityPage(
        title=title,
        slug=kwargs.pop("slug", f"community-{n}"),
        purpose=kwargs.pop("purpose", f"Purpose of {title}."),
        visibility=visibility,
        **kwargs,
    )
    community_index().add_child(instance=page)
    page.save_revision().publish()
    community_sync_access(community=page)
    return page


def make_case_study(community: Page, title=None, lessons=None, **kwargs) -> CaseStudyPage:
    n = next(_counter)
    title = title or f"Case study {n}"
    page = CaseStudyPage(
        title=title,
        slug=kwargs.pop("slug", f"case-study-{n}"),
        summary=kwargs.pop("summary", f"Summary of {title}."),
        **kwargs,
    )
    page.lessons = [
        Lesson(kind=kind, category=category, text=text)
        for kind, category, text in (
            lessons or [("went_wrong", "procurement", "We bought before we tested.")]
        )
    ]
    community.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_member(community, user, role=MembershipRole.MEMBER, state=MembershipState.ACTIVE):
    membership = Membership.objects.create(community=community, user=user, role=role, state=state)
    community_sync_access(community=community)
    return membership


def theme(name="Open data") -> Theme:
    return Theme.objects.get_or_create(
        name=name, defaults={"slug": name.lower().replace(" ", "-")}
    )[0]


def wiki_of(community):
    from wiki.models import WikiIndexPage

    return WikiIndexPage.objects.child_of(community).get()


def make_wiki_page(
    community_or_parent,
    title=None,
    body="<p>First version.</p>",
    user=None,
    change_note="",
    **kwargs,
):
    """A published wiki page (under the community's wiki, or under a given wiki page)."""
    from wiki.models import WikiPage

    parent = community_or_parent
    if isinstance(parent, CommunityPage):
        parent = wiki_of(parent)
    n = next(_counter)
    title = title or f"Wiki page {n}"
    page = WikiPage(
        title=title,
        slug=kwargs.pop("slug", f"wiki-page-{n}"),
        body=body,
        change_note=change_note,
        owner=user,
        **kwargs,
    )
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user)
    return page


def make_discussion(community, author, title=None, body="Opening post.", replies=(), **kwargs):
    """A discussion started by `author` (status published) with replies [(user, text)]."""
    from django.utils import timezone

    from discussions.models import Discussion, Post

    n = next(_counter)
    discussion = Discussion.objects.create(
        community=community,
        title=title or f"Discussion {n}",
        author=author,
        last_activity_at=timezone.now(),
        **kwargs,
    )
    Post.objects.create(
        community=community, discussion=discussion, is_opening=True, author=author, body=body
    )
    for user, text in replies:
        Post.objects.create(community=community, discussion=discussion, author=user, body=text)
    return discussion


def make_comment(case_study, author, body="A comment.", kind="note", parent=None, **kwargs):
    from communities.selectors import community_of_page
    from discussions.models import Post

    return Post.objects.create(
        community=community_of_page(case_study),
        case_study=case_study,
        author=author,
        body=body,
        kind="" if parent else kind,
        parent=parent,
        **kwargs,
    )


def make_collection(title=None, items=(), theme=None, introduction="<p>Read these first.</p>"):
    """A published theme collection under /collections/. `items` holds case studies and
    lessons (casestudies.Lesson), in order, or (item, note) pairs."""
    from casestudies.models import Lesson as LessonModel
    from curation.models import CollectionIndexPage, CollectionItem, CollectionPage

    n = next(_counter)
    page = CollectionPage(
        title=title or f"Collection {n}",
        slug=f"collection-{n}",
        theme=theme,
        introduction=introduction,
    )
    made = []
    for entry in items:
        item, note = entry if isinstance(entry, tuple) else (entry, "")
        if isinstance(item, LessonModel):
            made.append(CollectionItem(lesson=item, note=note))
        else:
            made.append(CollectionItem(case_study=item, note=note))
    page.items = made
    CollectionIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def submit_case_study(community, author, title=None) -> CaseStudyPage:
    """A draft case study `author` has submitted to the community's review workflow."""
    n = next(_counter)
    title = title or f"Submitted case study {n}"
    page = CaseStudyPage(
        title=title,
        slug=f"submitted-{n}",
        summary=f"Summary of {title}.",
        live=False,
        owner=author,
    )
    page.lessons = [Lesson(kind="went_wrong", category="process", text="We started late.")]
    community.add_child(instance=page)
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    return page
