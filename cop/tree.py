"""Tree paths of pages (treebeard's materialised paths, `Page.path`)."""

from wagtail.models import Page


def ancestor_paths(path: str, *, inclusive: bool = True) -> list[str]:
    """The tree paths of the ancestors of the page at `path`, nearest first, after the
    page's own when `inclusive`."""
    end = len(path) if inclusive else len(path) - Page.steplen
    return [path[:n] for n in range(end, 0, -Page.steplen)]
