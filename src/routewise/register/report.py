"""`case report`: the anonymised schedule for a standards committee, from each case's stored
schedule (never the engine).

The period is `--from` to `--to` (default: every case, up to today). Every case open on
some day of it is in the report, numbered in the order raised, and judged as on the
period's last day (or today, if that is later than today: `as_of`):

- **the stage reached**: the first step not done by then, of how many;
- **working days open**: from the date raised to the day closed (or `as_of`), counted with
  the register's region and closure days, less the working days the clock was stopped;
- **deadlines met and missed**: each deadline that fell due in the period is counted once,
  in the period of its date. It is met when its step was done on or before its date (an
  agreed new date, `case extend`, is its date: an extended deadline met by it is met), and
  missed when its step was done later, or not done by the day after it. A deadline not done
  while the case's clock is stopped is not judged; nor is one after the case closed;
- **the status**, as `case list` words it, on `as_of`.

Names, contacts and notes are never read. The reference is kept for `--with-references`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from routewise.register.across import Filters
from routewise.register.schedule import Schedule, read_schedule
from routewise.register.status import STATUSES, Status, classify
from routewise.register.timing import WorkingDays

SMALL = 5
"""Counts below this (other than 0) are shown as "fewer than 5", as official statistics
show small numbers, unless `--exact-counts`."""
FEWER = f"fewer than {SMALL}"


class Deadlines(NamedTuple):
    """Deadlines that fell due in the period, as judged on `as_of` (named tuples: a report
    makes one for each of thousands of cases)."""

    met: int = 0
    missed: int = 0
    extended: int = 0
    """Of all these, how many had an agreed new date (`case extend`)."""
    extended_met: int = 0
    ideally_missed: int = 0
    """Of the missed, how many were "ideally" targets rather than limits."""


NONE = Deadlines()


def total(found: list[Deadlines]) -> Deadlines:
    return Deadlines(*(sum(counts) for counts in zip(*found, strict=True))) if found else NONE


class Line(NamedTuple):
    """One case in the report's schedule."""

    number: int
    reference: str
    route: str
    title: str
    raised: date
    closed: date | None
    """The day it was closed, if by `as_of`."""
    step: int | None
    """The first step not done on `as_of` (None: all done, or no plan)."""
    steps: int
    working_days: int
    deadlines: Deadlines
    status: Status

    @property
    def stage(self) -> str:
        if self.status == "problem":
            return "its plan cannot be made"
        if not self.steps:
            return "not known (run `routewise case refresh`)"
        if self.step is None:
            return f"all {self.steps} steps done"
        return f"step {self.step} of {self.steps}"


@dataclass(frozen=True, kw_only=True, slots=True)
class Report:
    start: date | None
    end: date | None
    as_of: date
    lines: list[Line]
    totals: Deadlines = NONE

    def counts(self) -> dict[str, dict[str, int]]:
        """Cases by route (title) and status, with a `total` for each route."""
        pairs = Counter((line.title, line.status) for line in self.lines)
        table: dict[str, dict[str, int]] = {}
        for title in sorted({t for t, _ in pairs}, key=str.casefold):
            row = table[title] = {s: pairs[title, s] for s in STATUSES}
            row["total"] = sum(row.values())
        return table

    def column_totals(self) -> dict[str, int]:
        found = Counter(line.status for line in self.lines)
        totals: dict[str, int] = {s: found[s] for s in STATUSES}
        totals["total"] = len(self.lines)
        return totals


def shown_count(count: int, exact: bool) -> int | str:
    """A count as the counts table shows it: "fewer than 5" for 1 to 4 unless `exact`."""
    return count if exact or count == 0 or count >= SMALL else FEWER


class DayCounter:
    """Working days between two dates, by a running count built once for the report's
    whole span (thousands of cases, each open for months, cost one pass over the days)."""

    def __init__(self, calendar: WorkingDays, first: date, last: date) -> None:
        self.first, self.last = first, last
        running, count = [], 0
        day = first
        while day <= last:
            count += calendar.non_working_reason(day) is None
            running.append(count)
            day += timedelta(days=1)
        self.running = running

    def upto(self, day: date) -> int:
        """Working days from `first` to `day`, both counted (0 before `first`)."""
        if day < self.first:
            return 0
        if day > self.last:
            day = self.last
        return self.running[(day - self.first).days]

    def between(self, after: date, through: date) -> int:
        """Working days after `after`, up to and including `through`."""
        return max(0, self.upto(through) - self.upto(after))


def working_days_open(schedule: Schedule, raised: date, end: date, days: DayCounter) -> int:
    """Working days after the date raised, up to `end`, less those the clock was stopped
    (the day paused up to the day before it resumed)."""
    total = days.between(raised, end)
    for pause in schedule.pauses:
        stop = end if pause.end is None else min(end, pause.end - timedelta(days=1))
        start = max(raised, pause.start - timedelta(days=1))
        if stop > start:
            total -= days.between(start, stop)
    return max(total, 0)


