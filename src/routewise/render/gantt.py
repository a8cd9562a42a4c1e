"""A Mermaid gantt chart (it renders on GitHub and most wikis): sections of dated bars.

Every title, section and task name is text as data. Mermaid's gantt grammar gives some
characters a meaning wherever they are: `:` ends a task's name, `#` and `;` end its data,
`%%` starts a comment or a directive (`%%{init: …}%%` anywhere changes the chart's
settings), a line break ends a statement, and `<`, `&` and quotes are HTML. So every
character other than a letter, a digit, a space or `-_.,/()+` is written as Mermaid's entity
code (`#58;` for `:`), which Mermaid shows as the character itself and never reads as
syntax. Task names start with text of the caller's own ("Case 3"), never with a keyword.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from routewise.base.safe_text import one_line

_PLAIN = frozenset(" -_.,/()+")
Tag = str
"""A bar's look: "crit" (red), "done" (grey), "active" (highlighted) or "" (plain)."""


def gantt_text(text: str) -> str:
    """Text for a gantt title, section or task name: one line, with every character the
    grammar could read written as its entity code."""
    return (
        "".join(ch if ch.isalnum() or ch in _PLAIN else f"#{ord(ch)};" for ch in one_line(text))
        or "#8203;"
    )  # a zero-width space: a section or title needs some text


@dataclass(frozen=True, kw_only=True, slots=True)
class Bar:
    name: str
    """Shown as given: the caller starts it with text of its own ("Case 3")."""
    start: date
    last: date
    """The bar's last day (it is drawn to the end of it)."""
    tag: Tag = ""


def gantt(title: str, sections: Sequence[tuple[str, Sequence[Bar]]]) -> str:
    """The chart's Mermaid text (no fences): `sections` in order, each with its bars."""
    lines = [
        "gantt",
        f"    title {gantt_text(title)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %d %b %Y",
        "    todayMarker off",
    ]
    number = 0
    for section, bars in sections:
        lines.append(f"    section {gantt_text(section)}")
        for bar in bars:
            number += 1
            end = bar.last + timedelta(days=1)  # Mermaid's end date is exclusive
            data = [bar.tag] if bar.tag else []
            data += [f"b{number}", bar.start.isoformat(), end.isoformat()]
            lines.append(f"    {gantt_text(bar.name)} :{', '.join(data)}")
    return "\n".join(lines) + "\n"
