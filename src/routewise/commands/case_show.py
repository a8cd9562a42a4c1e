"""`routewise case show REF`: one case, its steps' statuses on a date and its history,
in the terminal, JSON, markdown or a calendar file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from routewise.base.errors import UserError
from routewise.base.safe_text import shown
from routewise.commands.case import Register, as_of_date, closing, need_register

if TYPE_CHECKING:
    from routewise.register.case_view import Shown
    from routewise.register.cases import Case


@closing
def show(
    config: Path | None,
    reference: str,
    *,
    as_of: str | None,
    output_format: str,
    output: Path | None,
    force: bool,
    plain: bool,
) -> None:
    if output_format == "ics" and output is None:
        raise UserError("--format ics writes a calendar file: add --output PATH")
    if output is not None:
        from routewise.base.files import check_target

        check_target(output, force)
    reg = need_register(config)
    day = as_of_date(as_of, reg.today)
    shown_case = shown_of(reg, reference, day)
    from routewise.register import case_view

    if output_format == "rich" and output is None:
        from routewise.commands.common import plain_wanted
        from routewise.render.console import console

        plain = plain_wanted(plain)
        case_view.render_terminal(shown_case, console(plain), plain)
        return
    if output_format == "ics":
        text = _ics(reg, shown_case)
    elif output_format == "json":
        text = case_view.render_json(shown_case)
    else:
        text = case_view.render_markdown(shown_case)
    if output is None:
        typer.echo(text, nl=False)
        return
    from routewise.base.files import write_private
    from routewise.commands.common import saved_message

    target = write_private(output, text, force=force)
    typer.echo(saved_message(f"case {shown(reference)}", target), err=True)


def _ics(reg: Register, shown_case: Shown) -> str:
    """The case's open dated deadlines as a calendar file, each event named with the case."""
    from dataclasses import replace

    from routewise.render import ics

    if shown_case.plan is None:
        raise UserError(
            f"case {shown(shown_case.case.reference)} has no plan to put in a calendar: "
            f"{shown_case.problem}"
        )
    open_steps = [
        step
        for step, where in zip(shown_case.plan.plan.steps, shown_case.plan.steps, strict=True)
        if where.done is None
    ]
    plan = replace(shown_case.plan.plan, steps=open_steps)
    return ics.render(
        plan,
        case=shown_case.case.reference,
        calendar=reg.settings.calendar(),
        ids=_calendar_ids(shown_case.case),
    )


def _calendar_ids(case: Case) -> dict[str, tuple[str, int]]:
    """Each step's UID and SEQUENCE, as `case export` gives them: one calendar event per
    case and step, whichever command wrote the file."""
    from routewise.register.calendar_file import uid
    from routewise.register.schedule import read_schedule

    reference, opened = case.reference, str(case.row["opened"])
    return {
        kept.step: (uid(reference, opened, kept.step), kept.seq)
        for kept in read_schedule(case.row.get("deadlines")).steps
    }


def shown_of(reg: Register, reference: str, day: date) -> Shown:
    """Everything `case show` says about a case on `day`."""
    from routewise.register.case_view import Shown
    from routewise.register.cases import first_plan, read_case
    from routewise.register.status import case_status, summarise
    from routewise.register.timing import warn_until

    case = read_case(reg.store, reference)
    state = case.state
    plan, problem = None, None
    try:
        plan = reg.planner.plan(state, day)
    except UserError as exc:
        from routewise.register.planner import problem_text

        problem = problem_text(reference, exc)
    summary = summarise(state, plan, problem)
    until = warn_until(day, reg.settings.warn_days, reg.settings.calendar())
    route = reg.planner.catalogue.routes.get(state.route)
    first = first_plan(reg.store, reference)
    return Shown(
        case=case,
        plan=plan,
        problem=problem,
        status=case_status(summary, day, until),
        route_title=route.title if route else state.route,
        events={e.id: e.text for e in route.events} if route else {},
        route_changes=_route_changes(reg, case, first),
        first_plan=first,
    )


def _route_changes(reg: Register, case: Case, first: dict[str, Any] | None) -> list[str] | None:
    """None when the route's files are as they were when the case was opened."""
    from dataclasses import replace

    from routewise.register.history import fold
    from routewise.register.route_change import route_changes
    from routewise.register.settings import route_digest

    if route_digest(reg.settings.folders(), case.state.route) == case.row["route_digest"]:
        return None
    if first is None:
        return []
    opening = fold(case.entries[:1])
    events = {e["id"]: date.fromisoformat(e["date"]) for e in first.get("events", []) if e["date"]}
    try:
        now = reg.planner.base(replace(opening, events=events))
    except UserError as exc:
        return [f"the plan cannot be made from the first answers any more: {exc}"]
    return route_changes(first, now)
