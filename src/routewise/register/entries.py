"""What each `case` command records, checked against the case as it stands.

Each function takes the case as read and returns the entry to append, or refuses with one
line that says why and what to do instead. They never write: `cases.append` does, and
calls them again on the fresh case when another writer got there first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from routewise.base.errors import AnswerError, UserError
from routewise.base.safe_text import quoted, shown
from routewise.calendar.working_days import format_day
from routewise.engine.paths import coerce_answer, off_path
from routewise.model.plan import PlanStep
from routewise.register.cases import Case, NewEntry
from routewise.register.history import UNCORRECTABLE
from routewise.register.planner import Planner
from routewise.register.planning import engine_answers, route_for, stored_answer

TEXT_LIMIT = 2000
"""The longest note or reason, in characters."""
NAME_LIMIT = 100
"""The longest reference or owner's name."""


def check_text(text: str, what: str, limit: int = TEXT_LIMIT) -> str:
    """A note or a reason: some text, not too long. It is kept exactly as typed; every
    output shows it as data (never markup, never an escape code)."""
    stripped = text.strip()
    if not stripped:
        raise UserError(f"{what} is empty: say it in a few words")
    if len(stripped) > limit:
        raise UserError(f"{what} is {len(stripped):,} characters long; keep it under {limit:,}")
    return stripped


