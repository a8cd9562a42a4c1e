"""The `routewise` command: wires the loader, engine, wizard and renderers together.

Only typer is imported at start-up. Everything heavier (pydantic, PyYAML,
holidays, questionary, rich) is imported inside the command that needs it,
so `--help` and shell completion stay fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from routewise import __version__

if TYPE_CHECKING:
    from routewise.loader import Catalogue
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
    from routewise.loader import default_flows_dir

    configured = os.environ.get("ROUTEWISE_FLOWS")
    return Path(configured).expanduser() if configured else default_flows_dir()


def complete_route(incomplete: str) -> list[str]:
    from routewise.loader import route_ids

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
    except OSError as exc:  # writing --output: a missing folder, no permission, a full disk
        target = exc.filename or "the file"
        fail(f"cannot write {target}: {exc.strerror or exc}; nothing was written.")


def _valid(valid: list[str]) -> str:
    return f". Valid answers: {', '.join(valid)}" if valid else ""


def load() -> Catalogue:
    from routewise.loader import load_catalogue

    return load_catalogue(flows_dir())


def get_route(catalogue: Catalogue, route_id: str) -> object:
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


@app.command()
def routes(
    output_format: Annotated[
        ListFormat, typer.Option("--format", help="table or json.")
    ] = ListFormat.table,
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
        from rich.console import Console

        from routewise.render_terminal import render_routes

        render_routes(catalogue, Console())


@app.command()
def explain(
    route_id: Annotated[
        str, typer.Argument(metavar="ROUTE", help="A route id.", autocompletion=complete_route)
    ],
    output_format: Annotated[
        ExplainFormat, typer.Option("--format", help="text or json.")
    ] = ExplainFormat.text,
    raised: Annotated[
        str | None,
        typer.Option(help="Date raised for the example dates, YYYY-MM-DD (default today)."),
    ] = None,
) -> None:
    """Guidance on one route: its questions and branches, steps, deadlines and sources."""
    with user_errors():
        catalogue = load()
        route = get_route(catalogue, route_id)
        from routewise.models import Route

        assert isinstance(route, Route)
        if output_format is ExplainFormat.json:
            typer.echo(route.model_dump_json(indent=2))
            return
        from rich.console import Console

        from routewise.calendar import WorkingCalendar, format_day
        from routewise.engine import build_plan, example_answers
        from routewise.render_terminal import render_route

        start = parse_date(raised, "--raised") if raised else date.today()
        calendar = WorkingCalendar()
        plans = [
            build_plan(catalogue, route, answers, start, calendar)
            for answers in example_answers(route, start).values()
        ]
        console = Console()
        render_route(catalogue, route, console, plans)
        console.print(
            f"Example dates assume the matter was raised on {format_day(start)} "
            "(England and Wales calendar); use --raised to change it.",
            markup=False,
            style="dim",
        )


@app.command()
def triage(
    route_id: Annotated[
        str | None,
        typer.Option(
            "--route",
            help="Skip the first question and use this route.",
            autocompletion=complete_route,
        ),
    ] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option("--answers", help="YAML file with route, raised and answers.", dir_okay=False),
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option("--answer", help="QUESTION-ID=VALUE; repeat for each question."),
    ] = None,
    raised: Annotated[
        str | None, typer.Option(help="Date the matter was raised, YYYY-MM-DD.")
    ] = None,
    output_format: Annotated[
        PlanFormat, typer.Option("--format", help="rich, markdown or json.")
    ] = PlanFormat.rich,
    output: Annotated[
        Path | None, typer.Option("--output", help="Write the plan to this file.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
    ] = False,
    why: Annotated[bool, typer.Option("--why", help="Show how each date was counted.")] = False,
) -> None:
    """Ask a few questions and print the action plan: who to contact, in what order, by when."""
    with user_errors():
        catalogue = load()
        plan = _triage_plan(catalogue, route_id, answers_file, answer or [], raised, output, force)
        if plan is None:
            return
        _emit(plan, output_format, output, force, why)


def _triage_plan(
    catalogue: Catalogue,
    route_id: str | None,
    answers_file: Path | None,
    answer_options: list[str],
    raised_text: str | None,
    output: Path | None,
    force: bool,
) -> Plan | None:
    from routewise.answers import coerce_all, parse_option, read_answers_file
    from routewise.calendar import WorkingCalendar
    from routewise.engine import advice_plan, build_plan
    from routewise.models import Route

    raw: dict[str, object] = {}
    raised = parse_date(raised_text, "--raised") if raised_text else None
    if answers_file is not None:
        given = read_answers_file(answers_file)
        if route_id is not None and route_id != given.route:
            fail(f"--route {route_id!r} disagrees with route {given.route!r} in {answers_file}")
        route_id = given.route
        raised = raised or given.raised
        raw.update(given.answers)
    for option in answer_options:
        try:
            key, value = parse_option(option)
        except ValueError as exc:
            fail(str(exc))
        raw[key] = value
    if output is not None and output.exists() and not force:
        fail(f"{output} already exists; nothing was written. Use --force to overwrite it.")

    interactive = answers_file is None and not answer_options
    route = get_route(catalogue, route_id) if route_id else None
    assert route is None or isinstance(route, Route)
    calendar = WorkingCalendar()
    if interactive:
        if not stdin_is_interactive():
            fail(
                "no terminal to ask questions on (standard input is not a terminal). "
                "Run it non-interactively instead: routewise triage --route ROUTE "
                "--answer QUESTION-ID=VALUE ... [--raised YYYY-MM-DD], or --answers FILE. "
                "`routewise explain ROUTE --format json` lists the question ids and choices."
            )
        from routewise import wizard

        result = wizard.run(catalogue, date.today(), route=route, raised=raised)
        if result.route is None:
            return advice_plan(catalogue, result.raised, calendar.region)
        return build_plan(catalogue, result.route, result.answers, result.raised, calendar)
    if route is None:
        fail("no route given: use --route ROUTE, or `route:` in the --answers file")
    answers = coerce_all(route, raw)
    return build_plan(catalogue, route, answers, raised or date.today(), calendar)


def _emit(
    plan: Plan, output_format: PlanFormat, output: Path | None, force: bool, why: bool
) -> None:
    from routewise.files import write_private

    if output_format is PlanFormat.json:
        text = plan.model_dump_json(indent=2) + "\n"
    elif output_format is PlanFormat.markdown or output is not None:
        from routewise import render_markdown

        text = render_markdown.render(plan)
    else:
        text = ""
    if output is not None:
        write_private(output, text, force=force)
        typer.echo(f"Saved the plan to {output}", err=True)
        return
    if text:
        typer.echo(text, nl=False)
        return
    from rich.console import Console

    from routewise.render_terminal import render_plan

    render_plan(plan, Console(), why=why)
    if stdin_is_interactive():
        _offer_save(plan)


def _offer_save(plan: Plan) -> None:
    from routewise import render_markdown, wizard
    from routewise.files import FileExists, write_private

    default = f"routewise-{plan.route or 'advice'}-{plan.raised.isoformat()}.md"
    text = render_markdown.render(plan)
    while (choice := wizard.offer_save(default)) is not None:
        path, overwrite = choice
        try:
            write_private(path, text, force=overwrite)
        except (OSError, FileExists) as exc:  # keep the plan: ask again rather than lose it
            reason = "it already exists" if isinstance(exc, FileExists) else exc.strerror or exc
            typer.echo(f"Could not save to {path} ({reason}).", err=True)
            continue
        typer.echo(f"Saved the plan to {path}")
        return


def main() -> None:
    app()
