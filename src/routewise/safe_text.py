"""Text that came from a user or a file is data: never markup, never escape codes."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&])")


def visible(text: str) -> str:
    """Show control characters (such as terminal escapes) as harmless \\xNN text."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str) -> str:
    return " ".join(visible(text).split())


def markdown(text: str) -> str:
    """Escape text so GitHub-flavoured markdown shows it literally, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))
