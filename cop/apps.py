from django.apps import AppConfig


class CopConfig(AppConfig):
    """The project package: site-wide commands such as `database`."""

    name = "cop"
    verbose_name = "Site"

    def ready(self):
        from cop import pagecache

        pagecache.connect_signals()
        keep_wagtail_lookups()


def keep_wagtail_lookups() -> None:
    """Two look-ups Wagtail repeats on every page served, kept in the process while the
    content stays the same instead (cop.requestmemo.kept: any change to a site, a page or
    a view restriction starts a new generation, as for cached pages):

    - the sites' root paths, which every page link needs, read from the default cache
      (a database query for each page object whose URL a template asks for);
    - whether a page or one of its ancestors has a view restriction (two queries on every
      page served): the paths of the restricted pages are kept, and pages without one,
      most of them, then need no query.
    """
    from wagtail.models import Page, PageViewRestriction, Site

    from cop.requestmemo import kept
    from cop.tree import ancestor_paths

    if getattr(Site.get_site_root_paths, "kept", False):
        return
    read_root_paths = Site.get_site_root_paths
    read_restrictions = Page.get_view_restrictions

    def get_site_root_paths():
        return kept(("site-root-paths",), read_root_paths)

    def restricted():
        """(tree paths of the pages with a view restriction, whether any page is an alias)."""
        paths = frozenset(PageViewRestriction.objects.values_list("page__path", flat=True))
        return paths, Page.objects.filter(alias_of__isnull=False).exists()

    def get_view_restrictions(page):
        if page.pk is None or not page.path:
            return read_restrictions(page)
        paths, aliases = kept(("view-restricted-paths",), restricted)
        if aliases or any(path in paths for path in ancestor_paths(page.path)):
            # Aliases take their source's restrictions: Wagtail resolves them.
            return read_restrictions(page)
        return PageViewRestriction.objects.none()

    get_site_root_paths.kept = True
    Site.get_site_root_paths = staticmethod(get_site_root_paths)
    Page.get_view_restrictions = get_view_restrictions
