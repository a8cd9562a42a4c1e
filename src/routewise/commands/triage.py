"""`routewise triage`: answers from options, a file or prompts, then the action plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from routewise.base.errors import FileError, UserError, argument_text, warn
from routewise.base.safe_text import quoted, shown
from routewise.calendar.dates import option_date, today
from routewise.commands import common
from routewise.commands.common import (
    calendar_for,
    get_route,
    load,
    settings_for,
)
from routewise.commands.output import render, save

if TYPE_CHECKING:
    from routewise.config.settings import Settings
    from routewise.engine.paths import Answer
    from routewise.model.catalogue import Catalogue
    from routewise.model.person import Person
    from routewise.model.plan import Plan
    from routewise.model.route import Route

NO_TERMINAL = (
    "no terminal to ask questions on (standard input is not a terminal). "
    "Run it non-interactively instead: routewise triage --route ROUTE "
    "--answer QUESTION-ID=VALUE ... [--raised YYYY-MM-DD], or --answers FILE. "
    "`routewise explain ROUTE --format json` lists the question ids and choices."
)


@dataclass(kw_only=True, slots=True)
class Request:
    """What the command line asked for, before any question is answered."""

    route_id: str | None
    answers_file: Path | None
    answer_options: list[str]
    event_options: list[str]
    raised: str | None
    output_format: str
    output: Path | None
    force: bool
    why: bool
    config: Path | None
    region: str | None
    plain: bool = False
    case: str | None = None
    """The case to save the plan as (`--case REF`); it also names the calendar's events."""
    case_contacts: dict[str, Person] = field(default_factory=dict)
    events: dict[str, date] = field(default_factory=dict)
    """Dates of later events that periods count from (`--event ID=DATE`)."""
    flows: list[Path] = field(default_factory=list)
    """Flow folders layered on the built-ins (`--flows DIR`)."""
    answers: dict[str, Answer] = field(default_factory=dict)
    """The answers the plan was made from, kept for saving it as a case."""


def run(request: Request) -> None:
    from routewise.base.files import check_target

    # Everything the command line says is checked before any work or any question.
    if request.case is not None:
        request.case = argument_text(request.case, "--case")
    # --raised is read here; whether it is after today is asked once the route is known, to
    # say it in the route's words ("the date received cannot be after today")
    raised = option_date(request.raised, "--raised") if request.raised is not None else None
    options = _options(request.answer_options, "--answer")
    request.events = {
        key: option_date(value, f"--event {key}")
        for key, value in _options(request.event_options, "--event").items()
    }
    if request.output_format == "ics" and request.output is None:
        raise UserError(
            "--format ics writes a calendar file: add --output PATH, e.g. --output plan.ics"
        )
    if request.output is not None:
        check_target(request.output, request.force)
    from routewise.commands.common import plain_wanted

    request.plain = plain_wanted(request.plain)
    catalogue = load(request.flows, request.config, request.route_id)
    settings = settings_for(request.config, request.region, catalogue)
    plan, asked = _plan(catalogue, settings, request, options, raised)
    if request.case is not None and not asked:
        _save_case(request, plan)  # before any output: a reference refused changes nothing
    _emit(plan, request, settings, asked)
    if asked:
        _case_after_wizard(plan, request)


def _check_raised(raised: date, route: Route | None, answers_file: Path | None) -> None:
    """A date raised after today is refused, in the route's own words for it where the route
    is known and names it its own way; `answers_file` where the date came from one."""
    from routewise.calendar.dates import future_raised

    problem = future_raised(raised, today(), route.own_raised_words if route else None)
    if problem is None:
        return
    if answers_file is not None:
        raise FileError(answers_file, None, "raised", problem)
    raise UserError(f"--raised: {problem}")


def _options(given: list[str], option: str) -> dict[str, str]:
    """`--answer` or `--event` options by id. Without any, answers.py (and its model) is
    not imported: the wizard's first question does not need it."""
    if not given:
        return {}
    from routewise.wizard.answers import parse_options

    return parse_options(given, option)


