"""Word-level differences between two versions of a page, for readers on the site."""

import difflib
import re

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
TOKEN = re.compile(r"\n|[^\s]+")


def plain_text(html: str) -> str:
    """Rich text as plain paragraphs, one per line."""
    text = strip_tags(BLOCK_END.sub("\n", html or ""))
    from html import unescape

    lines = [" ".join(unescape(line).split()) for line in normalize_newlines(text).split("\n")]
    return "\n".join(line for line in lines if line)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op one of "equal", "delete", "insert"; paragraphs kept as "\\n"."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    ops = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", a[i1:i2]))
        if tag in ("delete", "replace"):
            ops.append(("delete", a[i1:i2]))
        if tag in ("insert", "replace"):
            ops.append(("insert", b[j1:j2]))
    return [(op, _join(words)) for op, words in ops if words]


def _join(words):
    return " ".join(words).replace(" \n ", "\n").replace("\n ", "\n").replace(" \n", "\n")


def paragraphs(ops):
    """Split diff ops into paragraphs: [[(op, text), ...], ...] for rendering."""
    result, current = [], []
    for op, text in ops:
        parts = text.split("\n")
        for index, part in enumerate(parts):
            if index:
                result.append(current)
                current = []
            if part:
                current.append((op, part))
    result.append(current)
    return [paragraph for paragraph in result if paragraph]


def compare(old_title, old_body, new_title, new_body):
    """What changed between two versions: title change (or None) and body paragraphs."""
    title = None if old_title == new_title else (old_title, new_title)
    ops = word_diff(plain_text(old_body), plain_text(new_body))
    changed = any(op != "equal" for op, _ in ops)
    return {"title": title, "paragraphs": paragraphs(ops), "changed": changed or bool(title)}
