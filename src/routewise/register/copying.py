"""Moving a register: every case and its whole history from one register to another (a
personal SQLite file into the team's PostgreSQL database, say), `routewise db copy`.

The copy reads the source in one snapshot and writes the target in one exclusive
transaction: a target that already holds any of the references is refused, naming them,
and nothing is added; the counts of cases, history entries and first plans are checked
before the transaction commits (a mismatch rolls it all back) and read again after. Rows
go across as they are (their versions, summaries and who recorded each entry), so a case
reads the same in its new home. A target with no settings of its own takes the source's;
one whose settings differ is said to need `routewise case refresh`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from routewise.base.safe_text import shown
from routewise.register.database import RegisterError
from routewise.register.settings import from_meta, settings_data
from routewise.register.store import DRIVERS, Store, load_queries

COPY_QUERIES = Path(__file__).with_name("copying.sql")
BATCH = 5000
"""Rows read and written at a time: memory stays flat however large the register."""
SHOWN_CLASHES = 20


@dataclass(frozen=True, kw_only=True, slots=True)
class Copied:
    cases: int
    entries: int
    notes: list[str] = field(default_factory=list)
    """What the person should know: settings taken over, or differing."""


def _counts(queries: Any, conn: Any) -> tuple[int, int, int]:
    row = queries.counts(conn)
    return int(row["cases"]), int(row["entries"]), int(row["plans"])


def _batches(query: Any, conn: Any) -> Any:
    with query(conn) as cursor:
        while rows := cursor.fetchmany(BATCH):
            yield [dict(r) for r in rows]


def clashes(source: list[str], target: set[str]) -> str | None:
    both = [r for r in source if r in target]
    if not both:
        return None
    named = ", ".join(shown(r) for r in both[:SHOWN_CLASHES])
    more = f" and {len(both) - SHOWN_CLASHES} more" if len(both) > SHOWN_CLASHES else ""
    noun = "case" if len(both) == 1 else "cases"
    return f"the target already holds {len(both)} {noun} with the same reference: {named}{more}"


def copy_register(
    source: Store, target: Store, *, by: str, at: str, log_kind: str = "copy"
) -> Copied:
    """Copy every case of `source` into `target` (both at this routewise's schema)."""
    src = load_queries(DRIVERS[source.kind], COPY_QUERIES)
    dst = load_queries(DRIVERS[target.kind], COPY_QUERIES)
    notes: list[str] = []
    with source.read() as read, target.write(exclusive=True) as write:
        from_refs = [str(r["reference"]) for r in source.queries.references(read)]
        clash = clashes(from_refs, {str(r["reference"]) for r in target.queries.references(write)})
        if clash:
            raise RegisterError(f"{clash}; nothing was copied")
        wanted = _counts(src, read)
        before = _counts(dst, write)
        for rows in _batches(src.all_cases_cursor, read):
            dst.copy_cases(write, rows)
        for rows in _batches(src.all_history_cursor, read):
            dst.copy_history(write, rows)
        for rows in _batches(src.all_first_plans_cursor, read):
            dst.copy_first_plans(write, rows)
        notes += _settings(source, read, target, write)
        after = _counts(dst, write)
        expected = tuple(b + w for b, w in zip(before, wanted, strict=True))
        if after != expected:
            raise RegisterError(
                f"the copy into {target.where} did not add up (cases, entries, first plans: "
                f"expected {expected}, found {after}); it was rolled back and nothing was copied"
            )
        target.queries.add_log(
            write,
            kind=log_kind,
            recorded_at=at,
            recorded_by=by,
            db_user=target.db_user,
            detail=json.dumps({"cases": wanted[0], "entries": wanted[1], "from": source.where}),
        )
    with target.read() as conn:  # and once more, as committed
        final = _counts(dst, conn)
    if final != expected:
        raise RegisterError(
            f"{target.where} holds {final} (cases, entries, first plans) after the copy, not "
            f"the {expected} expected: look at it before using it"
        )
    return Copied(cases=wanted[0], entries=wanted[1], notes=notes)


def _settings(source: Store, read: Any, target: Store, write: Any) -> list[str]:
    """The source's settings for a target with none; a note when they differ."""
    theirs = {r["name"]: r["value"] for r in target.queries.meta(write)}
    ours = {r["name"]: r["value"] for r in source.queries.meta(read)}
    mine = from_meta(ours)
    if mine is None:
        return []
    if from_meta(theirs) is None:
        for name, value in mine.as_meta().items():
            target.queries.set_meta(write, name=name, value=value)
        return ["the target had no settings yet: it takes this register's"]
    there = from_meta(theirs)
    assert there is not None
    if settings_data(there) == settings_data(mine) and there.version == mine.version:
        return []
    return [
        "the target's settings differ from this register's, so the copied cases are dated "
        "with the target's: run `routewise case refresh` on the target to work their dates out "
        "again"
    ]
