"""`routewise flows test DIR`: a folder's own test cases, run against its routes.

A council that upgrades routewise, or changes a route, needs to know its folder still gives
the same advice. Each file in a folder's `tests/` subfolder is one case: an answers file
(route, date raised, answers, event dates) with `expect:`, what the plan must show (the
outcome, the step "Next" names, and the steps in order with who acts, whom they contact,
their date and whether they are done). Cases run on the built-ins with the folder on top,
with no config file: no council titles, contacts or closure days, so a case gives the same
result on every machine. Each failure is reported with the difference.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from routewise.base.errors import FileError, UserError
from routewise.base.safe_text import visible
from routewise.calendar.working_days import format_day
from routewise.model.common import Id
from routewise.wizard.answers import AnswersFile, FileDay

if TYPE_CHECKING:
    from routewise.model.plan import Plan

TESTS_FOLDER = "tests"
"""Where a flow folder keeps its test cases: one YAML file per case."""

Echo = Callable[[str], None]


class ExpectedStep(BaseModel):
    """One step as the plan must show it; only the fields given are compared."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: Id
    who: str | None = None
    """Who acts, as the plan words it: "the officer and the member, each separately"."""
    contacts: list[str] | None = None
    """Every contact group, as the plan words each, in order."""
    by: FileDay | None = None
    """The deadline's date."""
    done: bool | FileDay | None = None
    """true (done, with or without a date), false (still to do), or the date it was done."""


