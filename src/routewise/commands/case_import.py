"""`routewise case import FILE`: the cases a council already has, all at once or not at all.

The file is a YAML or JSON list. Each item is an answers file (`route`, `raised`,
`answers`, `events`, `contacts`) with a `reference`, and optionally `owner`, `done`
(`{STEP: DATE}`, a step by id or number) and `closed` (a date, or `{date: DATE, reason:
TEXT}`). Every item is checked first, against the route and the engine as a case opened by
`triage --case` would be; every problem is reported with its position, reference and field;
only a file with none goes in, in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from routewise.base.errors import AnswerError, FileError, UserError, report
from routewise.base.safe_text import shown
from routewise.commands.case import Register, closing, open_register
from routewise.model.person import ShortText
from routewise.register import clock
from routewise.wizard.answers import AnswersFile, FileDay

if TYPE_CHECKING:
    from routewise.register.opening import Prepared

SHOWN_PROBLEMS = 50
"""Problems listed one a line before the rest are counted."""


CLOSED_BEFORE = "closed before it was imported"


class ClosedAt(BaseModel):
    """`closed: {date: DATE, reason: TEXT}` (not `on:`, which YAML reads as true)."""

    model_config = ConfigDict(extra="forbid")

    date: FileDay
    reason: ShortText = CLOSED_BEFORE


class ImportedCase(AnswersFile):
    """One case in an import file: an answers file with a reference, and what is known."""

    reference: str
    owner: ShortText | None = None
    done: dict[str | int, FileDay] = Field(default_factory=dict)
    """Steps done, by id or by the number the plan shows."""
    closed: FileDay | ClosedAt | None = None


def read_items(path: Path) -> list[Any]:
    """The file's list of cases, as parsed: JSON if it says so, else YAML (within limits)."""
    from routewise.base.files import read_text

    text = read_text(path, "case import file")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise FileError(path, None, "", f"not valid JSON: {exc}") from None
    else:
        from routewise.flows import yaml_safe

        try:
            data, _ = yaml_safe.parse(text)
        except yaml_safe.YamlProblem as exc:
            raise FileError(path, exc.line, "", exc.problem) from None
    if not isinstance(data, list):
        raise FileError(path, None, "", "expected a list of cases (each starting `- reference:`)")
    return data


@closing
def run(config: Path | None, path: Path) -> None:
    items = read_items(path)
    reg = open_register(config, create=True)
    assert reg is not None
    from routewise.register.cases import references

    taken = set(references(reg.store))
    problems: list[str] = []
    ready: list[Prepared] = []
    seen: dict[str, int] = {}
    at = clock.now()
    for position, item in enumerate(items, start=1):
        label = _label(position, item)
        try:
            case = ImportedCase.model_validate(item)
        except ValidationError as exc:
            problems += [f"{label}: {field}: {said}" for field, said in _first_per_field(exc)]
            continue
        except RecursionError:
            problems.append(f"{label}: nested far too deeply")
            continue
        if case.reference in seen:
            problems.append(f"{label}: reference: also case {seen[case.reference]} in this file")
            continue
        seen[case.reference] = position
        if case.reference in taken:
            problems.append(f"{label}: reference: the register already has this case")
            continue
        try:
            ready.append(_prepare(reg, case, at))
        except _Problem as exc:
            problems.append(f"{label}: {exc.field}: {exc.problem}")
    if problems:
        for line in problems[:SHOWN_PROBLEMS]:
            report(f"{shown(path)}: {line}")
        more = len(problems) - SHOWN_PROBLEMS
        if more > 0:
            report(f"{shown(path)}: and {more} more problems")
        noun = "problem" if len(problems) == 1 else "problems"
        raise UserError(f"{shown(path)}: {len(problems)} {noun}; nothing was imported")
    from routewise.register.opening import insert_case

    with reg.store.write(exclusive=True) as conn:
        for prepared in ready:
            insert_case(reg.store, conn, prepared, reg.planner, at=at, by=reg.who, today=reg.today)
    noun = "case" if len(ready) == 1 else "cases"
    typer.echo(f"Imported {len(ready)} {noun} into {reg.store.where}.")


