"""A case's history: append-only entries, and the state they add up to.

Nothing is ever changed or removed from a history (until the whole case is deleted). An
entry entered in error is marked by a later `correct` entry: it stays in the history and
has no effect. Everything else a case shows (its answers, event dates, steps done, pauses,
owner, whether it is closed) is `fold`ed from the entries that stand.

The kinds of entry: opened, event, done, note, answer, extend, pause, resume, correct,
assign, close and reopen (as stored, and as the JSON names them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from routewise.register.timing import Pause

UNCORRECTABLE = ("opened", "correct")
"""An opening is undone by deleting the case; a correction by recording the entry again."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Entry:
    """One thing recorded about a case: what, the date it happened, when and by whom."""

    entry: int
    """Its number in the case's history, from 1."""
    kind: str
    day: date | None
    """The date it happened (an event's date, the day a step was done, paused…)."""
    recorded_at: str
    recorded_by: str
    """The person: `user` from the config, or the login name."""
    db_user: str | None = None
    """The database user it was written as (a team register on PostgreSQL); None on SQLite."""
    step: str | None = None
    event: str | None = None
    note: str | None = None
    target: int | None = None
    """The entry a correction marks as entered in error."""
    detail: Mapping[str, Any] = field(default_factory=dict)
    """What else the kind needs: the opening's route and answers, an answer's old and new
    values, an extension's new date, an owner."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Done:
    on: date | None
    """None only for a step the plan itself shows done with no date (an answer said so)."""
    by: str
    entry: int
    plan_reason: str | None = None
    """Set when the plan shows the step done (the date raised, or an answer), not an entry."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Extension:
    to: date
    reason: str
    entry: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Closed:
    on: date
    reason: str
    by: str
    entry: int


@dataclass(kw_only=True, slots=True)
class CaseState:
    """What a case's standing entries add up to."""

    route: str
    raised: date
    answers: dict[str, Any]
    """In the answers-file form: choice ids, lists for tick lists, ISO dates."""
    contacts: dict[str, dict[str, str]]
    owner: str
    opened_by: str
    opened_at: str
    events: dict[str, date] = field(default_factory=dict)
    event_entries: dict[str, int] = field(default_factory=dict)
    done: dict[str, Done] = field(default_factory=dict)
    extensions: dict[str, Extension] = field(default_factory=dict)
    pauses: list[Pause] = field(default_factory=list)
    pause_entry: int | None = None
    """The entry that paused the case, while it is paused."""
    closed: Closed | None = None
    corrected_by: dict[int, Entry] = field(default_factory=dict)
    """Entry number -> the correction that marked it as entered in error."""

    @property
    def paused_since(self) -> date | None:
        if self.pauses and self.pauses[-1].end is None:
            return self.pauses[-1].start
        return None


def fold(entries: Iterable[Entry]) -> CaseState:
    """The state of a case from its history, leaving out entries marked as in error."""
    ordered = sorted(entries, key=lambda e: e.entry)
    if not ordered or ordered[0].kind != "opened":
        raise ValueError("a case's history starts with the entry that opened it")
    corrected_by = {e.target: e for e in ordered if e.kind == "correct" and e.target is not None}
    opening = ordered[0]
    detail = opening.detail
    state = CaseState(
        route=str(detail["route"]),
        raised=date.fromisoformat(str(detail["raised"])),
        answers=dict(detail.get("answers", {})),
        contacts={k: dict(v) for k, v in detail.get("contacts", {}).items()},
        owner=str(detail.get("owner") or opening.recorded_by),
        opened_by=opening.recorded_by,
        opened_at=opening.recorded_at,
        corrected_by=corrected_by,
    )
    for entry in ordered[1:]:
        if entry.entry not in corrected_by:
            _apply(state, entry)
    return state


def _apply(state: CaseState, entry: Entry) -> None:
    kind, day = entry.kind, entry.day
    if kind == "event" and entry.event and day:
        state.events[entry.event] = day
        state.event_entries[entry.event] = entry.entry
    elif kind == "done" and entry.step and day:
        state.done[entry.step] = Done(on=day, by=entry.recorded_by, entry=entry.entry)
    elif kind == "answer":  # detail: answers (new values), was, dropped (no longer asked)
        state.answers.update(entry.detail["answers"])
        for dropped in entry.detail.get("dropped", {}):
            state.answers.pop(str(dropped), None)
    elif kind == "extend" and entry.step:
        to = date.fromisoformat(str(entry.detail["to"]))
        state.extensions[entry.step] = Extension(to=to, reason=entry.note or "", entry=entry.entry)
    elif kind == "pause" and day and state.paused_since is None:
        state.pauses.append(Pause(start=day, end=None))
        state.pause_entry = entry.entry
    elif kind == "resume" and day and state.paused_since is not None:
        state.pauses[-1] = Pause(start=state.pauses[-1].start, end=day)
        state.pause_entry = None
    elif kind == "assign":
        state.owner = str(entry.detail["owner"])
    elif kind == "close" and day:
        state.closed = Closed(
            on=day, reason=entry.note or "", by=entry.recorded_by, entry=entry.entry
        )
    elif kind == "reopen":
        state.closed = None


def entry_data(entry: Entry, corrected_by: Mapping[int, Entry]) -> dict[str, Any]:
    """One entry as JSON data, with the correction that marks it, if any."""
    correction = corrected_by.get(entry.entry)
    return {
        "entry": entry.entry,
        "kind": entry.kind,
        "day": entry.day.isoformat() if entry.day else None,
        "recorded_at": entry.recorded_at,
        "recorded_by": entry.recorded_by,
        "db_user": entry.db_user,
        "step": entry.step,
        "event": entry.event,
        "note": entry.note,
        "target": entry.target,
        "detail": dict(entry.detail),
        "corrected": None
        if correction is None
        else {
            "entry": correction.entry,
            "recorded_at": correction.recorded_at,
            "recorded_by": correction.recorded_by,
            "db_user": correction.db_user,
            "reason": correction.note,
        },
    }
