"""The `routewise` command: wires the loader, engine, wizard and renderers together.

Only typer is imported at start-up. Everything heavier (pydantic, PyYAML,
holidays, questionary, rich) is imported inside the command that needs it,
so `--help` and shell completion stay fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from typer.core import TyperArgument

from routewise import __version__

# An argument's metavar (N, ROUTE, PLAN) already names it: no "<int range>" after it.
TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]

if TYPE_CHECKING:
    from rich.console import Console

    from routewise.calendar import WorkingCalendar
    from routewise.config import Settings
    from routewise.models import Catalogue, Route
    from routewise.plan import Plan

app = typer.Typer(
    name="routewise",
    help="Follow your council's published route for a problem between members and officers.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_USAGE = 2
EXIT_CANCELLED = 130


class PlanFormat(StrEnum):
    rich = "rich"
    markdown = "markdown"
    json = "json"
    ics = "ics"


class ExportFormat(StrEnum):
    markdown = "markdown"
    json = "json"
    ics = "ics"


class DueFormat(StrEnum):
    text = "text"
    json = "json"


class Region(StrEnum):
    england_and_wales = "england-and-wales"
    scotland = "scotland"
    northern_ireland = "northern-ireland"
    uk_any = "uk-any"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """One clear line on stderr, no traceback."""
    typer.echo(f"routewise: error: {message}", err=True)
    raise typer.Exit(code)


def stdin_is_interactive() -> bool:
    """One place to ask, so tests can patch it (CliRunner replaces sys.stdin)."""
    return sys.stdin.isatty()


def flows_dir() -> Path:
    from routewise.flow_files import default_flows_dir

    configured = os.environ.get("ROUTEWISE_FLOWS")
    return Path(configured).expanduser() if configured else default_flows_dir()


def complete_route(incomplete: str) -> list[str]:
    from routewise.flow_files import route_ids

    return [r for r in route_ids(flows_dir()) if r.startswith(incomplete)]


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can cause into one line and exit code 2 (130 for Ctrl-C)."""
    from routewise.calendar import CalendarError
    from routewise.engine import AnswerError
    from routewise.files import FileExists
    from routewise.loader import FileError

    try:
        yield
    except KeyboardInterrupt:
        typer.echo("\nCancelled; nothing was saved.", err=True)
        raise typer.Exit(EXIT_CANCELLED) from None
    except FileError as exc:
        fail(str(exc))
    except AnswerError as exc:
        fail(f"answer for {exc.question!r}: {exc.problem}" + _valid(exc.valid))
    except CalendarError as exc:
        fail(str(exc))
    except FileExists as exc:
        fail(f"{exc} already exists; nothing was written. Use --force to overwrite it.")
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as other tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(141) from None
    except OSError as exc:  # a missing folder, no permission, a full disk, a folder for a file
        target = exc.filename or "the file"
        fail(f"{target}: {exc.strerror or exc}; nothing was written.")


def _valid(valid: list[str]) -> str:
    return f". Valid answers: {', '.join(valid)}" if valid else ""


def load() -> Catalogue:
    from routewise.loader import load_catalogue

    return load_catalogue(flows_dir())


def get_route(catalogue: Catalogue, route_id: str) -> Route:
    import difflib

    route = catalogue.routes.get(route_id)
    if route is not None:
        return route
    ids = list(catalogue.routes)
    close = difflib.get_close_matches(route_id, ids, n=3, cutoff=0.4)
    close += [r for r in ids if route_id and route_id in r and r not in close]
    hint = f" Did you mean: {', '.join(close[:3])}?" if close else ""
    fail(f"unknown route {route_id!r}.{hint} `routewise routes` lists them all.")


def parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} {text!r}: expected a date as YYYY-MM-DD, for example 2026-12-21")


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Config file to use (default: $ROUTEWISE_CONFIG, then the user config folder).",
        metavar="FILE",
        dir_okay=False,
    ),
]
RegionOption = Annotated[
    Region | None,
    typer.Option(
        metavar="REGION",
        help="Bank holidays to skip: england-and-wales, scotland, northern-ireland or uk-any "
        "(default: from config, else england-and-wales).",
    ),
]


PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="No colour, no boxes or tables, numbered prompts: for screen readers and email. "
        "Also set by the ACCESSIBLE environment variable.",
    ),
]


def plain_wanted(plain: bool) -> bool:
    """--plain, or ACCESSIBLE set to anything but empty or 0."""
    return plain or os.environ.get("ACCESSIBLE", "") not in ("", "0")


def console_for(plain: bool) -> Console:
    from rich.console import Console

    if plain:
        return Console(color_system=None, no_color=True, highlight=False, emoji=False)
    return Console(highlight=False, emoji=False)


def settings_for(
    config: Path | None, region: Region | None, catalogue: Catalogue | None = None
) -> Settings:
    from routewise.config import load_settings

    return load_settings(config, region.value if region else None, catalogue)


def calendar_for(settings: Settings) -> WorkingCalendar:
    from routewise.calendar import WorkingCalendar

    return WorkingCalendar(settings.region, settings.closures)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"routewise {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Follow your council's published route for a problem between members and officers."""


@app.command(short_help="List the routes: id, title, summary.")
def routes(
    output_format: Annotated[
        ListFormat, typer.Option("--format", metavar="FORMAT", help="table or json.")
    ] = ListFormat.table,
    plain: PlainOption = False,
) -> None:
    """List the routes: id, title and summary."""
    with user_errors():
        catalogue = load()
        if output_format is ListFormat.json:
            import json

            rows = [
                {"id": r.id, "title": r.title, "summary": r.summary}
                for r in catalogue.routes.values()
            ]
            typer.echo(json.dumps(rows, indent=2))
            return
        from routewise.render_terminal import render_routes

        render_routes(catalogue, console_for(plain_wanted(plain)), plain_wanted(plain))


@app.command(short_help="Explain one route: questions, steps, dates.")
def explain(
    route_id: Annotated[
        str, typer.Argument(metavar="ROUTE", help="A route id.", autocompletion=complete_route)
    ],
    output_format: Annotated[
        ExplainFormat, typer.Option("--format", metavar="FORMAT", help="text or json.")
    ] = ExplainFormat.text,
    raised: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="Date raised for the example dates, YYYY-MM-DD (default today)."
        ),
    ] = None,
    config: ConfigOption = None,
    region: RegionOption = None,
    plain: PlainOption = False,
) -> None:
    """Guidance on one route: its questions and branches, steps, deadlines and sources."""
    with user_errors():
        catalogue = load()
        route = get_route(catalogue, route_id)
        if output_format is ExplainFormat.json:
            typer.echo(route.model_dump_json(indent=2))
            return
        from routewise.calendar import REGION_NAMES, format_day
        from routewise.engine import build_plan, example_answers
        from routewise.render_terminal import render_route

        settings = settings_for(config, region, catalogue)
        start = parse_date(raised, "--raised") if raised else date.today()
        calendar = calendar_for(settings)
        plans = [
            build_plan(
                catalogue, route, answers, start, calendar, settings.contacts, settings.titles
            )
            for answers in example_answers(route, start).values()
        ]
        console = console_for(plain_wanted(plain))
        render_route(catalogue, route, console, plans, plain_wanted(plain))
        console.print(
            f"Example dates assume the matter was raised on {format_day(start)} "
            f"({REGION_NAMES[settings.region]} calendar); use --raised to change it.",
            markup=False,
            style="dim",
            soft_wrap=True,
        )


