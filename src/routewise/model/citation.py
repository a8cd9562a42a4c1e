"""Citations in a plan: the clause a step comes from, worded the same in every output.

A clause number is kept as the document writes it ("3.4(c)", "4.10", "ii"); the sources a
plan lists are put in the document's own order by `clause_key`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pydantic import ConfigDict

FROM_FILE: ConfigDict = {"extra": "forbid"}
"""How pydantic reads a plan back from a file (`export`): a field routewise never writes is
an error, not silently dropped."""

PARAGRAPH_SIGN = "\u00b6\u00a0"
"""A paragraph sign and a no-break space: the sign never parts from its clause number."""


def cite(
    short: str,
    section: str,
    section_style: str,
    paragraph: str | None = None,
    also: Sequence[str] = (),
) -> str:
    """ "Routes to Resolution, “General concerns…”, ¶ 2", or "Example protocol, 7.2" where
    the document's sections are cited by number, not by a quoted heading; with `also`, every
    clause: "¶ 2 and 3". A numbered clause that already starts with its section's number
    (section 2, clause 2.1) is cited once, as "Example protocol, 2.1", not "2, ¶ 2.1"."""
    shown = section if section_style == "number" else f"\u201c{section}\u201d"
    if not paragraph:
        return f"{short}, {shown}"
    clauses = [paragraph, *also]
    listed = clauses[0] if not also else f"{', '.join(clauses[:-1])} and {clauses[-1]}"
    if section_style == "number" and all(within(section, c) for c in clauses):
        return f"{short}, {listed}"
    return f"{short}, {shown}, {PARAGRAPH_SIGN}{listed}"


def within(section: str, clause: str | None) -> bool:
    """Whether a clause number starts with its section's number: "2.1", "2.3(b)" and "2(a)"
    in section "2" do; "21", and "2" itself (paragraph 2 of section 2), do not."""
    if not clause or not clause.startswith(section) or not section:
        return False
    return clause[len(section) : len(section) + 1] in (".", "(")


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanSource:
    __pydantic_config__ = FROM_FILE

    document: str
    file: str | None = None
    """The source file's name: for machines, never shown to people."""
    url: str | None = None
    title: str
    short: str
    section: str
    section_style: Literal["heading", "number"] = "heading"
    paragraph: str | None = None
    """The clause number as the document writes it: "2", "3.4(c)", "ii" (a number before
    plan format 3)."""
    also: list[str] = field(default_factory=list)
    """More clauses of the same section the text comes from too (plan format 4)."""

    @property
    def cite(self) -> str:
        """ "Routes to Resolution, “General concerns…”, ¶ 2": short enough for every step."""
        return cite(self.short, self.section, self.section_style, self.paragraph, self.also)

    def clauses(self) -> list[PlanSource]:
        """One citation for each clause it names (the Sources list counts each once)."""
        if not self.also:
            return [self]
        return [replace(self, paragraph=p, also=[]) for p in [self.paragraph, *self.also]]


def clause_key(clause: str | None) -> tuple[tuple[int, int | str], ...]:
    """A clause number in the document's order: 2 before 10, 3.4(b) before 3.4(c), 4.9
    before 4.10; numbers before letters at the same place."""
    if not clause:
        return ()
    parts = re.findall(r"\d+|[A-Za-z]+", clause)
    return tuple((0, int(p)) if p.isdigit() else (1, p.lower()) for p in parts)


def source_lines(sources: Iterable[PlanSource]) -> list[str]:
    """Sources grouped by document and section: "Routes to Resolution, “…”: ¶ 1, 2, 5",
    each document first named by its full title where steps cite it by a short name
    ("Routes to Resolution: Member / Officer - Routes to Resolution")."""
    grouped: dict[tuple[str, str, bool], list[str]] = {}
    titles: dict[str, str] = {}
    for source in sources:
        for one in source.clauses():
            numbered = one.section_style == "number"
            section = one.section if numbered else f"\u201c{one.section}\u201d"
            paragraphs = grouped.setdefault((one.short, section, numbered), [])
            if one.paragraph and one.paragraph not in paragraphs:
                paragraphs.append(one.paragraph)
            if one.title != one.short or one.url:
                where = f", {one.url}" if one.url else ""
                titles.setdefault(one.short, f"{one.short}: {one.title}{where}")
    lines = []
    for (short, section, numbered), paragraphs in grouped.items():
        if short in titles:
            lines.append(titles.pop(short))
        numbers = ", ".join(sorted(paragraphs, key=clause_key))
        if numbered and paragraphs and all(within(section, p) for p in paragraphs):
            lines.append(f"{short}, {numbers}")  # "Example protocol, 2.1, 2.3(b)", as `cite`
            continue
        lines.append(f"{short}, {section}" + (f": {PARAGRAPH_SIGN}{numbers}" if numbers else ""))
    return lines