def _plan(
    catalogue: Catalogue,
    settings: Settings,
    request: Request,
    options: dict[str, str],
    raised: date | None,
) -> tuple[Plan, bool]:
    """The plan, and whether the wizard asked for it (only then is saving offered)."""
    # The plan-building stages are imported when a plan is built: the wizard's first
    # question needs only the decision tree (engine.paths).

    raw: dict[str, object] = {}
    raised_from_file = False
    route_id = request.route_id
    if request.answers_file is not None:
        from routewise.wizard.answers import read_answers_file

        given = read_answers_file(request.answers_file)
        if route_id is not None and route_id != given.route:
            raise UserError(
                f"--route {quoted(route_id)} disagrees with route {quoted(given.route)} "
                f"in {shown(request.answers_file)}"
            )
        route_id = given.route
        if raised is None and given.raised is not None:
            raised, raised_from_file = given.raised, True
        raw.update(given.answers)
        request.events = {**given.events, **request.events}
        for key, day in given.events.items():
            _check_day(day, request.answers_file, f"events.{key}")
        request.case_contacts = dict(given.contacts)
        _check_case_contacts(catalogue, request.answers_file, request.case_contacts)
    raw.update(options)

    calendar = calendar_for(settings)
    route = get_route(catalogue, route_id) if route_id else None
    if raised is not None:
        _check_raised(raised, route, request.answers_file if raised_from_file else None)
    # A route with no questions at all needs no prompts either.
    complete = route is not None and not route.questions
    interactive = request.answers_file is None and not options and not complete

    def plan_with(
        route: Route, answers: Mapping[str, Answer], day: date, chart: bool = True
    ) -> Plan:
        """The plan, with the route's chart for every output that shows it (not the terminal)."""
        plan = _build(route, answers, day)
        if not chart:
            return plan
        from routewise.render.diagram import with_diagram

        return with_diagram(catalogue, route, answers, plan, settings.titles)

    def _build(route: Route, answers: Mapping[str, Answer], day: date) -> Plan:
        contacts = {**settings.contacts, **request.case_contacts}
        from routewise.engine.assemble import build_plan

        return build_plan(
            catalogue,
            route,
            answers,
            day,
            calendar,
            contacts,
            settings.titles,
            settings.council,
            request.events,
            made_on=today(),
        )

    if not interactive:
        if route is None:
            raise UserError("no route given: use --route ROUTE, or `route:` in the --answers file")
        from routewise.wizard.answers import coerce_all

        answers = coerce_all(route, raw)
        request.answers = dict(answers)
        chart = request.output_format != "rich" or request.output is not None
        plan = plan_with(route, answers, raised or today(), chart)
        from routewise.engine.paths import off_path

        for question_id in off_path(route, answers):
            warn(
                f"the answer for {quoted(question_id)} was not used: these answers take a path "
                "that does not ask it"
            )
        used = {e.id for e in plan.events}  # a period counts from it, or it shows a step done
        for event_id in request.events:
            if event_id not in used:
                warn(
                    f"the date for event {quoted(event_id)} was not used: no step of this plan "
                    "counts a period from it or is shown done by it"
                )
        return plan, False
    if not common.stdin_is_interactive():
        raise UserError(NO_TERMINAL)
    from routewise.wizard import session as wizard

    result = wizard.run(
        catalogue,
        today(),
        route=route,
        raised=raised,
        titles=settings.titles,
        plain=request.plain,
    )
    if result.route is None:
        from routewise.engine.assemble import advice_plan

        return (
            advice_plan(
                catalogue, calendar.region, settings.contacts, settings.titles, settings.council
            ),
            True,
        )
    request.events.update(result.events)
    request.answers = dict(result.answers)
    plan = plan_with(result.route, result.answers, result.raised)
    named = {
        c.role
        for step in plan.steps
        for group in [step.actor, *step.contacts]
        for c in group.roles()
    }
    case_roles = [r for r in catalogue.roles if catalogue.roles[r].of and r in named]
    if case_roles:
        from routewise.wizard.settings_prompts import ask_case_contacts

        request.case_contacts = ask_case_contacts(catalogue, case_roles, settings.titles)
        if request.case_contacts:
            plan = plan_with(result.route, result.answers, result.raised)
    return plan, True