@app.command(short_help="Glossary: who is who in the plans.")
def glossary(config: ConfigOption = None, plain: PlainOption = False) -> None:
    """Who is who: each role the plans name and each post the questions ask about."""
    with user_errors():
        from routewise.render_terminal import render_glossary

        catalogue = load()
        settings = settings_for(config, None, catalogue)
        render_glossary(
            catalogue, console_for(plain_wanted(plain)), settings.titles, plain_wanted(plain)
        )


@app.command(short_help="Ask a few questions; print the plan.")
def triage(
    route_id: Annotated[
        str | None,
        typer.Option(
            "--route",
            metavar="ROUTE",
            help="Skip the first question and use this route.",
            autocompletion=complete_route,
        ),
    ] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="YAML file with route, raised and answers: runs with no prompts.",
            dir_okay=False,
        ),
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer", metavar="ID=VALUE", help="QUESTION-ID=VALUE; repeat for each question."
        ),
    ] = None,
    event: Annotated[
        list[str] | None,
        typer.Option(
            "--event",
            metavar="ID=DATE",
            help="The date of a later event a period counts from, e.g. outcome=2026-12-21.",
        ),
    ] = None,
    raised: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Date the matter was raised, YYYY-MM-DD."),
    ] = None,
    output_format: Annotated[
        PlanFormat, typer.Option("--format", metavar="FORMAT", help="rich, markdown, json or ics.")
    ] = PlanFormat.rich,
    output: Annotated[
        Path | None,
        typer.Option("--output", metavar="FILE", help="Write the plan to this file."),
    ] = None,
    case: Annotated[
        str | None,
        typer.Option("--case", metavar="NAME", help="A case name for calendar events."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
    ] = False,
    why: Annotated[bool, typer.Option("--why", help="Show how each date was counted.")] = False,
    config: ConfigOption = None,
    region: RegionOption = None,
    plain: PlainOption = False,
) -> None:
    """Ask a few questions and print the action plan: who to contact, in what order, by when.

    With --answers, or --route and every --answer, nothing is asked: save with --output.
    """
    with user_errors():
        catalogue = load()
        if output is not None and output.exists() and not force:
            fail(f"{output} already exists; nothing was written. Use --force to overwrite it.")
        if output_format is PlanFormat.ics and output is None:
            fail("--format ics writes a calendar file: add --output PATH, e.g. --output plan.ics")
        settings = settings_for(config, region, catalogue)
        plain = plain_wanted(plain)
        plan, asked = _triage_plan(
            catalogue, settings, route_id, answers_file, answer or [], raised, event or [], plain
        )
        _emit(plan, output_format, output, force, why, asked, plain, case, settings)


