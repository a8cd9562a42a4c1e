"""What `case list` reads and how it ranks cases: the stored summaries alone.

Kept apart from `cases` (writing, the engine's link) and `history` so that a list of
thousands loads and builds as little as it can before its first line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from routewise.register.status import CaseStatus, OpenDeadline, Summary, case_status, urgency
from routewise.register.store import Store


def summaries(store: Store) -> list[Mapping[str, Any]]:
    """What `case list` reads: the stored summary of every case, and nothing else."""
    with store.read() as conn:
        return list(store.queries.summaries(conn))


@dataclass(frozen=True, kw_only=True, slots=True)
class Listed:
    """One case in the list: what was stored, and its status on the date asked for."""

    reference: str
    route: str
    owner: str
    raised: date
    opened: date
    summary: Summary
    status: CaseStatus
    stale: bool


def listed(
    rows: Iterable[Mapping[str, Any]], as_of: date, warn_until: date, key: str
) -> list[Listed]:
    """Every case with its status on `as_of`, most urgent first: from the status inputs
    each case stores (no JSON to parse, no engine to run)."""
    out: list[Listed] = []
    for row in rows:
        summary = Summary(
            owner=row["owner"],
            closed=_day(row["closed"]),
            paused=_day(row["paused"]),
            next_number=row["next_number"],
            next_step=row["next_step"],
            next_action=row["next_action"],
            firm=_deadline(row, "firm"),
            ideal=_deadline(row, "ideal"),
            waiting=_deadline(row, "waiting"),
            problem=row["problem"],
        )
        out.append(
            Listed(
                reference=row["reference"],
                route=row["route"],
                owner=row["owner"],
                raised=date.fromisoformat(row["raised"]),
                opened=date.fromisoformat(row["opened"]),
                summary=summary,
                status=case_status(summary, as_of, warn_until),
                stale=row["summary_key"] != key,
            )
        )
    out.sort(key=lambda c: urgency(c.status, c.reference))
    return out


def _deadline(row: Mapping[str, Any], name: str) -> OpenDeadline | None:
    number = row[f"{name}_number"]
    if number is None:
        return None
    if name == "waiting":
        return OpenDeadline(
            step=row["waiting_step"],
            number=number,
            date=None,
            ideally=False,
            waiting=row["waiting_text"],
        )
    return OpenDeadline(
        step=row[f"{name}_step"],
        number=number,
        date=date.fromisoformat(row[f"{name}_date"]),
        ideally=name == "ideal",
        waiting=None,
    )


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
