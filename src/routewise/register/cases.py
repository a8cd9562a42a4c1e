"""Reading and writing cases: one short transaction per write, checked against the version
that was read.

A write reads the case, works out the new entry and the new summary (running the engine on
this one case), then, in one short write transaction, raises the case's version only if it
is still the one read and appends the entry. If another process changed the case in
between, an entry that only adds to the history (an event's date, a step done) is worked
out again on the case as it now stands, holding the case's row so the two writers take
turns; a change that depends on what was read (closing a case, changing an answer,
correcting an entry) fails with who changed it and when, so nobody's work is lost. A note
changes nothing a plan is made from, so it is appended with no read at all
(`append_note`).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from routewise.base.errors import UserError
from routewise.base.safe_text import quoted, shown
from routewise.register.history import CaseState, Entry, fold
from routewise.register.status import (
    OpenDeadline,
    Summary,
    deadlines_json,
    listing_json,
)
from routewise.register.store import Store

if TYPE_CHECKING:  # a list reads summaries only: the engine is loaded by the writes
    from routewise.model.plan import Plan
    from routewise.register.planner import Planner


@dataclass(frozen=True, kw_only=True, slots=True)
class NewEntry:
    """An entry before it has a number: what, when it happened, and its details."""

    kind: str
    day: date | None
    step: str | None = None
    event: str | None = None
    note: str | None = None
    target: int | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)
    depends_on_read: bool = False
    """Refused, not retried, when the case changed since it was read."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Case:
    """A case as read: its stored row, its whole history and what that adds up to."""

    reference: str
    row: Mapping[str, Any]
    entries: list[Entry]
    state: CaseState

    @property
    def version(self) -> int:
        return int(self.row["version"])


# --- reading ---------------------------------------------------------------------------


def entry_from_row(row: Mapping[str, Any]) -> Entry:
    return Entry(
        entry=int(row["entry"]),
        kind=str(row["kind"]),
        day=date.fromisoformat(row["day"]) if row["day"] else None,
        recorded_at=str(row["recorded_at"]),
        recorded_by=str(row["recorded_by"]),
        db_user=row["db_user"],
        step=row["step"],
        event=row["event"],
        note=row["note"],
        target=row["target"],
        detail=json.loads(row["detail"]),
    )


def references(store: Store) -> list[str]:
    with store.read() as conn:
        return [str(r["reference"]) for r in store.queries.references(conn)]


def unknown_reference(store: Store, reference: str) -> UserError:
    """An unknown reference, with the closest ones the register has."""
    known = references(store)
    probe = reference[:200]
    close = difflib.get_close_matches(probe, known, n=3, cutoff=0.5)
    close += [r for r in known if probe and probe.lower() in r.lower() and r not in close]
    hint = f" Did you mean: {', '.join(shown(r) for r in close[:3])}?" if close else ""
    return UserError(
        f"no case {quoted(reference)} in the register.{hint} `routewise case list --all` "
        "lists them all"
    )


def read_case(store: Store, reference: str) -> Case:
    with store.read() as conn:
        case = _case_in(store, conn, reference)
    if case is None:
        raise unknown_reference(store, reference)
    return case


def _case_in(store: Store, conn: Any, reference: str) -> Case | None:
    """The case as the transaction `conn` sees it; None if there is no such case."""
    row = store.queries.get_case(conn, reference=reference)
    if row is None:
        return None
    entries = [entry_from_row(r) for r in store.queries.history(conn, reference=reference)]
    return Case(reference=reference, row=dict(row), entries=entries, state=fold(entries))


def first_plan(store: Store, reference: str) -> dict[str, Any] | None:
    with store.read() as conn:
        row = store.queries.first_plan(conn, reference=reference)
    return json.loads(row["plan"]) if row else None


# --- writing ---------------------------------------------------------------------------


def summary_row(summary: Summary, key: str, case: Mapping[str, Any]) -> dict[str, Any]:
    """The summary's columns; `case`: the case's reference, route, raised and opened."""
    return {
        "owner": summary.owner,
        "closed": summary.closed.isoformat() if summary.closed else None,
        "paused": summary.paused.isoformat() if summary.paused else None,
        "next_number": summary.next_number,
        "next_step": summary.next_step,
        "next_action": summary.next_action,
        "deadlines": deadlines_json(summary.deadlines or []),
        **deciding_row("firm", summary.firm),
        **deciding_row("ideal", summary.ideal),
        **deciding_row("waiting", summary.waiting),
        "problem": summary.problem,
        "listing": listing_json(summary, case),
        "summary_key": key,
    }


def deciding_row(name: str, deadline: OpenDeadline | None) -> dict[str, Any]:
    """One deciding deadline as three columns (`firm_date`, `firm_number`, `firm_step`;
    the waiting one keeps what it waits for instead of a date)."""
    last = "text" if name == "waiting" else "date"
    if deadline is None:
        return {f"{name}_{last}": None, f"{name}_number": None, f"{name}_step": None}
    value = (
        deadline.waiting
        if name == "waiting"
        else deadline.date.isoformat()
        if deadline.date
        else None
    )
    return {
        f"{name}_{last}": value,
        f"{name}_number": deadline.number,
        f"{name}_step": deadline.step,
    }