def _triage_plan(
    catalogue: Catalogue,
    settings: Settings,
    route_id: str | None,
    answers_file: Path | None,
    answer_options: list[str],
    raised_text: str | None,
    event_options: list[str],
    plain: bool = False,
) -> tuple[Plan, bool]:
    """The plan, and whether the wizard asked for it (only then is saving offered)."""
    from routewise.answers import coerce_all, parse_option, read_answers_file
    from routewise.engine import Answer, advice_plan, build_plan
    from routewise.models import Person

    raw: dict[str, object] = {}
    case_contacts: dict[str, Person] = {}
    events: dict[str, date] = {}
    raised = parse_date(raised_text, "--raised") if raised_text else None
    if answers_file is not None:
        given = read_answers_file(answers_file)
        if route_id is not None and route_id != given.route:
            fail(f"--route {route_id!r} disagrees with route {given.route!r} in {answers_file}")
        route_id = given.route
        raised = raised or given.raised
        raw.update(given.answers)
        events.update(given.events)
        case_contacts = dict(given.contacts)
        _check_case_contacts(catalogue, answers_file, case_contacts)
    for option in answer_options:
        try:
            key, value = parse_option(option)
        except ValueError as exc:
            fail(str(exc))
        raw[key] = value
    for option in event_options:
        try:
            key, value = parse_option(option, "--event")
        except ValueError as exc:
            fail(str(exc))
        events[key] = parse_date(value, f"--event {key}")

    calendar = calendar_for(settings)
    route = get_route(catalogue, route_id) if route_id else None
    interactive = answers_file is None and not answer_options and not _complete(route)

    def plan_with(route: Route, answers: Mapping[str, Answer], day: date) -> Plan:
        contacts = {**settings.contacts, **case_contacts}
        return build_plan(
            catalogue,
            route,
            answers,
            day,
            calendar,
            contacts,
            settings.titles,
            settings.council,
            events,
        )

    if not interactive:
        if route is None:
            fail("no route given: use --route ROUTE, or `route:` in the --answers file")
        return plan_with(route, coerce_all(route, raw), raised or date.today()), False
    if not stdin_is_interactive():
        fail(
            "no terminal to ask questions on (standard input is not a terminal). "
            "Run it non-interactively instead: routewise triage --route ROUTE "
            "--answer QUESTION-ID=VALUE ... [--raised YYYY-MM-DD], or --answers FILE. "
            "`routewise explain ROUTE --format json` lists the question ids and choices."
        )
    from routewise import wizard

    result = wizard.run(
        catalogue, date.today(), route=route, raised=raised, titles=settings.titles, plain=plain
    )
    if result.route is None:
        return advice_plan(
            catalogue, calendar.region, settings.contacts, settings.titles, settings.council
        ), True
    events.update(result.events)
    plan = plan_with(result.route, result.answers, result.raised)
    named = {
        c.role
        for step in plan.steps
        for group in [step.actor, *step.contacts]
        for c in group.roles()
    }
    case_roles = [r for r in catalogue.roles if catalogue.roles[r].of and r in named]
    if case_roles:
        case_contacts = wizard.ask_case_contacts(catalogue, case_roles)
        if case_contacts:
            plan = plan_with(result.route, result.answers, result.raised)
    return plan, True


def _complete(route: Route | None) -> bool:
    """A route with no questions at all needs no prompts either."""
    return route is not None and not route.questions


def _check_case_contacts(catalogue: Catalogue, path: Path, contacts: Mapping[str, object]) -> None:
    from routewise.loader import FileError

    for role_id in contacts:
        if role_id not in catalogue.roles:
            raise FileError(path, None, f"contacts.{role_id}", "unknown role")


def _render(
    plan: Plan,
    output_format: PlanFormat | ExportFormat,
    case: str | None = None,
    settings: Settings | None = None,
) -> str:
    if output_format.value == "json":
        return plan.model_dump_json(indent=2) + "\n"
    if output_format.value == "ics":
        from routewise import render_ics

        calendar = calendar_for(settings) if settings is not None else None
        return render_ics.render(plan, case=case, calendar=calendar)
    from routewise import render_markdown

    return render_markdown.render(plan)


def _emit(
    plan: Plan,
    output_format: PlanFormat,
    output: Path | None,
    force: bool,
    why: bool,
    asked: bool = False,
    plain: bool = False,
    case: str | None = None,
    settings: Settings | None = None,
) -> None:
    """Print or write the plan; saving is offered only after the wizard asked for it."""
    from routewise.files import write_private

    if output is not None:
        chosen = PlanFormat.markdown if output_format is PlanFormat.rich else output_format
        write_private(output, _render(plan, chosen, case, settings), force=force)
        typer.echo(f"Saved the plan to {output.resolve()}", err=True)
        return
    if output_format is not PlanFormat.rich:
        typer.echo(_render(plan, output_format, case, settings), nl=False)
        return
    from routewise.render_terminal import render_plan

    render_plan(plan, console_for(plain), why=why, plain=plain, recap=asked)
    if asked and stdin_is_interactive():
        _offer_save(plan, settings)


