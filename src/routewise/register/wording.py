"""A case's steps and history in words, shared by `case show` and the confirmation each
recording command prints (which must not load rich or the plan renderers)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from routewise.base.safe_text import one_line
from routewise.calendar.working_days import format_day
from routewise.register.history import Entry
from routewise.register.planning import StepState
from routewise.register.timing import STEP_STATUS_WORDS


def step_status_text(where: StepState, due: str | None) -> str:
    """ "done on Fri 1 May 2026 (recorded by sam)", "overdue: due by Mon 11 May 2026"."""
    if where.done is not None:
        on = f" on {format_day(where.done.on)}" if where.done.on else ""
        if where.done.plan_reason is not None:  # the plan shows it done: the date raised...
            return f"done{on} ({where.done.plan_reason})"
        return f"done{on} (recorded by {where.done.by})"
    word = STEP_STATUS_WORDS[where.status]
    if where.status == "waiting":
        return f"{word}: the date is set once {where.waiting}"
    if where.status == "no-date":
        return word
    by = "ideally by" if where.ideally else "by"
    if where.status == "overdue":
        by = f"was due {by}"
    text = f"{word}: {by} {due}" if due else word
    if where.extension is not None:
        text += " (an agreed new date)"
    elif where.paused_days:
        text += " (moved on while the case was paused)"
    return text


def entry_text(entry: Entry, events: Mapping[str, str]) -> str:
    """One history entry in words, without who recorded it."""
    day = format_day(entry.day) if entry.day else ""
    d = entry.detail
    number = f"step {d['number']} ({entry.step})" if "number" in d else f"step {entry.step}"
    if entry.kind == "opened":
        text = f"Opened on route {d['route']}, raised {day}, owner {d.get('owner')}."
    elif entry.kind == "event":
        text = f"{capital(events.get(entry.event or '', entry.event or ''))}: {day}."
    elif entry.kind == "done":
        text = f"{capital(number)} done on {day}."
    elif entry.kind == "note":
        text = "Note."
    elif entry.kind == "answer":
        changes = "; ".join(
            f"{q}: {_answer(d['was'].get(q))} \u2192 {_answer(v)}" for q, v in d["answers"].items()
        )
        dropped = ", ".join(d.get("dropped", {}))
        text = f"Answers changed: {changes}."
        if dropped:
            text += f" No longer asked: {dropped}."
        before, after = d.get("outcome", [None, None])
        if before != after:
            text += f" Outcome: {before} \u2192 {after}."
    elif entry.kind == "extend":
        text = f"{capital(number)}: a new date agreed, {format_day(_iso(d['to']))}."
    elif entry.kind == "pause":
        text = f"Paused on {day}: the clock stopped."
    elif entry.kind == "resume":
        text = f"Resumed on {day}: the clock restarted."
    elif entry.kind == "correct":
        text = f"Entry {entry.target} marked as entered in error."
    elif entry.kind == "assign":
        text = f"Owner: {d.get('was')} \u2192 {d['owner']}."
    elif entry.kind == "close":
        text = f"Closed on {day}."
    elif entry.kind == "reopen":
        text = "Reopened."
    else:
        text = f"{entry.kind}."
    if entry.note:
        label = "Reason" if entry.kind in ("extend", "pause", "correct", "close") else "Note"
        text += f" {label}: {one_line(entry.note)}" if entry.kind != "note" else ""
        if entry.kind == "note":
            text = f"Note: {one_line(entry.note)}"
    return text


def who_text(entry: Entry) -> str:
    """Who recorded an entry: the person, and on a team register the database user too."""
    if entry.db_user and entry.db_user != entry.recorded_by:
        return f"{entry.recorded_by} (database user {entry.db_user})"
    return entry.recorded_by


def _iso(text: str) -> date:
    return date.fromisoformat(text)


def _answer(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."