class _Problem(Exception):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field, self.problem = field, problem


def _label(position: int, item: Any) -> str:
    reference = item.get("reference") if isinstance(item, Mapping) else None
    return f"case {position}" + (f" ({shown(reference, 60)})" if reference else "")


def _first_per_field(exc: ValidationError) -> list[tuple[str, str]]:
    """One problem per field: a field that may be a date or a mapping (`closed`) would
    otherwise get one line for each form it failed."""
    said: dict[str, str] = {}
    for error in exc.errors(include_url=False):
        loc = [str(p) for p in error["loc"] if not str(p).startswith(("function-", "union["))]
        field = ".".join(p for p in loc if p not in ("date", "ClosedAt")) or "(the case)"
        top = field.split(".", 1)[0]
        if not any(f.split(".", 1)[0] == top for f in said):
            said[field] = str(error["msg"]).removeprefix("Value error, ")
    return list(said.items())


def _prepare(reg: Register, case: ImportedCase, at: str) -> Prepared:
    """The case worked out as `triage --case` would open it, or the first problem found."""
    from dataclasses import replace

    from routewise.register.cases import as_entry
    from routewise.register.entries import check_reference
    from routewise.register.history import fold
    from routewise.register.opening import Opening, opening_entries, prepare
    from routewise.register.planning import engine_answers, stored_answer
    from routewise.register.settings import route_digest

    try:
        reference = check_reference(case.reference)
    except UserError as exc:
        raise _Problem("reference", str(exc)) from None
    route = reg.planner.catalogue.routes.get(case.route)
    if route is None:
        raise _Problem("route", f"no such route in the register's flows: {shown(case.route)}")
    raised = case.raised or reg.today
    _in_range("raised", raised, reg.today)
    for event_id, day in case.events.items():
        _in_range(f"events.{event_id}", day, reg.today, raised)
    try:
        answers = engine_answers(route, case.answers)
        opening = Opening(
            reference=reference,
            route=route.id,
            raised=raised,
            answers={k: stored_answer(v) for k, v in answers.items()},
            contacts={r: p.model_dump(exclude_none=True) for r, p in case.contacts.items()},
            owner=case.owner or reg.who,
            events=dict(case.events),
            route_digest=route_digest(reg.settings.folders(), route.id),
            source="import",
        )
        entries = opening_entries(opening)
        state = fold([as_entry(n, e, at, reg.who) for n, e in enumerate(entries, start=1)])
        base = reg.planner.base(state)
    except AnswerError as exc:
        question = exc.question
        field = (
            f"events.{question.removeprefix('event ')}"
            if question.startswith("event ")
            else f"answers.{question}"
        )
        raise _Problem(field, str(exc)) from None
    except UserError as exc:
        raise _Problem("answers", str(exc)) from None
    done: dict[str, date] = {}
    for key, day in case.done.items():
        given = str(key)
        step = next((s for s in base.steps if given in (s.id, str(s.number))), None)
        if step is None:
            listed = ", ".join(f"{s.number} ({s.id})" for s in base.steps)
            raise _Problem(f"done.{given}", f"no such step in the plan; its steps: {listed}")
        _in_range(f"done.{given}", day, reg.today, raised)
        if step.done is None:  # the step the date raised stands for is done already
            done[step.id] = day
    closed, reason = None, ""
    if isinstance(case.closed, ClosedAt):
        closed, reason = case.closed.date, case.closed.reason
    elif case.closed is not None:
        closed, reason = case.closed, CLOSED_BEFORE
    if closed is not None:
        _in_range("closed", closed, reg.today, raised)
    opening = replace(opening, done=done, closed=closed, close_reason=reason)
    return prepare(opening, reg.planner, by=reg.who, at=at, today=reg.today, base=base)


def _in_range(field: str, day: date, today: date, raised: date | None = None) -> None:
    from routewise.calendar.working_days import format_day

    if day > today:
        raise _Problem(field, f"{format_day(day)} is in the future")
    if raised is not None and day < raised:
        raise _Problem(field, f"{format_day(day)} is before the date raised, {format_day(raised)}")