def _offer_save(plan: Plan, settings: Settings | None = None) -> None:
    from routewise import render_markdown, wizard
    from routewise.files import FileExists, write_private

    day = plan.raised.isoformat() if plan.raised else date.today().isoformat()
    folder = wizard.save_folder(settings.plans_folder if settings else None)
    default = str(folder / f"routewise-{plan.route or 'advice'}-{day}.md")
    text = render_markdown.render(plan)
    while (choice := wizard.offer_save(default)) is not None:
        path, overwrite = choice
        try:
            write_private(path, text, force=overwrite)
        except (OSError, FileExists) as exc:  # keep the plan: ask again rather than lose it
            reason = "it already exists" if isinstance(exc, FileExists) else exc.strerror or exc
            typer.echo(f"Could not save to {path} ({reason}).", err=True)
            continue
        typer.echo(f"Saved the plan to {path.resolve()}")
        return


@app.command(short_help="Turn a saved JSON plan into markdown or ics.")
def export(
    plan_file: Annotated[
        Path, typer.Argument(metavar="PLAN", help="A plan saved with --format json.")
    ],
    output_format: Annotated[
        ExportFormat, typer.Option("--format", metavar="FORMAT", help="markdown, json or ics.")
    ] = ExportFormat.markdown,
    output: Annotated[
        Path | None, typer.Option("--output", metavar="FILE", help="Write to this file.")
    ] = None,
    case: Annotated[
        str | None,
        typer.Option("--case", metavar="NAME", help="A case name for calendar events."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
    ] = False,
) -> None:
    """Turn a plan saved as JSON into markdown or a calendar file, without asking again."""
    with user_errors():
        from pydantic import ValidationError

        from routewise.files import write_private
        from routewise.loader import FileError
        from routewise.plan import Plan

        try:
            plan = Plan.model_validate_json(plan_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise FileError(plan_file, None, "", "file not found") from None
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in err["loc"])
            raise FileError(
                plan_file, None, where, f"not a routewise JSON plan: {err['msg']}"
            ) from None
        if output_format is ExportFormat.ics and output is None:
            fail("--format ics writes a calendar file: add --output PATH")
        text = _render(plan, output_format, case)
        if output is None:
            typer.echo(text, nl=False)
            return
        write_private(output, text, force=force)
        typer.echo(f"Saved to {output.resolve()}", err=True)


@app.command(short_help="Work out a due date in working days.")
def due(
    days: Annotated[int, typer.Argument(metavar="N", help="How many days.", min=0, max=366)],
    start: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help="Day 0, YYYY-MM-DD (default today)."),
    ] = None,
    calendar_days: Annotated[
        bool,
        typer.Option(
            "--calendar-days",
            help="Count calendar days; a date on a non-working day moves to the next working day.",
        ),
    ] = False,
    output_format: Annotated[
        DueFormat, typer.Option("--format", metavar="FORMAT", help="text or json.")
    ] = DueFormat.text,
    config: ConfigOption = None,
    region: RegionOption = None,
) -> None:
    """Work out a due date: N working days after a date, and the days skipped on the way."""
    with user_errors():
        import json

        from routewise.calendar import REGION_NAMES, format_day

        settings = settings_for(config, region)
        calendar = calendar_for(settings)
        day0 = parse_date(start, "--from") if start else date.today()
        if calendar_days:
            result = calendar.add_calendar_days(day0, days)
        else:
            result = calendar.add_working_days(day0, days)
        warning = calendar.coverage_warning(result.due)
        if output_format is DueFormat.json:
            payload = {
                "start": day0.isoformat(),
                "due": result.due.isoformat(),
                "days": days,
                "calendar_days": calendar_days,
                "region": settings.region,
                "closures_applied": calendar.closures_apply,
                "skipped": [
                    {"date": s.day.isoformat(), "reason": s.reason} for s in result.skipped
                ],
                "warning": warning,
            }
            typer.echo(json.dumps(payload, indent=2))
            return
        unit = "calendar days" if calendar_days else "working days"
        typer.echo(f"Due: {format_day(result.due)}")
        typer.echo(
            f"{days} {unit} after {format_day(day0)} (day 0), {REGION_NAMES[settings.region]}"
        )
        if result.moved_from is not None:
            typer.echo(
                f"Calendar day {days} is {format_day(result.moved_from)}, not a working day, "
                f"so the date moves to {format_day(result.due)}."
            )
        if result.skipped:
            typer.echo("Not working days:")
            for skipped in result.skipped:
                typer.echo(f"  {format_day(skipped.day)}  {skipped.reason}")
        if calendar.closures and not calendar.closures_apply:
            typer.echo("Council closure days are not skipped under the uk-any reading.")
        if warning:
            typer.echo(f"Warning: {warning}")