class Expected(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    outcome: Id | None = None
    next: Id | None = None
    """The step "Next" names (the first step still to do)."""
    steps: list[ExpectedStep | Id] | None = None
    """Every step of the plan, in order: an id, or a step with what it must show."""


class FlowTest(AnswersFile):
    """A test case: an answers file with a date raised and what the plan must show."""

    raised: FileDay  # required here: a case's dates must not follow the clock
    region: Literal["england-and-wales", "scotland", "northern-ireland", "uk-any"] = (
        "england-and-wales"
    )
    about: str | None = None
    """What the case checks, in a line (shown when it fails)."""
    expect: Expected = Field(default_factory=Expected)


def test_files(folder: Path) -> list[Path]:
    return sorted((folder / TESTS_FOLDER).glob("*.yaml"))


def run(folders: Sequence[Path], echo: Echo) -> int:
    """Every case in each folder's tests/: 0 all passed, 1 some failed, 2 some could not run."""
    from routewise.flows.folders import load_flows

    flows = load_flows(list(folders))
    passed = failed = broken = 0
    empty = False
    for folder in folders:
        if not folder.is_dir():
            echo(visible(f"{folder}: error: flows folder not found"))
            empty = True
            continue
        cases = test_files(folder)
        if not cases:
            echo(visible(f"{folder}: no test cases (put them in {folder / TESTS_FOLDER}/*.yaml)"))
            empty = True
        for path in cases:
            try:
                differences = run_case(path, flows)
            except (FileError, UserError) as exc:
                echo(visible(_error_line(path, exc)))
                broken += 1
                continue
            if differences:
                failed += 1
                echo(visible(f"{path}: FAILED"))
                about = _about(path)
                if about:
                    echo(visible(f"  ({about})"))
                for difference in differences:
                    echo(visible(f"  {difference}"))
            else:
                passed += 1
                echo(visible(f"{path}: passed"))
    total = passed + failed + broken
    could_not = f", {broken} could not run" if broken else ""
    echo(f"{total} test{'' if total == 1 else 's'}: {passed} passed, {failed} failed{could_not}.")
    if broken or empty:
        return 2
    return 1 if failed else 0


def _about(path: Path) -> str | None:
    """The case's own line on what it checks (it has been read once already)."""
    from routewise.flows.reading import read_model

    about = read_model(path, FlowTest).about
    return " ".join(about.split()) if about else None


def _error_line(path: Path, exc: UserError) -> str:
    """As `flows check` words a problem: `file:line: error: field: problem`."""
    if isinstance(exc, FileError):
        at = f"{exc.path}:{exc.line}" if exc.line else str(exc.path)
        field = f"{exc.field}: " if exc.field else ""
        return f"{at}: error: {field}{exc.problem}"
    return f"{path}: error: {exc.message}"


def run_case(path: Path, flows: object) -> list[str]:
    """The differences between the plan and what the case expects (none: it passed)."""
    from routewise.calendar.working_days import WorkingCalendar
    from routewise.engine.assemble import build_plan
    from routewise.flows.folders import Flows
    from routewise.flows.reading import read_model
    from routewise.wizard.answers import coerce_all

    assert isinstance(flows, Flows)
    case = read_model(path, FlowTest)
    route = flows.catalogue.routes.get(case.route)
    if route is None:
        problem = flows.broken.get(case.route)
        if problem is not None:
            raise UserError(
                f"route {case.route!r} cannot run: {problem}; run `routewise flows check`"
            )
        from routewise.base.suggest import closest

        raise UserError(
            f"route: unknown route {case.route!r}: "
            + closest(case.route, list(flows.catalogue.routes))
        )
    answers = coerce_all(route, case.answers)
    plan = build_plan(
        flows.catalogue,
        route,
        answers,
        case.raised,
        WorkingCalendar(case.region),
        people=case.contacts,
        events=case.events,
    )
    return differences(plan, case.expect)


def differences(plan: Plan, expect: Expected) -> list[str]:
    """What the plan shows that the case does not expect, one line each, in plan order."""
    from routewise.render.plan_view import next_step

    found: list[str] = []
    if expect.outcome is not None and plan.outcome != expect.outcome:
        found.append(f"outcome: expected {expect.outcome}; the plan reaches {plan.outcome}")
    if expect.next is not None:
        step = next_step(plan)
        got = f"step {step.number} ({step.id})" if step else "no step (every step is done)"
        if step is None or step.id != expect.next:
            found.append(f"next: expected {expect.next}; the plan's Next is {got}")
    if expect.steps is None:
        return found
    wanted = [s if isinstance(s, ExpectedStep) else ExpectedStep(id=s) for s in expect.steps]
    ids = [s.id for s in plan.steps]
    if ids != [s.id for s in wanted]:
        missing = [s.id for s in wanted if s.id not in ids]
        extra = [i for i in ids if i not in {s.id for s in wanted}]
        detail = "; ".join(
            part
            for part in (
                f"missing: {', '.join(missing)}" if missing else "",
                f"not expected: {', '.join(extra)}" if extra else "",
                "" if missing or extra else "the order differs",
            )
            if part
        )
        found.append(
            f"steps: expected {', '.join(s.id for s in wanted)}; the plan has "
            f"{', '.join(ids)} ({detail})"
        )
    by_id = {s.id: s for s in plan.steps}
    for want in wanted:
        step = by_id.get(want.id)
        if step is None:
            continue
        at = f"step {step.number} ({step.id})"
        if want.who is not None and step.actor_text != want.who:
            found.append(
                f"{at}: who: expected \u201c{want.who}\u201d; the plan says "
                f"\u201c{step.actor_text}\u201d"
            )
        if want.contacts is not None:
            said = [g.text() for g in step.contacts]
            if said != want.contacts:
                found.append(
                    f"{at}: contacts: expected {_listed(want.contacts)}; the plan says "
                    f"{_listed(said)}"
                )
        if want.by is not None:
            day = step.deadline.date if step.deadline else None
            if day != want.by:
                got = (
                    format_day(day)
                    if day
                    else "no date"
                    + (f" ({step.deadline.text})" if step.deadline else " (no time limit)")
                )
                found.append(f"{at}: by: expected {format_day(want.by)}; the plan says {got}")
        if want.done is not None:
            found += _done(
                at, want.done, step.done.date if step.done else None, step.done is not None
            )
    return found


def _done(at: str, want: bool | date, day: date | None, done: bool) -> list[str]:
    if isinstance(want, bool):
        if want != done:
            return [
                f"{at}: done: expected {'done' if want else 'still to do'}; the plan shows "
                f"it {'done' if done else 'still to do'}"
            ]
        return []
    if day != want:
        got = format_day(day) if day else ("done, with no date" if done else "still to do")
        return [f"{at}: done: expected {format_day(want)}; the plan says {got}"]
    return []


def _listed(items: list[str]) -> str:
    return "; ".join(f"\u201c{i}\u201d" for i in items) or "none"
