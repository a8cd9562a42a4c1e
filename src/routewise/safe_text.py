"""Text that came from a user or a file is data: never markup, never escape codes."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")
_MARKDOWN_LEADING = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))")


def visible(text: str) -> str:
    """Show control characters (such as terminal escapes) as harmless \\xNN text."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_SPACES = re.compile(r"[ \t\n\r]+")


def one_line(text: str) -> str:
    """One line, spaces collapsed; a no-break space (as in "¶ 5") is kept as it is."""
    return _SPACES.sub(" ", visible(text)).strip(" ")


def markdown(text: str) -> str:
    """Escape text so GitHub-flavoured markdown shows it literally, on one line."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))
    # Characters that only mean something at the start of a line: headings, lists, quotes.
    return _MARKDOWN_LEADING.sub(_escape_leading, escaped)


def _escape_leading(match: re.Match[str]) -> str:
    space, mark = match.group(1), match.group(2)
    if mark.isdigit():  # "1." or "1)" starts a numbered list: escape the punctuation after it
        return f"{space}{mark}\\"
    return f"{space}\\{mark}"
