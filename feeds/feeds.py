"""Atom and RSS feeds of new case studies (django.contrib.syndication).

Feed readers fetch feeds without a session, so the public feeds show what an anonymous
visitor sees, whoever asks: the site-wide feed, one per open community (any other
community answers 404, exactly as one that does not exist) and one per theme. The
saved-search feed is the member's own, through a private token address, and shows what
that member may read at the moment it is fetched.

Every entry carries its licence: in Atom as <rights> and a <link rel="license"> (RFC 4946),
in RSS as a category and at the end of the description.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from casestudies.models import CaseStudyPage, Theme
from casestudies.selectors import visible_case_studies
from communities.models import CommunityPage, Visibility
from feeds.services import feed_token_user
from search.models import Kind
from search.services import HIGHLIGHT_START, HIGHLIGHT_STOP, search

FEED_SIZE = 30
SEARCH_FEED_KINDS = (Kind.CASE_STUDY, Kind.LESSON)


class LicencedAtomFeed(Atom1Feed):
    """Atom with a <link rel="license"> on each entry."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("licence_url"):
            handler.addQuickElement(
                "link",
                "",
                {"rel": "license", "href": item["licence_url"], "title": item["item_copyright"]},
            )


def _licence_line(page) -> str:
    return f"Published under the {page.get_licence_display()} ({page.licence_url})."


class CaseStudyFeed(Feed):
    """New case studies, newest first. Subclasses choose which ones (`case_studies`)."""

    feed_type = LicencedAtomFeed
    description_template = None

    def __call__(self, request, *args, **kwargs):
        self.request = request  # each request gets its own instance (see views.py)
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=300"
        return response

    def reader(self, obj):
        return AnonymousUser()

    def case_studies(self, obj):
        return visible_case_studies(self.reader(obj))

    def items(self, obj):
        return list(
            self.case_studies(obj)
            .prefetch_related("themes")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )

    def feed_url(self, obj):
        return self.request.path

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return f"{page.summary}\n\n{_licence_line(page)}"

    def item_link(self, page):
        return page.get_url(self.request)

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at

    def item_author_name(self, page):
        return page.lead_organisation.name if page.lead_organisation else None

    def item_copyright(self, page):
        return page.get_licence_display()

    def item_categories(self, page):
        return [theme.name for theme in page.themes.all()] + [
            f"Licence: {page.get_licence_display()}"
        ]

    def item_extra_kwargs(self, page):
        return {"licence_url": page.licence_url}


class SiteCaseStudyFeed(CaseStudyFeed):
    def title(self, obj):
        return f"New case studies – {settings.SITE_NAME}"

    def link(self, obj):
        return "/case-studies/"

    def description(self, obj):
        return f"Case studies newly published on {settings.SITE_NAME}."


class CommunityCaseStudyFeed(CaseStudyFeed):
    def get_object(self, request, slug):
        community = (
            CommunityPage.objects.live().filter(slug=slug, visibility=Visibility.OPEN).first()
        )
        if community is None:
            raise Http404
        return community

    def case_studies(self, community):
        return super().case_studies(community).filter(path__startswith=community.path)

    def title(self, community):
        return f"New case studies in {community.title} – {settings.SITE_NAME}"

    def link(self, community):
        return community.get_url(self.request)

    def description(self, community):
        return community.purpose


class ThemeCaseStudyFeed(CaseStudyFeed):
    def get_object(self, request, slug):
        theme = Theme.objects.filter(slug=slug).first()
        if theme is None:
            raise Http404
        return theme

    def case_studies(self, theme):
        through = CaseStudyPage.themes.through
        return (
            super()
            .case_studies(theme)
            .filter(pk__in=through.objects.filter(theme=theme).values("casestudypage_id"))
        )

    def title(self, theme):
        return f"New case studies about {theme.name} – {settings.SITE_NAME}"

    def link(self, theme):
        return "/case-studies/?" + QueryDict.fromkeys(["theme"], theme.slug).urlencode()

    def description(self, theme):
        return theme.description or f"Case studies about {theme.name}."


def _plain(snippet: str) -> str:
    return snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_STOP, "")


class SearchFeed(CaseStudyFeed):
    """A search, as the member who owns the token, for case studies and lessons only.

    The search service applies the privacy rule for that member inside the query; each
    result is checked once more against what they may read now, and carries the licence
    of its case study.
    """

    def get_object(self, request, token):
        user = feed_token_user(token)
        if user is None:
            raise Http404
        return user

    def _params(self):
        params = self.request.GET.copy()
        params.pop("page", None)
        kinds = [kind for kind in params.getlist("kind") if kind in SEARCH_FEED_KINDS]
        params.setlist("kind", kinds or list(SEARCH_FEED_KINDS))
        if not params.get("sort"):
            params["sort"] = "newest"
        return params

    def items(self, user):
        found = search(user=user, params=self._params(), page_size=FEED_SIZE, log=False)
        results = [result for result in found.results if result.kind in SEARCH_FEED_KINDS]
        pages = (
            visible_case_studies(user)
            .prefetch_related("themes")
            .in_bulk([result.page_id for result in results])
        )
        items = []
        for result in results:
            page = pages.get(result.page_id)
            if page is not None:
                result.case_study = page
                items.append(result)
        return items

    def title(self, user):
        query = self.request.GET.get("q", "").strip()[:100]
        return f"Search: {query or 'case studies and lessons'} – {settings.SITE_NAME}"

    def link(self, user):
        return reverse("search") + "?" + self._params().urlencode()

    def description(self, user):
        return "Newest case studies and lessons matching a saved search."

    def item_title(self, result):
        if result.kind == Kind.LESSON:
            return f"{result.lesson_kind} ({result.lesson_category}): {result.title}"
        return result.title

    def item_description(self, result):
        return f"{_plain(result.snippet)}\n\n{_licence_line(result.case_study)}"

    def item_link(self, result):
        return result.url

    def item_guid(self, result):
        return result.url

    def item_pubdate(self, result):
        return result.case_study.first_published_at

    def item_updateddate(self, result):
        return result.case_study.last_published_at

    def item_author_name(self, result):
        return result.organisation or None

    def item_copyright(self, result):
        return super().item_copyright(result.case_study)

    def item_categories(self, result):
        return super().item_categories(result.case_study)

    def item_extra_kwargs(self, result):
        return super().item_extra_kwargs(result.case_study)

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The member's own reading: never kept by shared caches, never sent on as a referrer.
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex"
        return response


def rss(feed_class):
    return type(f"Rss{feed_class.__name__}", (feed_class,), {"feed_type": Rss201rev2Feed})
