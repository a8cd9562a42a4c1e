"""The `routewise` command line: typer signatures only.

Each command imports its own module from `routewise.commands` when it runs,
so `--help`, shell completion and light commands never load pydantic models,
PyYAML, holidays, questionary or rich that they do not use. `user_errors`
turns anything a user can cause into one line and an exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperArgument

from routewise import __version__
from routewise.base.errors import user_errors
from routewise.cli.config_app import config_app
from routewise.cli.flows_app import flows_app
from routewise.cli.options import (
    ConfigOption,
    DueFormat,
    ExplainFormat,
    ExportFormat,
    FlowsOption,
    ListFormat,
    PlainOption,
    PlanFormat,
    RegionOption,
    RouteArgument,
    complete_route,
    region_value,
)

# An argument's metavar (N, ROUTE, PLAN) already names it: no "<int range>" after it.
TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]

app = typer.Typer(
    name="routewise",
    help="Follow your council's published route for a problem between members and officers.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
    flows: FlowsOption = None,
    config: ConfigOption = None,
) -> None:
    """List the routes: id, title and summary (and where each comes from, with --flows)."""
    with user_errors():
        from routewise.commands import routes as command

        command.run(output_format.value, plain, flows, config)


@app.command(short_help="Explain one route: questions, steps, dates.")
def explain(
    route_id: RouteArgument,
    output_format: Annotated[
        ExplainFormat,
        typer.Option("--format", metavar="FORMAT", help="text, json, mermaid or dot."),
    ] = ExplainFormat.text,
    raised: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Date raised for the example dates, YYYY-MM-DD or DD/MM/YYYY (default today).",
        ),
    ] = None,
    config: ConfigOption = None,
    region: RegionOption = None,
    plain: PlainOption = False,
    flows: FlowsOption = None,
) -> None:
    """Guidance on one route: its questions and branches, steps, deadlines and sources."""
    with user_errors():
        from routewise.commands import explain as command

        command.run(
            route_id, output_format.value, raised, config, region_value(region), plain, flows
        )


@app.command(short_help="Glossary: who is who in the plans, with the ids flow files use.")
def glossary(
    config: ConfigOption = None,
    plain: PlainOption = False,
    flows: FlowsOption = None,
    output_format: Annotated[
        ListFormat, typer.Option("--format", metavar="FORMAT", help="table or json.")
    ] = ListFormat.table,
) -> None:
    """Who is who: every role (built-in and your flow folders' alike) by the id flow files
    use, its title and who it is; then each post the questions ask about, by id."""
    with user_errors():
        from routewise.commands import glossary as command

        command.run(config, plain, flows, output_format.value)


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
        typer.Option(metavar="DATE", help="Date the matter was raised, YYYY-MM-DD or DD/MM/YYYY."),
    ] = None,
    output_format: Annotated[
        PlanFormat, typer.Option("--format", metavar="FORMAT", help="rich, markdown, json or ics.")
    ] = PlanFormat.rich,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            metavar="FILE",
            help="Write the plan to this file (.ics, .json or markdown, unless --format says).",
        ),
    ] = None,
    case: Annotated[
        str | None,
        typer.Option(
            "--case",
            metavar="REF",
            help="Save the plan as case REF in the case register (REF also names calendar events).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
    ] = False,
    why: Annotated[bool, typer.Option("--why", help="Show how each date was counted.")] = False,
    config: ConfigOption = None,
    region: RegionOption = None,
    plain: PlainOption = False,
    flows: FlowsOption = None,
) -> None:
    """Ask a few questions and print the action plan: who to contact, in what order, by when.

    With --answers, or --route and every --answer, nothing is asked: save with --output.
    """
    with user_errors():
        from routewise.commands import triage as command

        command.run(
            command.Request(
                route_id=route_id,
                answers_file=answers_file,
                answer_options=answer or [],
                event_options=event or [],
                raised=raised,
                output_format=output_format.value,
                output=output,
                force=force,
                why=why,
                config=config,
                region=region_value(region),
                plain=plain,
                case=case,
                flows=flows or [],
            )
        )


@app.command(short_help="Turn a saved JSON plan into markdown or ics.")
def export(
    plan_file: Annotated[
        Path, typer.Argument(metavar="PLAN", help="A plan saved with --format json.")
    ],
    output_format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="markdown, json or ics (default: as --output's extension says, else markdown).",
        ),
    ] = None,
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
        from routewise.commands import export as command

        command.run(plan_file, output_format.value if output_format else None, output, force, case)


@app.command(short_help="Work out a due date in working days.")
def due(
    days: Annotated[int, typer.Argument(metavar="N", help="How many days.", min=0, max=366)],
    start: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="DATE", help="Day 0, YYYY-MM-DD or DD/MM/YYYY (default today)."
        ),
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
        from routewise.commands import due as command

        command.run(days, start, calendar_days, output_format.value, config, region_value(region))


app.add_typer(config_app, name="config")
app.add_typer(flows_app, name="flows")


@app.command(
    "case",
    short_help="The case register: open matters, what is due, what happened.",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def case(ctx: typer.Context) -> None:
    """The case register: each matter's plan, what is due, and what happened.

    Its commands are declared in `case_app` and built only when `case` runs: typer builds
    every parameter of every command it is given at start-up, and the case commands' would
    add about 100 ms to every routewise command, `triage` included.
    """
    from routewise.cli.case_app import run as run_case

    run_case(ctx.args)


@app.command(
    "db",
    short_help="The case register's database: status, upgrade, copy.",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def db(ctx: typer.Context) -> None:
    """The case register's database: where it is, its schema, and moving it.

    Declared in `db_app` and built only when `db` runs, as the `case` commands are.
    """
    from routewise.cli.db_app import run as run_db

    run_db(ctx.args)


def main() -> None:
    from routewise.cli.process import main as run_process

    run_process(app)
