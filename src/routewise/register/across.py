"""What the views across cases read (`case upcoming`, `case export`, `case report`), and the
filters they share with `case list`.

Each case is its stored row: the columns a filter needs (route, owner, the date raised, the
date closed), the status inputs `case list` judges a status from (`listing.Listed`), and
the schedule (`schedule`), parsed only for the cases a view keeps. Nothing here runs the
engine.

The filters mean the same on every command:

- `--route R`, `--owner NAME` (any case of letters), `--status S` (on the date the command
  judges on);
- `--from DATE`, `--to DATE`, a period: `case list` and `case report` keep the cases open on
  some day of it (raised by its end, and not closed before its start); `case upcoming` and
  `case export` keep the deadlines that fall in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from routewise.base.errors import UserError
from routewise.calendar.dates import option_date
from routewise.calendar.working_days import format_day
from routewise.register.listing import Listed
from routewise.register.schedule import Schedule, read_schedule
from routewise.register.status import Status
from routewise.register.store import Store


@dataclass(frozen=True, kw_only=True, slots=True)
class Filters:
    """`--route`, `--status`, `--owner`, `--from` and `--to`, as every command reads them.
    A filter of the cases a person owns (a team's `--mine`) is an `owner`: the same test on
    every command."""

    route: str | None = None
    status: str | None = None
    owner: str | None = None
    start: date | None = None
    """`--from`: the first day of the period."""
    end: date | None = None
    """`--to`: the last day of the period."""

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise UserError(
                f"--from {format_day(self.start)} is after --to {format_day(self.end)}: "
                "give the period's first day with --from and its last with --to"
            )

    def keeps(self, route: str, owner: str) -> bool:
        """The case's route and owner are the ones asked for (the status is judged apart)."""
        if self.route is not None and route != self.route:
            return False
        return self.owner is None or owner.casefold() == self.owner.casefold()

    def open_in_period(self, raised: str, closed: str | None) -> bool:
        """Open on some day of the period: raised by its last day, not closed before its
        first (ISO dates, compared as text)."""
        if self.end is not None and raised > self.end.isoformat():
            return False
        return self.start is None or closed is None or closed >= self.start.isoformat()

    def in_window(self, day: str) -> bool:
        """A deadline's date (ISO text, as the schedule keeps it) falls in the period."""
        if self.start is not None and day < self.start.isoformat():
            return False
        return self.end is None or day <= self.end.isoformat()


def options(
    route: str | None,
    status: str | None,
    owner: str | None,
    start: str | None,
    end: str | None,
) -> Filters:
    """The filters as typed on the command line: the dates read (a period that ends before
    it starts is refused, naming both)."""
    return Filters(
        route=route,
        status=status,
        owner=owner,
        start=option_date(start, "--from") if start is not None else None,
        end=option_date(end, "--to") if end is not None else None,
    )


def rows(store: Store) -> list[Mapping[str, Any]]:
    """Every open case's row with its schedule, in one call."""
    with store.read() as conn, store.queries.open_schedules_cursor(conn) as cursor:
        return list(cursor.fetchall())


def period_rows(store: Store, filters: Filters, last: date) -> list[Mapping[str, Any]]:
    """The row of every case open on some day of the period (up to `last`), with its
    schedule, in one call: a report of one quarter reads only that quarter's cases."""
    first = filters.start.isoformat() if filters.start is not None else "0000-01-01"
    query = store.queries.period_schedules_cursor
    with store.read() as conn, query(conn, first=first, last=last.isoformat()) as cursor:
        return list(cursor.fetchall())


class Across:
    """One case as the views across cases see it: its row, its status on the date judged
    (as `case list` judges it) and, read when first asked for, its schedule."""

    __slots__ = ("_schedule", "listed", "row")

    def __init__(self, row: Mapping[str, Any], as_of: str, warn_until: str, key: str) -> None:
        self.row = row
        self.listed = Listed(row, as_of, warn_until, key)
        self._schedule: Schedule | None = None

    @property
    def reference(self) -> str:
        return str(self.row["reference"])

    @property
    def route(self) -> str:
        return str(self.row["route"])

    @property
    def owner(self) -> str:
        return str(self.row["owner"])

    @property
    def raised(self) -> date:
        return date.fromisoformat(self.row["raised"])

    @property
    def closed(self) -> date | None:
        closed = self.row["closed"]
        return date.fromisoformat(closed) if closed else None

    @property
    def status(self) -> Status:
        return self.listed.status_name

    @property
    def stale(self) -> bool:
        return self.listed.stale

    @property
    def schedule(self) -> Schedule:
        if self._schedule is None:
            self._schedule = read_schedule(self.row["deadlines"])
        return self._schedule

    @property
    def title(self) -> str:
        """The route's title, as the schedule keeps it (its id if it has none)."""
        return self.schedule.title or self.route


def across(
    found: Iterable[Mapping[str, Any]], filters: Filters, as_of: date, warn_until: date, key: str
) -> list[Across]:
    """The cases with the route and owner asked for, and the status asked for on `as_of`
    (the period is each view's own: see `Filters`)."""
    day, until = as_of.isoformat(), warn_until.isoformat()
    kept = [
        Across(row, day, until, key)
        for row in found
        if filters.keeps(str(row["route"]), str(row["owner"]))
    ]
    if filters.status is not None:
        kept = [c for c in kept if c.status == filters.status]
    return kept


def stale_warning(stale: int) -> str | None:
    """What a view says when `stale` of the summaries it read are stale."""
    if not stale:
        return None
    return (
        f"{stale} of these summaries were made with older flow files or settings; "
        "`routewise case refresh` brings them up to date"
    )
