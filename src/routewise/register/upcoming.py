"""What is due across every open case: the steps of `case upcoming` and the events of
`case export --format ics`, from each case's stored schedule.

A step is open while it is not done; it is listed when its deadline has a date. A case
that is paused has no dates to keep while its clock is stopped, and a case whose plan
cannot be made has none at all: both are left out and counted, so the views can say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from routewise.register.across import Across, Filters
from routewise.register.schedule import Kept

DueStatus = Literal["overdue", "passed", "due", "upcoming"]
"""overdue: a firm deadline has passed; passed: an "ideally" date has passed; due: within
the warning period; upcoming: later."""

DUE_WORDS: dict[str, str] = {
    "overdue": "overdue",
    "passed": "ideally-by date passed",
    "due": "due soon",
    "upcoming": "upcoming",
}


@dataclass(frozen=True, kw_only=True, slots=True)
class Due:
    """One open step with a date, of one case."""

    case: Across
    kept: Kept
    status: DueStatus

    @property
    def day(self) -> date:
        day = self.kept.due_date
        assert day is not None
        return day


@dataclass(kw_only=True, slots=True)
class LeftOut:
    """The open cases with no step listed, and why."""

    paused: list[str] = field(default_factory=list)
    problem: list[str] = field(default_factory=list)
    waiting: int = 0
    """Cases with a step whose deadline waits for an event (no date yet)."""


def due_status(kept: Kept, as_of: str, warn_until: str) -> DueStatus:
    """The status of an open step with a date, on `as_of` (dates as ISO text)."""
    assert kept.due is not None
    if kept.due < as_of:
        return "passed" if kept.ideally else "overdue"
    return "due" if kept.due <= warn_until else "upcoming"


def open_dated(
    cases: Iterable[Across],
    filters: Filters,
    *,
    as_of: date,
    warn_until: date,
    until: date | None = None,
) -> tuple[list[Due], LeftOut]:
    """Every open step with a date in the period (`filters.start`, `filters.end`) and, if
    given, on or before `until`, soonest first; and what was left out."""
    found: list[Due] = []
    left = LeftOut()
    last = until.isoformat() if until is not None else None
    day, warn = as_of.isoformat(), warn_until.isoformat()
    for case in cases:
        if case.status == "closed":
            continue
        if case.status == "paused":
            left.paused.append(case.reference)
            continue
        if case.status == "problem":
            left.problem.append(case.reference)
            continue
        row = case.row
        left.waiting += row["waiting_number"] is not None
        # The earliest open date is stored apart: a case with none in the window is not read.
        dates = [d for d in (row["firm_date"], row["ideal_date"]) if d is not None]
        if not dates or (last is not None and min(dates) > last):
            continue
        for kept in case.schedule.steps:
            if kept.done is not None or kept.due is None or not filters.in_window(kept.due):
                continue
            if last is not None and kept.due > last:
                continue
            found.append(Due(case=case, kept=kept, status=due_status(kept, day, warn)))
    found.sort(key=lambda d: (d.kept.due, d.case.reference, d.kept.number))
    return found, left
