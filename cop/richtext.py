"""Plain text typed by people (demo records, imported spreadsheet cells) as Wagtail rich text."""

from html import escape


def to_html(text: str) -> str:
    """Light markup to rich text: blank lines separate paragraphs; "- " lines make a list."""
    html, paragraph, items = [], [], []

    def flush():
        if paragraph:
            html.append(f"<p>{escape(' '.join(paragraph), quote=False)}</p>")
            paragraph.clear()
        if items:
            lis = "".join(f"<li>{escape(item, quote=False)}</li>" for item in items)
            html.append(f"<ul>{lis}</ul>")
            items.clear()

    for line in (text or "").splitlines():
        stripped = line.strip()
        if stripped.startswith("- "):
            if paragraph:
                flush()
            items.append(stripped[2:].strip())
        elif not stripped:
            flush()
        else:
            if items:
                flush()
            paragraph.append(stripped)
    flush()
    return "".join(html)
