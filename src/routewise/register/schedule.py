"""A case's schedule: every step with its deadline and the date it was done, stored with the
summary so the views across cases (`case upcoming`, `case export`, `case report`) never
run the engine.

The summary's `deadlines` column keeps it as JSON, written on every write and refresh:

    {"v": 2, "title": ROUTE TITLE, "pauses": [[START, END or null], …],
     "steps": [[NUMBER, ID, ACTION, DATE, IDEALLY, WAITING, EXTENDED, DONE, SEQ], …]}

Each step is a list in the order of `Kept`'s fields (a report reads tens of thousands of
them: a list becomes a `Kept` in one call, a mapping key by key). ACTION is kept only for a
dated step still to do of an open case (the only ones a view shows; "" for the others), so
every case's row, which `case list` reads too, stays small. DATE is the deadline's
date with the case's pauses and agreed dates applied, or null; WAITING what an undated
deadline waits for; DONE the day the step was done (true: done with no date, because an
answer says so), or null. SEQ counts the changes to what a calendar event of the step shows
(its date, wording, route title): a calendar file's SEQUENCE, raised exactly when the event
changes, so importing the file again updates the event. Dates are ISO text, kept as text:
they compare as dates do, and are parsed only for what is shown.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from routewise.register.timing import Pause

if TYPE_CHECKING:
    from routewise.register.history import CaseState
    from routewise.register.planning import CasePlan

FORMAT = 2
"""The schedule's format (1: the list of open deadlines issue 19 stored)."""


class Kept(NamedTuple):
    """One step of a case as the schedule keeps it (a named tuple, made from its stored list
    in one call)."""

    number: int
    step: str
    action: str
    due: str | None = None
    """The deadline's date (ISO), with the case's pauses and agreed dates applied."""
    ideally: bool = False
    waiting: str | None = None
    extended: bool = False
    """Its date is an agreed new date (`case extend`)."""
    done: str | bool | None = None
    """The day it was done (ISO); True when done with no date (an answer says so)."""
    seq: int = 0

    def done_by(self, day: str) -> bool:
        """Done on or before `day` (ISO; a step done with no date counts as done)."""
        done = self.done
        return done is True or (done.__class__ is str and done <= day)

    @property
    def due_date(self) -> date | None:
        return date.fromisoformat(self.due) if self.due else None

    def shown(self, title: str | None) -> tuple[Any, ...]:
        """What a calendar event of this step shows: a change raises `seq`."""
        return (self.number, self.action, self.due, self.ideally, self.extended, title)


class Schedule(NamedTuple):
    title: str | None = None
    """The route's title (None when the plan cannot be made)."""
    pauses: tuple[Pause, ...] = ()
    steps: tuple[Kept, ...] = ()

    def paused_on(self, day: date) -> bool:
        """The clock was stopped on `day` (paused that day, not yet resumed)."""
        return any(p.start <= day and (p.end is None or day < p.end) for p in self.pauses)


def schedule_of(state: CaseState, case: CasePlan | None) -> Schedule:
    """The schedule of a case whose plan is `case` (None: the plan cannot be made)."""
    pauses = tuple(state.pauses)
    if case is None:
        return Schedule(pauses=pauses)
    kept = []
    closed = state.closed is not None
    for step, where in zip(case.plan.steps, case.steps, strict=True):
        deadline = step.deadline
        done: str | bool | None = None
        if where.done is not None:
            done = where.done.on.isoformat() if where.done.on is not None else True
        due = deadline.date if deadline is not None else None
        kept.append(
            Kept(
                number=step.number,
                step=step.id,
                # Only an open dated step of an open case is shown with its action: the
                # register keeps no more than that (every case's row is read by `case list`).
                action=step.action if due is not None and done is None and not closed else "",
                due=due.isoformat() if due is not None else None,
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
        steps.append(list(kept._replace(seq=seq)))
    data: dict[str, Any] = {"v": FORMAT}
    if schedule.title is not None:
        data["title"] = schedule.title
    if schedule.pauses:
        data["pauses"] = [
            [p.start.isoformat(), p.end.isoformat() if p.end else None] for p in schedule.pauses
        ]
    data["steps"] = steps
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def read_schedule(text: str | None) -> Schedule:
    """The stored schedule; an empty one for a summary stored before it was kept (issue
    19's list of open deadlines), which a `case refresh` brings up to date."""
    if not text:
        return EMPTY
    data = _decode(text)[0]
    if data.__class__ is not dict or data.get("v") != FORMAT:
        return EMPTY
    stored: Sequence[Sequence[str | None]] | None = data.get("pauses")
    pauses = (
        tuple(
            Pause(start=date.fromisoformat(s), end=date.fromisoformat(e) if e else None)
            for s, e in stored
            if s is not None
        )
        if stored
        else ()
    )
    return _schedule((data.get("title"), pauses, tuple(map(_kept, data["steps"]))))


EMPTY = Schedule()
_decode = json.JSONDecoder().raw_decode
"""The decoder's own call: thousands of small documents skip `json.loads`'s wrapping."""
_kept = functools.partial(tuple.__new__, Kept)
"""A stored step (a list in `Kept`'s field order, as `schedule_json` writes it) as a `Kept`,
made in C: `Kept._make` checks the length in Python, and a report makes tens of thousands."""
_schedule = functools.partial(tuple.__new__, Schedule)
