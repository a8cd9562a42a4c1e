"""How pauses and agreed dates move a case's deadlines: small pure functions over dates.

The engine dates each deadline from the date raised or a later event (`engine.deadlines`).
A case adds two things:

- **A pause stops the clock.** The working days from the day a case is paused up to the day
  before it is resumed do not count: the pause day is not counted, the resume day is. A
  deadline whose period was running then moves on by one working day for each of them.
  A case that is still paused is taken to resume the day after the date it is judged on.
- **An extension is an agreed date.** It replaces the date; a pause does not move it.

Statuses are judged on one date (`as_of`): before it, a deadline has passed; up to the end
of `warn_days` working days after it, it is due.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Protocol

from routewise.calendar.working_days import DueDate


class WorkingDays(Protocol):
    def non_working_reason(self, day: date) -> str | None: ...

    def add_working_days(self, start: date, days: int) -> DueDate: ...


@dataclass(frozen=True, kw_only=True, slots=True)
class Pause:
    start: date
    """The day the clock stopped (not counted)."""
    end: date | None
    """The day it restarted (counted again); None while the case is still paused."""


PAUSED = "case paused: the clock was stopped"
"""The reason a paused working day gives wherever skipped days are listed."""


def paused_days(pauses: Iterable[Pause], as_of: date) -> set[date]:
    """Every calendar day on which the clock was stopped; an open pause runs to `as_of`."""
    days: set[date] = set()
    for pause in pauses:
        end = pause.end if pause.end is not None else as_of + timedelta(days=1)
        day = pause.start
        while day < end:
            days.add(day)
            day += timedelta(days=1)
    return days


def shift_for_pauses(
    start: date, due: date, paused: Set[date], calendar: WorkingDays
) -> tuple[date, list[date]]:
    """The due date once the clock's stops are taken out of the period (start, due], and
    the paused working days that moved it. Each paused working day in the period moves the
    date on by one working day that is not paused either."""
    lost = [
        day for day in paused if start < day <= due and calendar.non_working_reason(day) is None
    ]
    owed, current = len(lost), due
    while owed:
        current += timedelta(days=1)
        if calendar.non_working_reason(current) is not None:
            continue
        if current in paused:
            lost.append(current)
        else:
            owed -= 1
    return current, sorted(lost)


def warn_until(as_of: date, warn_days: int, calendar: WorkingDays) -> date:
    """The last day a deadline counts as due (amber): `warn_days` working days on."""
    return calendar.add_working_days(as_of, warn_days).due


StepStatus = Literal["done", "overdue", "due", "upcoming", "waiting", "no-date", "paused"]

STEP_STATUS_WORDS: dict[str, str] = {
    "done": "done",
    "overdue": "overdue",
    "due": "due",
    "upcoming": "upcoming",
    "waiting": "waiting for an event",
    "no-date": "no date set",
    "paused": "clock stopped",
}


def step_status(
    *,
    due: date | None,
    waiting: bool,
    done: bool,
    paused: bool,
    as_of: date,
    warn_until: date,
) -> StepStatus:
    """One step's status on `as_of`. A deadline is met on its date, so it is overdue only
    from the day after."""
    if done:
        return "done"
    if due is None:
        return "waiting" if waiting else "no-date"
    if paused:
        return "paused"
    if due < as_of:
        return "overdue"
    if due <= warn_until:
        return "due"
    return "upcoming"