config_app = typer.Typer(
    help="Your council's settings: region, closure days, role titles, contacts.",
    short_help="Your council's settings.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(config_app, name="config")


@config_app.command("path")
def config_path_command(config: ConfigOption = None) -> None:
    """Print the config file in use, and whether it exists."""
    with user_errors():
        from routewise.config import config_path

        path, origin = config_path(config, os.environ)
        state = "exists" if path.is_file() else "does not exist yet"
        typer.echo(str(path))
        typer.echo(f"({origin}; {state})", err=True)


@config_app.command("check")
def config_check(config: ConfigOption = None) -> None:
    """Check the config file: exit 0 if it is valid, 2 with the line and key if not."""
    with user_errors():
        settings = settings_for(config, None, load())
        if not settings.file_exists:
            typer.echo(f"No config file at {settings.path}: the defaults apply.")
            return
        typer.echo(f"OK: {settings.path}")


@config_app.command("show")
def config_show(config: ConfigOption = None, region: RegionOption = None) -> None:
    """Show the effective settings and where each one came from."""
    with user_errors():
        from routewise.calendar import REGION_NAMES
        from routewise.safe_text import visible

        catalogue = load()
        settings = settings_for(config, region, catalogue)
        rows = [
            ("config file", str(settings.path), settings.path_origin),
            ("council", settings.council or "(not set)", settings.origins["council"]),
            (
                "region",
                f"{settings.region} ({REGION_NAMES[settings.region]})",
                settings.origins["region"],
            ),
            (
                "closure days",
                ", ".join(settings.closure_text) or "(none)",
                settings.origins["closures"],
            ),
            (
                "plans folder",
                settings.plans_folder or "(not set: your documents folder)",
                settings.origins.get("plans_folder", "default"),
            ),
        ]
        rows += [(f"title: {r}", t, settings.origins["titles"]) for r, t in settings.titles.items()]
        for role_id, contact in settings.contacts.items():
            details = ", ".join(v for v in (contact.name, contact.email, contact.phone) if v)
            rows.append((f"contact: {role_id}", details, settings.origins["contacts"]))
        for name, value, origin in rows:  # whole lines, never cut to the terminal's width
            typer.echo(f"{name}: {visible(value)}  (from {visible(origin)})")


@config_app.command("init")
def config_init(config: ConfigOption = None) -> None:
    """Answer a few questions and write the config file (never overwritten without asking)."""
    with user_errors():
        from routewise.config import check_against_catalogue, config_path, read_config, render_toml
        from routewise.files import write_private

        catalogue = load()
        path, _ = config_path(config, os.environ)
        if not stdin_is_interactive():
            fail(f"config init asks questions and needs a terminal; or write {path} by hand")
        from routewise import wizard

        existing = read_config(path) if path.is_file() else None
        if existing is not None and not wizard.confirm(
            f"{path} already exists. Change it (your answers replace it)?"
        ):
            typer.echo("Nothing changed.")
            return
        new = wizard.ask_config(catalogue, existing)
        text = render_toml(new)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_private(path, text, force=existing is not None)
        check_against_catalogue(path, read_config(path), catalogue)
        typer.echo(f"Saved {path}")


def main() -> None:
    app()
