"""What `case list` reads and how it ranks cases: the stored summaries alone.

Kept apart from `cases` (writing, the engine's link) and `history` so that a list of
thousands loads and builds as little as it can before its first line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from routewise.register.status import (
    STATUSES,
    CaseStatus,
    OpenDeadline,
    Status,
    Summary,
    classify,
)
from routewise.register.store import Store


def summaries(store: Store, include_closed: bool = True) -> list[Mapping[str, Any]]:
    """What `case list` reads: the stored summary of every case (or every open one), and
    nothing else."""
    query = (
        store.queries.summaries_cursor if include_closed else store.queries.open_summaries_cursor
    )
    with store.read() as conn, query(conn) as cursor:
        return list(cursor.fetchall())  # in one call, not row by row through a generator


class Listed:
    """One case in the list: its stored row, and its status on the date asked for. The
    status is decided for every case (to rank them); it is worded, and the row's dates
    read, only for the cases shown."""

    __slots__ = ("_fixed", "rank", "reason", "row", "stale", "status_name", "which")

    def __init__(self, row: Mapping[str, Any], as_of: str, warn_until: str, key: str) -> None:
        self.row = row
        firm, ideal = row["firm_date"], row["ideal_date"]
        status, reason, which = classify(
            closed=row["closed"] is not None,
            problem=row["problem"] is not None,
            paused=row["paused"] is not None,
            firm=(firm, row["firm_number"]) if firm is not None else None,
            ideal=(ideal, row["ideal_number"]) if ideal is not None else None,
            waiting=row["waiting_number"] is not None,
            as_of=as_of,
            warn_until=warn_until,
        )
        self.status_name: Status = status
        self.reason, self.which = reason, which
        decided_on = row[f"{which}_date"] if which in ("firm", "ideal") else None
        self.rank = (STATUSES.index(status), decided_on or "9999-12-31", row["reference"])
        self.stale: bool = row["summary_key"] != key
        self._fixed: dict[str, Any] | None = None

    @property
    def fixed(self) -> dict[str, Any]:
        """What only a write changes (reference, route, dates, owner, next step), read
        from the JSON the summary keeps for the list (`status.listing_json`)."""
        if self._fixed is None:
            self._fixed = json.loads(f"{{{self.row['listing']}}}")
        return self._fixed

    @property
    def reference(self) -> str:
        return str(self.row["reference"])

    @property
    def route(self) -> str:
        return str(self.fixed["route"])

    @property
    def owner(self) -> str:
        return str(self.fixed["owner"])

    @property
    def raised(self) -> date:
        return date.fromisoformat(self.fixed["raised"])

    @property
    def opened(self) -> date:
        return date.fromisoformat(self.fixed["opened"])

    @property
    def summary(self) -> Summary:
        row, fixed = self.row, self.fixed
        nxt = fixed["next"] or {}
        return Summary(
            owner=fixed["owner"],
            closed=_day(row["closed"]),
            paused=_day(row["paused"]),
            next_number=nxt.get("number"),
            next_step=nxt.get("step"),
            next_action=nxt.get("action"),
            firm=_deadline(row, "firm"),
            ideal=_deadline(row, "ideal"),
            waiting=_deadline(row, "waiting"),
            problem=row["problem"],
        )

    @property
    def status(self) -> CaseStatus:
        """The status with what decided it, to be worded."""
        row = self.row
        return CaseStatus(
            status=self.status_name,
            reason=self.reason,
            deciding=_deadline(row, self.which) if self.which else None,
            since=_day(row["closed"] or row["paused"]),
            problem=row["problem"],
        )


def listed(
    rows: Iterable[Mapping[str, Any]], as_of: date, warn_until: date, key: str
) -> list[Listed]:
    """Every case with its status on `as_of`, most urgent first: from the status inputs
    each case stores (no JSON to parse, no engine to run)."""
    day, until = as_of.isoformat(), warn_until.isoformat()
    out = [Listed(row, day, until, key) for row in rows]
    out.sort(key=lambda c: c.rank)
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
