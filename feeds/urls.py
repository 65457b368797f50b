"""Atom feeds at each address; the same feed in RSS under `rss/`."""

from django.urls import path

from feeds import feeds
from feeds.views import feed_view

FEEDS = [
    ("case-studies/", feeds.SiteCaseStudyFeed, "feed_case_studies"),
    ("communities/<slug:slug>/", feeds.CommunityCaseStudyFeed, "feed_community"),
    ("themes/<slug:slug>/", feeds.ThemeCaseStudyFeed, "feed_theme"),
    ("search/<str:token>/", feeds.SearchFeed, "feed_search"),
]

urlpatterns = []
for route, feed_class, name in FEEDS:
    urlpatterns += [
        path(route, feed_view(feed_class), name=name),
        path(f"{route}rss/", feed_view(feeds.rss(feed_class)), name=f"{name}_rss"),
    ]
