"""Opening cases: the entries a new case starts with, worked out before its transaction
(so an import of thousands checks every case first), then added in one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from routewise.base.errors import UserError
from routewise.base.safe_text import quoted
from routewise.register.cases import (
    Case,
    NewEntry,
    as_entry,
    entry_row,
    plan_json_text,
    summary_row,
)
from routewise.register.history import CaseState, fold
from routewise.register.status import Summary, summarise
from routewise.register.store import Store

if TYPE_CHECKING:
    from routewise.model.plan import Plan
    from routewise.register.planner import Planner


@dataclass(frozen=True, kw_only=True, slots=True)
class Opening:
    """A new case: what it is opened with, and what is already known about it."""

    reference: str
    route: str
    raised: date
    answers: Mapping[str, Any]
    """In the answers-file form."""
    contacts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    owner: str
    events: Mapping[str, date] = field(default_factory=dict)
    done: Mapping[str, date] = field(default_factory=dict)
    closed: date | None = None
    close_reason: str = ""
    route_digest: str
    source: str = "triage"
    """How it was opened: triage, the wizard or an import."""


def opening_entries(opening: Opening) -> list[NewEntry]:
    """The history a new case starts with: its opening, then what was already known."""
    entries = [
        NewEntry(
            kind="opened",
            day=opening.raised,
            detail={
                "route": opening.route,
                "raised": opening.raised.isoformat(),
                "answers": dict(opening.answers),
                "contacts": {r: dict(p) for r, p in opening.contacts.items()},
                "owner": opening.owner,
                "source": opening.source,
            },
        )
    ]
    entries += [NewEntry(kind="event", day=d, event=e) for e, d in opening.events.items()]
    entries += [NewEntry(kind="done", day=d, step=s) for s, d in opening.done.items()]
    if opening.closed is not None:
        entries.append(NewEntry(kind="close", day=opening.closed, note=opening.close_reason))
    return entries


@dataclass(frozen=True, kw_only=True, slots=True)
class Prepared:
    """A new case worked out before its transaction: entries, state, plans and summary."""

    opening: Opening
    news: list[NewEntry]
    state: CaseState
    first: Plan
    summary: Summary


def prepare(
    opening: Opening,
    planner: Planner,
    *,
    by: str,
    at: str,
    today: date,
    plan: Plan | None = None,
    base: Plan | None = None,
) -> Prepared:
    """Work out a new case: its first entries, its plan and its summary. `plan`: the plan as
    first given (the triage's; else the engine's). `base`: the engine's plan if already made
    (steps done and closing do not change it). Raises what the engine refuses."""
    from routewise.register.planning import case_plan

    news = opening_entries(opening)
    entries = [as_entry(n, new, at, by) for n, new in enumerate(news, start=1)]
    state = fold(entries)
    base = base or planner.base(state)
    summary = summarise(state, case_plan(base, state, planner.calendar, planner.warn_days, today))
    return Prepared(opening=opening, news=news, state=state, first=plan or base, summary=summary)


def insert_case(
    store: Store, conn: Any, new: Prepared, planner: Planner, *, at: str, by: str, today: date
) -> Case:
    """Add a prepared case inside the write transaction `conn`; refused if the reference
    is taken."""
    opening = new.opening
    if store.queries.get_case(conn, reference=opening.reference) is not None:
        raise UserError(
            f"case {quoted(opening.reference)} already exists; nothing was recorded. Choose "
            "another reference, or record on it with `routewise case record`"
        )
    store.queries.add_case(
        conn,
        reference=opening.reference,
        route=opening.route,
        raised=opening.raised.isoformat(),
        opened=today.isoformat(),
        entries=len(new.news),
        route_digest=opening.route_digest,
        **summary_row(
            new.summary,
            planner.summary_key,
            {
                "reference": opening.reference,
                "route": opening.route,
                "raised": opening.raised.isoformat(),
                "opened": today.isoformat(),
            },
        ),
    )
    for n, entry in enumerate(new.news, start=1):
        store.queries.add_entry(
            conn, **entry_row(opening.reference, n, entry, at, by, store.db_user)
        )
    store.queries.add_first_plan(conn, reference=opening.reference, plan=plan_json_text(new.first))
    row = {"reference": opening.reference, "version": 1, "entries": len(new.news)}
    entries = [as_entry(n, e, at, by, store.db_user) for n, e in enumerate(new.news, start=1)]
    return Case(reference=opening.reference, row=row, entries=entries, state=new.state)
