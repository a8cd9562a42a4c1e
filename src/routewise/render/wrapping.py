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


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Word-wrap at ASCII spaces only (a no-break space holds "¶ 5" together); never cut.
    A date ("Tue 3 Nov 2026") is kept on one line."""
    held = visible(text)
    holding = _HELD not in held  # text that has the character itself is wrapped as it is
    if holding:
        held = _DAY.sub(lambda m: m.group().replace(" ", _HELD), held)
    wrapper = textwrap.TextWrapper(
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
