"""A case's schedule: every step with its deadline and the date it was done, stored with the
summary so the views across cases (`case upcoming`, `case export`, `case report`) never
run the engine.

The summary's `deadlines` column keeps it as JSON, written on every write and refresh:

    {"v": 2, "title": ROUTE TITLE, "pauses": [[START, END or null], …],
     "steps": [{"number": 2, "step": ID, "action": TEXT, "date": ISO, "ideally": true,
                "waiting": TEXT, "extended": true, "done": ISO or true, "seq": 3}, …]}

Keys whose value is false, null or 0 are left out (a register of thousands of cases reads
less). `date` is the deadline's date with the case's pauses and agreed dates applied;
`waiting` what an undated deadline waits for; `done` the day the step was done (true: done,
with no date, because an answer says so). `seq` counts the changes to what a calendar event
of the step shows (its date, wording, route title): a calendar file's SEQUENCE, raised
exactly when the event changes, so importing the file again updates the event.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from routewise.register.timing import Pause

if TYPE_CHECKING:
    from routewise.register.history import CaseState
    from routewise.register.planning import CasePlan

FORMAT = 2
"""The schedule's format (1: the list of open deadlines issue 19 stored)."""


class Kept(NamedTuple):
    """One step of a case as the schedule keeps it (a named tuple: a report reads tens of
    thousands of them, and a tuple is made several times faster than a frozen dataclass)."""

    number: int
    step: str
    action: str
    due: date | None = None
    """The deadline's date, with the case's pauses and agreed dates applied."""
    ideally: bool = False
    waiting: str | None = None
    extended: bool = False
    """Its date is an agreed new date (`case extend`)."""
    done: date | bool | None = None
    """The day it was done; True when done with no date (an answer says so)."""
    seq: int = 0

    def done_by(self, day: date) -> bool:
        """Done on or before `day` (a step done with no date counts as done)."""
        done = self.done
        if done is True:
            return True
        return done is not None and done is not False and done <= day

    def shown(self, title: str | None) -> tuple[Any, ...]:
        """What a calendar event of this step shows: a change raises `seq`."""
        return (self.number, self.action, self.due, self.ideally, self.extended, title)


@dataclass(frozen=True, kw_only=True, slots=True)
class Schedule:
    title: str | None = None
    """The route's title (None when the plan cannot be made)."""
    pauses: tuple[Pause, ...] = ()
    steps: tuple[Kept, ...] = field(default_factory=tuple)

    def paused_on(self, day: date) -> bool:
        """The clock was stopped on `day` (paused that day, not yet resumed)."""
        return any(p.start <= day and (p.end is None or day < p.end) for p in self.pauses)


def schedule_of(state: CaseState, case: CasePlan | None) -> Schedule:
    """The schedule of a case whose plan is `case` (None: the plan cannot be made)."""
    pauses = tuple(state.pauses)
    if case is None:
        return Schedule(pauses=pauses)
    kept = []
    for step, where in zip(case.plan.steps, case.steps, strict=True):
        deadline = step.deadline
        done: date | bool | None = None
        if where.done is not None:
            done = where.done.on if where.done.on is not None else True
        kept.append(
            Kept(
                number=step.number,
                step=step.id,
                action=step.action,
                due=deadline.date if deadline is not None else None,
                ideally=where.ideally,
                waiting=where.waiting,
                extended=where.extension is not None,
                done=done,
            )
        )
    return Schedule(title=case.plan.route_title, pauses=pauses, steps=tuple(kept))


def schedule_json(schedule: Schedule | None, previous: str | None) -> str:
    """The schedule as stored, each step's `seq` raised from the one stored before
    (`previous`) when what its calendar event shows has changed."""
    schedule = schedule or Schedule()
    before = read_schedule(previous)
    old = {k.step: k for k in before.steps}
    start = max((k.seq for k in before.steps), default=-1) + 1
    steps = []
    for kept in schedule.steps:
        was = old.get(kept.step)
        if was is None:
            seq = start if before.steps else 0
        elif was.shown(before.title) != kept.shown(schedule.title):
            seq = was.seq + 1
        else:
            seq = was.seq
        steps.append(_step_data(kept._replace(seq=seq)))
    data: dict[str, Any] = {"v": FORMAT}
    if schedule.title is not None:
        data["title"] = schedule.title
    if schedule.pauses:
        data["pauses"] = [
            [p.start.isoformat(), p.end.isoformat() if p.end else None] for p in schedule.pauses
        ]
    data["steps"] = steps
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _step_data(kept: Kept) -> dict[str, Any]:
    data: dict[str, Any] = {"number": kept.number, "step": kept.step, "action": kept.action}
    if kept.due is not None:
        data["date"] = kept.due.isoformat()
    if kept.ideally:
        data["ideally"] = True
    if kept.waiting is not None:
        data["waiting"] = kept.waiting
    if kept.extended:
        data["extended"] = True
    if isinstance(kept.done, date):
        data["done"] = kept.done.isoformat()
    elif kept.done:
        data["done"] = True
    if kept.seq:
        data["seq"] = kept.seq
    return data


def read_schedule(text: str | None) -> Schedule:
    """The stored schedule; an empty one for a summary stored before it was kept (issue
    19's list of open deadlines), which a `case refresh` brings up to date."""
    if not text:
        return Schedule()
    data = json.loads(text)
    if not isinstance(data, Mapping) or data.get("v") != FORMAT:
        return Schedule()
    pauses = tuple(
        Pause(start=date.fromisoformat(s), end=date.fromisoformat(e) if e else None)
        for s, e in data.get("pauses", ())
    )
    return Schedule(
        title=data.get("title"),
        pauses=pauses,
        steps=tuple(_kept(s) for s in data["steps"]),
    )


def _kept(data: Mapping[str, Any], day: Any = date.fromisoformat) -> Kept:
    get = data.get
    due, done = get("date"), get("done")
    return Kept(
        data["number"],
        data["step"],
        data["action"],
        day(due) if due else None,
        get("ideally", False),
        get("waiting"),
        get("extended", False),
        day(done) if done.__class__ is str else done,
        get("seq", 0),
    )
