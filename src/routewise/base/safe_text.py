"""Text that came from a user or a file is data: never markup, never escape codes."""

from __future__ import annotations

import os
import re
import unicodedata

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Characters that reorder the text around them: `p@evil\u202egpj.exe` shows as `...exe.jpg`.
Refused in emails and names, and shown as escapes in every output."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")
_MARKDOWN_LEADING = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))")


def visible(text: str) -> str:
    """Show control characters (such as terminal escapes) as harmless \\xNN text, and
    bidirectional controls as \\uNNNN, so text always reads in the order it was written."""
    return _CONTROL.sub(lambda m: _escape_char(m.group()), text)


def bidi_problem(text: str) -> str | None:
    """Why `text` cannot be an email or a name: a bidirectional control would make it read
    differently from what it is (`p@evil\u202egpj.exe` shows as `...exe.jpg`); None if fine."""
    found = next((c for c in text if c in BIDI_CONTROLS), None)
    if found is None:
        return None
    return (
        f"it holds {_escape_char(found)}, a hidden character that changes the order the text "
        "reads in; remove it"
    )


def utf8_text(text: str) -> str | None:
    """A command-line argument as the UTF-8 text it was typed as, or None if its bytes are
    not UTF-8. Under LC_ALL=C (without UTF-8 mode) Python reads "Zoë" as lone surrogates:
    its bytes are UTF-8 all the same, so they are read as UTF-8 whatever the locale."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(text).decode("utf-8")
    except UnicodeError:
        return None


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


ERROR_INPUT_LIMIT = 200
"""How much of one piece of input an error message echoes back."""
ERROR_LINE_LIMIT = 2000
"""The longest error line, whatever it quotes: a safety net for messages built elsewhere."""


def _escape_char(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _needs_escape(char: str) -> bool:
    # Cc controls (ESC, newline, C1), Cf format characters (bidi overrides), line and
    # paragraph separators, and the lone surrogates that undecodable bytes become.
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs")


def shown(text: object, limit: int = ERROR_INPUT_LIMIT) -> str:
    """The one escaping function for input echoed in an error: visible and capped.

    Every control or format character becomes a `\\xNN`-style escape, so the
    line stays one line and nothing reaches the terminal as a command. Text
    longer than `limit` is cut, saying how much was left out.
    """
    raw = text if isinstance(text, str) else str(text)
    raw = utf8_text(raw) or raw  # a path or argument read under LC_ALL=C: its UTF-8 text
    cut = raw[:limit]
    out = "".join(_escape_char(c) if _needs_escape(c) else c for c in cut)
    if len(raw) > limit:
        out += f"… ({len(raw) - limit} more characters)"
    return out


def quoted(text: object, limit: int = ERROR_INPUT_LIMIT) -> str:
    """`shown`, in single quotes: for input set inside a sentence."""
    return f"'{shown(text, limit)}'"


def error_line(message: str) -> str:
    """A whole error message as one safe line, however it was built."""
    return shown(message, ERROR_LINE_LIMIT)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading `=`, `+`, `-` or `@` would start a
    formula (CSV injection), so such a cell gets a leading apostrophe, as OWASP advises;
    control characters are shown as `\\xNN`, as everywhere else."""
    shown_text = visible(text)
    return f"'{shown_text}" if shown_text.startswith(_FORMULA_START) else shown_text