def check_label(text: str, what: str) -> str:
    """A reference or a name: one line of ordinary characters."""
    stripped = check_text(text, what, NAME_LIMIT)
    bad = [c for c in stripped if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")]
    if bad:
        raise UserError(
            f"{what} {quoted(stripped)} holds a control character ({shown(bad[0])}); "
            "use letters, digits, spaces and punctuation"
        )
    if stripped.startswith("-"):
        raise UserError(f"{what} {quoted(stripped)} starts with '-', which reads as an option")
    return stripped


def check_reference(text: str) -> str:
    return check_label(text, "the reference")


def next_reference(known: list[str], today: date) -> str:
    """The next free reference in this year's sequence: 2026-001, 2026-002, …"""
    pattern = re.compile(rf"{today.year}-(\d+)")
    numbers = [int(m.group(1)) for r in known if (m := pattern.fullmatch(r))]
    return f"{today.year}-{max(numbers, default=0) + 1:03d}"


def check_day(day: date, case: Case, today: date, what: str) -> date:
    """A date something happened: not before the matter was raised, not in the future."""
    raised = case.state.raised
    if day < raised:
        raise UserError(
            f"{what}: {format_day(day)} is before the date raised, {format_day(raised)}"
        )
    if day > today:
        raise UserError(
            f"{what}: {format_day(day)} is in the future (today is {format_day(today)})"
        )
    return day


def open_only(case: Case, doing: str) -> None:
    closed = case.state.closed
    if closed is not None:
        raise UserError(
            f"case {quoted(case.reference)} is closed (on {format_day(closed.on)}), so it cannot "
            f"{doing}; reopen it first: routewise case reopen {shown(case.reference)}"
        )


def find_step(planner: Planner, case: Case, given: str, today: date) -> PlanStep:
    """A step by the number shown in the plan, or by its id (which a renumbering keeps)."""
    plan = planner.plan(case.state, today).plan
    for step in plan.steps:
        if given.strip() in (str(step.number), step.id):
            return step
    listed = ", ".join(f"{s.number} ({s.id})" for s in plan.steps)
    raise UserError(
        f"step {quoted(given)} is not in the plan of case {quoted(case.reference)}. "
        f"Its steps: {listed}"
    )


# --- the entries -------------------------------------------------------------------------


def record_event(
    planner: Planner, case: Case, event_id: str, day: date, note: str | None, today: date
) -> NewEntry:
    open_only(case, "record an event")
    route = route_for(planner.catalogue, case.state.route)
    valid = [e.id for e in route.events]
    if event_id not in valid:
        raise AnswerError(
            f"event {event_id}",
            f"route {route.id!r} counts no period from such an event",
            valid,
            "Its events",
        )
    check_day(day, case, today, f"the date of {event_id}")
    known = case.state.events.get(event_id)
    if known is not None:
        entry = case.state.event_entries[event_id]
        raise UserError(
            f"{event_id} is already recorded on case {quoted(case.reference)}: "
            f"{format_day(known)} (entry {entry}). If that was wrong, mark it entered in error "
            f"(routewise case correct {shown(case.reference)} {entry} --reason …), then record "
            "it again"
        )
    return NewEntry(kind="event", day=day, event=event_id, note=_note(note))


def mark_done(
    planner: Planner, case: Case, given: str, on: date, note: str | None, today: date
) -> NewEntry:
    open_only(case, "have a step marked done")
    step = find_step(planner, case, given, today)
    if step.done is not None and step.id not in case.state.done:
        raise UserError(
            f"step {step.number} of case {quoted(case.reference)} is done already: the plan "
            f"shows it done{_on(step.done.date)} ({step.done.reason})"
        )
    done = case.state.done.get(step.id)
    if done is not None:
        assert done.on is not None, "a step recorded done always has its date"
        raise UserError(
            f"step {step.number} of case {quoted(case.reference)} is already done (on "
            f"{format_day(done.on)}, entry {done.entry}); to change that, correct entry "
            f"{done.entry} first"
        )
    check_day(on, case, today, f"the date step {step.number} was done")
    return NewEntry(
        kind="done", day=on, step=step.id, note=_note(note), detail={"number": step.number}
    )


def add_note(case: Case | None, text: str, today: date) -> NewEntry:
    """A note: whatever the case holds (it is appended with `cases.append_note`)."""
    return NewEntry(kind="note", day=today, note=check_text(text, "the note"))


def change_answers(
    planner: Planner, case: Case, given: Mapping[str, str], note: str | None, today: date
) -> NewEntry:
    """New answers: the route is walked again; answers no longer asked are dropped, and the
    entry says what changed, outcome included."""
    open_only(case, "have an answer changed")
    route = route_for(planner.catalogue, case.state.route)
    questions = {q.id: q for q in route.questions}
    for former in route.questions:
        for old in former.formerly:
            questions.setdefault(old, former)
    new_values: dict[str, Any] = {}
    for key, raw in given.items():
        question = questions.get(key)
        if question is None:
            raise AnswerError(
                key, f"route {route.id!r} has no such question", list(questions), "Its questions"
            )
        new_values[question.id] = stored_answer(coerce_answer(question, raw))
    was = {q: case.state.answers.get(q) for q in new_values}
    if all(was[q] == v for q, v in new_values.items()):
        raise UserError("the answers given are the ones the case already has; nothing changed")
    answers = {**case.state.answers, **new_values}
    engine = engine_answers(route, answers)
    dropped = {q: answers[q] for q in off_path(route, engine)}
    for q in dropped:
        answers.pop(q)
    before = planner.base(case.state).outcome
    after = planner.base(replace(case.state, answers=answers)).outcome
    return NewEntry(
        kind="answer",
        day=today,
        note=_note(note),
        detail={
            "answers": new_values,
            "was": was,
            "dropped": dropped,
            "outcome": [before, after],
        },
        depends_on_read=True,
    )


def extend(
    planner: Planner, case: Case, given: str, to: date, reason: str, today: date
) -> NewEntry:
    open_only(case, "have a deadline extended")
    step = find_step(planner, case, given, today)
    if step.deadline is None or (step.deadline.count is None and step.deadline.date is None):
        raise UserError(
            f"step {step.number} of case {quoted(case.reference)} has no dated deadline to extend"
        )
    if step.id in case.state.done:
        raise UserError(f"step {step.number} of case {quoted(case.reference)} is already done")
    if to < case.state.raised:
        raise UserError(
            f"--to: {format_day(to)} is before the date raised, {format_day(case.state.raised)}"
        )
    return NewEntry(
        kind="extend",
        day=today,
        step=step.id,
        note=check_text(reason, "the reason"),
        detail={"to": to.isoformat(), "number": step.number},
    )


def pause(case: Case, on: date, reason: str, today: date) -> NewEntry:
    open_only(case, "be paused")
    since = case.state.paused_since
    if since is not None:
        raise UserError(
            f"case {quoted(case.reference)} is already paused (since {format_day(since)})"
        )
    check_day(on, case, today, "the date paused")
    last = case.state.pauses[-1].end if case.state.pauses else None
    if last is not None and on < last:
        raise UserError(
            f"--on: {format_day(on)} is before the case was last resumed, {format_day(last)}"
        )
    return NewEntry(kind="pause", day=on, note=check_text(reason, "the reason"))


def resume(case: Case, on: date, note: str | None, today: date) -> NewEntry:
    open_only(case, "be resumed")
    since = case.state.paused_since
    if since is None:
        raise UserError(f"case {quoted(case.reference)} is not paused")
    check_day(on, case, today, "the date resumed")
    if on < since:
        raise UserError(
            f"--on: {format_day(on)} is before the case was paused, {format_day(since)}"
        )
    return NewEntry(kind="resume", day=on, note=_note(note))


def correct(case: Case, target: int, reason: str, today: date) -> NewEntry:
    entry = next((e for e in case.entries if e.entry == target), None)
    if entry is None:
        raise UserError(
            f"case {quoted(case.reference)} has no entry {target}: its entries are 1 to "
            f"{len(case.entries)} (routewise case show {shown(case.reference)} lists them)"
        )
    if entry.kind in UNCORRECTABLE:
        hint = (
            "delete the case instead (routewise case delete)"
            if entry.kind == "opened"
            else "record the entry again instead"
        )
        raise UserError(f"entry {target} ({entry.kind}) cannot be marked entered in error; {hint}")
    by = case.state.corrected_by.get(target)
    if by is not None:
        raise UserError(f"entry {target} is already marked entered in error (entry {by.entry})")
    return NewEntry(
        kind="correct",
        day=today,
        target=target,
        note=check_text(reason, "the reason"),
        depends_on_read=True,
    )


def assign(case: Case, name: str, today: date) -> NewEntry:
    open_only(case, "be assigned")
    owner = check_label(name, "the owner's name")
    if owner == case.state.owner:
        raise UserError(f"case {quoted(case.reference)} is already {quoted(owner)}'s")
    return NewEntry(kind="assign", day=today, detail={"owner": owner, "was": case.state.owner})


def close(case: Case, on: date, reason: str, today: date) -> NewEntry:
    closed = case.state.closed
    if closed is not None:
        raise UserError(
            f"case {quoted(case.reference)} is already closed (on {format_day(closed.on)})"
        )
    check_day(on, case, today, "the date closed")
    return NewEntry(
        kind="close", day=on, note=check_text(reason, "the reason"), depends_on_read=True
    )


def reopen(case: Case, note: str | None, today: date) -> NewEntry:
    if case.state.closed is None:
        raise UserError(
            f"case {quoted(case.reference)} is open; only a closed case can be reopened"
        )
    return NewEntry(kind="reopen", day=today, note=_note(note), depends_on_read=True)


def _note(note: str | None) -> str | None:
    return check_text(note, "the note") if note is not None else None


def _on(day: date | None) -> str:
    return f" on {format_day(day)}" if day is not None else ""