def entry_row(
    reference: str, number: int, new: NewEntry, at: str, by: str, db_user: str | None
) -> dict[str, Any]:
    return {
        "reference": reference,
        "entry": number,
        "kind": new.kind,
        "day": new.day.isoformat() if new.day else None,
        "recorded_at": at,
        "recorded_by": by,
        "db_user": db_user,
        "step": new.step,
        "event": new.event,
        "note": new.note,
        "target": new.target,
        "detail": json.dumps(dict(new.detail), ensure_ascii=False, separators=(",", ":")),
    }


def as_entry(number: int, new: NewEntry, at: str, by: str, db_user: str | None = None) -> Entry:
    return Entry(
        entry=number,
        kind=new.kind,
        day=new.day,
        recorded_at=at,
        recorded_by=by,
        db_user=db_user,
        step=new.step,
        event=new.event,
        note=new.note,
        target=new.target,
        detail=dict(new.detail),
    )


class Changed(Exception):
    """The case's version moved on since it was read."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Written:
    entry: Entry
    case: Case
    """The case as it stands after the entry."""
    summary: Summary


def append(
    store: Store,
    planner: Planner,
    reference: str,
    make: Callable[[Case], NewEntry],
    *,
    at: Callable[[], str],
    by: str,
    today: date,
) -> Written:
    """Append the entry `make` works out from the case as read, and refresh its summary.

    If another writer changed the case in between, an entry that depends on what was read
    is refused (`changed_since`). Any other is worked out again on the case as it now
    stands, in a transaction that first holds the case's row (a no-op update: the row lock
    on PostgreSQL, the write lock on SQLite), so it waits for the other writer once instead
    of racing it again and again."""
    case = read_case(store, reference)
    new = make(case)
    try:
        with store.write() as conn:
            return _write(store, conn, planner, case, new, at(), by, today)
    except Changed:
        if new.depends_on_read:
            raise changed_since(store, reference) from None
    try:
        with store.write() as conn:
            store.queries.hold_case(conn, reference=reference)
            held = _case_in(store, conn, reference)
            if held is None:
                raise _Unknown
            return _write(store, conn, planner, held, make(held), at(), by, today)
    except _Unknown:
        raise unknown_reference(store, reference) from None


def _write(
    store: Store,
    conn: Any,
    planner: Planner,
    case: Case,
    new: NewEntry,
    when: str,
    by: str,
    today: date,
) -> Written:
    """The entry and the new summary, in the write transaction `conn`, only on the version
    read (`Changed` otherwise)."""
    reference = case.reference
    number = int(case.row["entries"]) + 1
    entry = as_entry(number, new, when, by, store.db_user)
    entries = [*case.entries, entry]
    state = fold(entries)
    summary = planner.summary(reference, state, today)
    row = {
        "reference": reference,
        "version": case.version,
        "entries": number,
        **summary_row(summary, planner.summary_key, case.row),
    }
    if store.queries.save_summary(conn, **row) != 1:
        raise Changed
    store.queries.add_entry(conn, **entry_row(reference, number, new, when, by, store.db_user))
    after = Case(
        reference=reference,
        row={**case.row, **row, "version": case.version + 1},
        entries=entries,
        state=state,
    )
    return Written(entry=entry, case=after, summary=summary)


class _Unknown(Exception):
    """No such case: said once the write transaction is over."""


def append_note(store: Store, reference: str, new: NewEntry, *, at: str, by: str) -> Entry:
    """An entry that changes nothing a plan is made from (a note), in one short transaction
    that raises the case's version and takes the next entry number as it does: no history
    read, no plan worked out, so many people's notes on one case wait only for each other's
    few milliseconds, never for a retry. The summary stays as it was."""
    try:
        with store.write() as conn:
            row = store.queries.bump_case(conn, reference=reference)
            if row is None:
                raise _Unknown
            number = int(row["entries"])
            store.queries.add_entry(
                conn, **entry_row(reference, number, new, at, by, store.db_user)
            )
    except _Unknown:
        raise unknown_reference(store, reference) from None
    return as_entry(number, new, at, by, store.db_user)


def changed_since(store: Store, reference: str) -> UserError:
    """Someone changed the case after it was read: who, and when."""
    with store.read() as conn:
        last = store.queries.last_change(conn, reference=reference)
    who = ""
    if last:
        also = f" (database user {shown(last['db_user'])})" if last["db_user"] else ""
        who = f" by {shown(last['recorded_by'])}{also} at {shown(last['recorded_at'])}"
    return UserError(
        f"case {quoted(reference)} was changed{who} while this change was being made; nothing "
        f"was recorded. Look at it again (routewise case show {shown(reference)}) and repeat "
        "the change if it still applies"
    )


def plan_json_text(plan: Plan) -> str:
    """A plan as compact JSON, as the register keeps the plan first given (without the
    route's chart, which the route itself can draw again). The same data as `plan_json`,
    made by the JSON encoder itself: ten times faster over an import of thousands."""
    return json.dumps(
        replace(plan, diagram=None), default=_plain, ensure_ascii=False, separators=(",", ":")
    )


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """One level of a plan for the JSON encoder: a dataclass or a person as its fields in
    declaration order, a date as ISO text."""
    if isinstance(value, date):
        return value.isoformat()
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None:
        if is_dataclass(value):
            names = tuple(f.name for f in fields(value))
        elif hasattr(kind, "model_fields"):
            names = tuple(kind.model_fields)
        else:
            raise TypeError(f"{kind.__name__} is not part of a plan")
        _FIELDS[kind] = names
    return {name: getattr(value, name) for name in names}
