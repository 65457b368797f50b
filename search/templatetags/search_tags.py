from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.services import HIGHLIGHT_START, HIGHLIGHT_STOP

register = template.Library()


@register.filter
def highlight(snippet: str) -> str:
    """Escape a snippet, then show the engine's match markers as <mark>."""
    escaped = escape(snippet or "")
    return mark_safe(  # noqa: S308 - everything but our own markers is escaped above
        escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    )
