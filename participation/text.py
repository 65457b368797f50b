"""Plain text typed by members (saved search names, "this helped us" notes), cleaned on
the way in: printable characters only, spaces tidied, line breaks kept where allowed.
It is stored as text and always shown escaped, never as markup."""


def plain_text(value, *, max_length: int, multiline: bool = False) -> str:
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n") if multiline else [text.replace("\n", " ")]:
        line = "".join(ch if ch.isprintable() else " " for ch in line)
        lines.append(" ".join(line.split()))
    cleaned = "\n".join(lines).strip()
    while "\n\n\n" in cleaned:
        cleaned = cleaned.replace("\n\n\n", "\n\n")
    return cleaned[:max_length].strip()
