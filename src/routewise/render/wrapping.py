"""Word-wrapping for terminal text that never splits a date or a paragraph number.

Shared by the rich renderers and by the plain commands (`due`), which must stay
light to start: only the standard library and `safe_text` are imported here.
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap

from routewise.base.safe_text import visible

_DAY = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} "
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b"
)
_HELD = "\ue000"
"""Stands in for the spaces inside a date while wrapping (a private-use character)."""
_BREAK_AFTER = re.compile(r"(?<=[/\\.@])")
"""Where a path or an address too long for the line may break: after `/`, `.` or `@`."""


class _Wrapper(textwrap.TextWrapper):
    """textwrap's wrapper, except that a word too long for the line (a path, an email
    address) is split after each `/`, `.` or `@` before a line is filled, so it breaks there
    and not at an arbitrary letter; textwrap joins the pieces back without spaces."""

    def _split(self, text: str) -> list[str]:
        room = self.width - max(len(self.initial_indent), len(self.subsequent_indent))
        chunks: list[str] = []
        for chunk in super()._split(text):
            if len(chunk) > room and not chunk.isspace():
                chunks += [piece for piece in _BREAK_AFTER.split(chunk) if piece]
            else:
                chunks.append(chunk)
        return chunks


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Word-wrap at ASCII spaces only (a no-break space holds "¶ 5" together); never cut.
    A date ("Tue 3 Nov 2026") is kept on one line; a path or an address too long for a line
    breaks after a `/`, `.` or `@`, and only a piece still too long is split anywhere."""
    held = visible(text)
    holding = _HELD not in held  # text that has the character itself is wrapped as it is
    if holding:
        held = _DAY.sub(lambda m: m.group().replace(" ", _HELD), held)
    wrapper = _Wrapper(
        width=max(width, len(rest) + 10),
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
        break_long_words=True,
        drop_whitespace=True,
    )
    lines = wrapper.wrap(held) or [first]
    return [line.rstrip().replace(_HELD, " ") if holding else line.rstrip() for line in lines]


def terminal_width() -> int | None:
    """The terminal's width, or None when the output is not a terminal (left unwrapped)."""
    if not sys.stdout.isatty():
        return None
    return max(shutil.get_terminal_size((80, 24)).columns, 20)