def _check_day(day: date, path: Path, field: str) -> None:
    from routewise.calendar.dates import check_year

    try:
        check_year(day)
    except ValueError as exc:
        raise FileError(path, None, field, str(exc)) from None


def _check_case_contacts(catalogue: Catalogue, path: Path, contacts: Mapping[str, object]) -> None:
    for role_id in contacts:
        if role_id not in catalogue.roles:
            raise FileError(path, None, f"contacts.{role_id}", "unknown role")


def _emit(plan: Plan, request: Request, settings: Settings, asked: bool) -> None:
    """Print or write the plan; saving is offered only after the wizard asked for it."""
    if request.output is not None:
        save(
            plan,
            request.output_format,
            request.output,
            request.force,
            "the plan",
            request.case,
            settings,
        )
        return
    if request.output_format != "rich":
        typer.echo(render(plan, request.output_format, request.case, settings), nl=False)
        return
    from routewise.render.console import console
    from routewise.render.terminal import render_plan

    render_plan(plan, console(request.plain), why=request.why, plain=request.plain, recap=asked)
    if asked and common.stdin_is_interactive():
        _offer_save(plan, settings)


def _offer_save(plan: Plan, settings: Settings) -> None:
    """Keep the plan whatever goes wrong with a file name: say why, and ask again."""
    from routewise.base.files import write_private
    from routewise.commands.output import file_format, warn_if_no_events
    from routewise.wizard import saving
    from routewise.wizard.screen import say

    day = plan.raised.isoformat() if plan.raised else today().isoformat()
    folder = saving.save_folder(settings.plans_folder)
    default = str(folder / f"routewise-{plan.route or 'advice'}-{day}.md")

    def write(path: Path, overwrite: bool) -> str | None:
        chosen = file_format(None, path)  # a name ending .ics: a calendar; .json: JSON
        try:
            if path.parent == folder and not folder.exists():
                # The folder routewise suggested (the documents folder, say) may not exist on a
                # new account: make it, owner-only. A folder the user typed is never made.
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            target = write_private(path, render(plan, chosen, None, settings), force=overwrite)
        except UserError as exc:
            return str(exc)
        except OSError as exc:
            return f"{shown(exc.filename or path)}: {exc.strerror or exc}; nothing was written."
        say(f"Saved the plan to {target.described}", hang=2)
        warn_if_no_events(plan, chosen)
        return None

    saving.offer_save(default, write, folder)


def _save_case(request: Request, plan: Plan) -> None:
    """Open case `request.case` with this plan (the register is loaded only now)."""
    from routewise.commands.case_admin import save_case
    from routewise.register.planning import stored_answer

    assert request.case is not None
    save_case(
        request.config,
        request.case,
        plan,
        {key: stored_answer(value) for key, value in request.answers.items()},
        dict(request.events),
        {role: p.model_dump(exclude_none=True) for role, p in request.case_contacts.items()},
        "triage" if request.answers_file or request.answer_options else "wizard",
    )


def _case_after_wizard(plan: Plan, request: Request) -> None:
    """After the wizard's plan: save it as the case --case names, or offer to."""
    if plan.route is None:
        if request.case is not None:
            warn("no documented route fits, so the plan was not saved as a case")
        return
    if request.case is not None:
        try:
            _save_case(request, plan)
            return
        except UserError as exc:
            if not common.stdin_is_interactive():
                raise
            typer.echo(f"Not saved as a case: {exc}", err=True)
    if common.stdin_is_interactive():
        from routewise.commands.case_admin import ask_reference

        request.case = ask_reference(request.config)
        if request.case is not None:
            _save_case(request, plan)
