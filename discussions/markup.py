"""Members' posts are stored as they typed them and turned into HTML only here.

The format is plain text with a little formatting, never HTML:

- a blank line starts a new paragraph; a single line break is kept;
- lines starting with "- " or "* " make a bulleted list;
- lines starting with "> " are quoted;
- **bold** and _italic_;
- web addresses (http:// and https://) become links, marked as user content.

Every character a member typed is escaped before any of our own tags are added, so their
text can never become markup; the output contains only the tags in ALLOWED_TAGS
(tests/discussions/test_markup.py checks this against random input).
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "ul", "li", "blockquote", "strong", "em", "a"}
URL_RE = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}'\""
BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
ITALIC_RE = re.compile(r"(?<![\w*])_(?=\S)(.+?)(?<=\S)_(?!\w)")
MAX_URL = 2000


def clean_text(text: str) -> str:
    """What is stored: line endings made \\n, control characters (but tab and newline)
    dropped, surrounding blank space trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    )
    return text.strip()


def _inline(text: str) -> str:
    """Escape one run of text and add bold, italic and links."""
    out = []
    position = 0
    for match in URL_RE.finditer(text):
        url = match.group(0)
        stripped = url.rstrip(TRAILING)
        end = match.start() + len(stripped)
        out.append(_emphasis(escape(text[position : match.start()])))
        if len(stripped) <= MAX_URL and len(stripped) > len("https://"):
            out.append(
                f'<a class="govuk-link" href="{escape(stripped)}" rel="nofollow ugc noopener">'
                f"{escape(stripped)}</a>"
            )
        else:
            out.append(escape(stripped))
        position = end
    out.append(_emphasis(escape(text[position:])))
    return "".join(out)


def _emphasis(escaped: str) -> str:
    escaped = BOLD_RE.sub(r"<strong>\1</strong>", escaped)
    return ITALIC_RE.sub(r"<em>\1</em>", escaped)


def _lines(lines: list[str]) -> str:
    return "<br>".join(_inline(line) for line in lines)


def _block(lines: list[str]) -> str:
    if all(line.startswith(("- ", "* ")) for line in lines):
        items = "".join(f"<li>{_inline(line[2:].strip())}</li>" for line in lines)
        return f'<ul class="govuk-list govuk-list--bullet">{items}</ul>'
    if all(line.startswith(">") for line in lines):
        inner = [line[1:].lstrip() for line in lines]
        return (
            f'<blockquote class="app-quote"><p class="govuk-body">{_lines(inner)}</p></blockquote>'
        )
    return f'<p class="govuk-body">{_lines(lines)}</p>'


def render(text: str) -> SafeString:
    """The HTML for a post's text (see the module docstring for the format)."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text or ""):
        lines = [line.rstrip() for line in chunk.strip("\n").split("\n") if line.strip()]
        if lines:
            blocks.append(_block(lines))
    return mark_safe("".join(blocks))  # noqa: S308 - built from escaped text only


def plain(text: str) -> str:
    """The words of a post without its formatting marks (for the search index and
    excerpts): quote and list markers and the ** and _ around bold and italic go."""
    lines = []
    for line in (text or "").split("\n"):
        stripped = line.lstrip()
        if stripped.startswith(">"):
            stripped = stripped[1:].lstrip()
        elif stripped.startswith(("- ", "* ")):
            stripped = stripped[2:]
        lines.append(stripped)
    return ITALIC_RE.sub(r"\1", BOLD_RE.sub(r"\1", "\n".join(lines)))


def excerpt(text: str, length: int = 200) -> str:
    """Plain text for summaries and emails: the first `length` characters, on one line."""
    flat = " ".join(plain(text).split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"