def judged(
    schedule: Schedule, window: tuple[str, str], as_of: str, closed: str | None
) -> Deadlines:
    """The case's deadlines that fell due in the period (`window`: its first and last days,
    the last no later than `as_of`), judged on `as_of`; dates as ISO text, as the schedule
    keeps them (`closed`: the day closed, if by `as_of`)."""
    first, last = window
    met = missed = extended = extended_met = ideally_missed = 0
    paused: bool | None = None
    for kept in schedule.steps:
        due = kept.due
        if due is None or due > last or due < first:
            continue
        done = kept.done
        if done is True:
            continue  # done with no date (an answer says so): nothing to judge
        if done is not None and done <= as_of:  # type: ignore[operator]
            hit = done <= due  # type: ignore[operator]
        else:
            if paused is None:
                paused = schedule.paused_on(date.fromisoformat(as_of))
            if paused:
                continue  # the clock is stopped: not judged
            if closed is not None and closed <= due:
                continue  # closed by its date: the step was no longer needed
            if due == as_of:
                continue  # due on `as_of` itself: met on its date, missed only from the next
            hit = False
        met += hit
        missed += not hit
        if kept.extended:
            extended += 1
            extended_met += hit
        ideally_missed += kept.ideally and not hit
    if not (met or missed):
        return NONE
    return Deadlines(met, missed, extended, extended_met, ideally_missed)


def status_on(row: Mapping[str, Any], schedule: Schedule, as_of: str, warn_until: str) -> Status:
    """The case's status as `case list` would have judged it on `as_of`, from its steps
    done by then (dates as ISO text)."""
    closed = row["closed"]
    open_steps = [k for k in schedule.steps if not k.done_by(as_of)]

    def earliest(ideally: bool) -> tuple[str, int] | None:
        dated = [(k.due, k.number) for k in open_steps if k.due and k.ideally == ideally]
        return min(dated) if dated else None

    status, _, _ = classify(
        closed=closed is not None and closed <= as_of,
        problem=row["problem"] is not None,
        paused=schedule.paused_on(date.fromisoformat(as_of)),
        firm=earliest(False),
        ideal=earliest(True),
        waiting=any(k.waiting is not None for k in open_steps),
        as_of=as_of,
        warn_until=warn_until,
    )
    return status


def status_stored(row: Mapping[str, Any], as_of: str, warn_until: str) -> Status:
    """The case's status on `as_of` from its stored summary, as `case list` judges it
    (`listing.Listed`): the same rules over the same steps, for a report judged today."""
    firm, ideal = row["firm_date"], row["ideal_date"]
    status, _, _ = classify(
        closed=row["closed"] is not None,
        problem=row["problem"] is not None,
        paused=row["paused"] is not None,
        firm=(firm, row["firm_number"]) if firm is not None else None,
        ideal=(ideal, row["ideal_number"]) if ideal is not None else None,
        waiting=row["waiting_number"] is not None,
        as_of=as_of,
        warn_until=warn_until,
    )
    return status


def _order(row: Mapping[str, Any]) -> tuple[str, str]:
    return row["raised"], row["reference"]


def build(
    rows: Iterable[Mapping[str, Any]],
    filters: Filters,
    *,
    as_of: date,
    warn_until: date,
    calendar: WorkingDays,
    today: date,
) -> Report:
    """The report of the cases open in the period, each judged on `as_of`, from their
    stored rows (`across.period_rows`). Judged today, a case's status is the one its stored
    summary gives (`status_stored`); judged on an earlier day, it is worked out from the
    steps done by then (`status_on`)."""
    day, warn = as_of.isoformat(), warn_until.isoformat()
    chosen = [
        row
        for row in rows
        if row["raised"] <= day
        and filters.open_in_period(row["raised"], row["closed"])
        and filters.keeps(row["route"], row["owner"])
    ]
    chosen.sort(key=_order)  # numbered in the order raised (an SQL ORDER BY costs more)
    schedules = [read_schedule(row["deadlines"]) for row in chosen]
    if as_of == today:
        statuses = [status_stored(row, day, warn) for row in chosen]
    else:
        statuses = [
            status_on(row, schedule, day, warn)
            for row, schedule in zip(chosen, schedules, strict=True)
        ]
    kept = [
        (row, schedule, status)
        for row, schedule, status in zip(chosen, schedules, statuses, strict=True)
        if filters.status is None or status == filters.status
    ]
    raised = [date.fromisoformat(row["raised"]) for row, _, _ in kept]
    days = DayCounter(calendar, min(raised, default=as_of), as_of)
    window = (filters.start.isoformat() if filters.start else "", day)
    lines = []
    for number, ((row, schedule, status), opened) in enumerate(
        zip(kept, raised, strict=True), start=1
    ):
        closed_on: str | None = row["closed"]
        if closed_on is not None and closed_on > day:
            closed_on = None  # closed after the day judged: open then
        closed = date.fromisoformat(closed_on) if closed_on else None
        steps = schedule.steps
        end = closed or as_of
        step = None
        for k in steps:
            if not k.done_by(day):
                step = k.number
                break
        lines.append(
            Line(
                number,
                row["reference"],
                row["route"],
                schedule.title or row["route"],
                opened,
                closed,
                step,
                len(steps),
                working_days_open(schedule, opened, end, days)
                if schedule.pauses
                else days.between(opened, end),
                judged(schedule, window, day, closed_on),
                status,
            )
        )
    totals = total([line.deadlines for line in lines if line.deadlines is not NONE])
    return Report(start=filters.start, end=filters.end, as_of=as_of, lines=lines, totals=totals)
