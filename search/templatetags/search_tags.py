from django import template
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from search.services import HIGHLIGHT_START, HIGHLIGHT_STOP

register = template.Library()


@register.filter
def highlight(snippet: str) -> str:
    """Escape a snippet, then show the engine's match markers as <mark>."""
    escaped = escape(snippet or "")
    return mark_safe(  # noqa: S308 - everything but our own markers is escaped above
        escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    )


@register.filter
def result_meta(result) -> list[str]:
    """Where a search result comes from: its community, organisation and date."""
    parts = []
    if result.community and result.kind != "community":
        parts.append(f"In {result.community}")
    if result.organisation:
        parts.append(result.organisation)
    if result.published_at:
        parts.append("Published " + date_format(localtime(result.published_at), "j F Y"))
    return parts
