"""The `routewise` command line: typer signatures only.

Each command imports its own module from `routewise.commands` when it runs,
so `--help`, shell completion and light commands never load pydantic models,
PyYAML, holidays, questionary or rich that they do not use. `user_errors`
turns anything a user can cause into one line and an exit code.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperArgument

from routewise import __version__
from routewise.base.errors import user_errors
from routewise.calendar.regions import REGIONS

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


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"
    mermaid = "mermaid"
    dot = "dot"


class FlowFileKind(StrEnum):
    route = "route"
    roles = "roles"
    triage = "triage"
    documents = "documents"


if TYPE_CHECKING:
    Region = str
else:
    Region = StrEnum("Region", {region: region for region in REGIONS})
    """The choices for --region: the calendar's regions, so the two never disagree."""


def complete_route(incomplete: str) -> list[str]:
    import os

    from routewise.flows.locations import route_ids_in_use

    return [r for r in route_ids_in_use(os.environ) if r.startswith(incomplete)]


def _region(region: Region | None) -> str | None:
    return str(region) if region is not None else None


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

FlowsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--flows",
        metavar="DIR",
        help="A flow folder to layer on the built-in routes; repeat for more "
        "(also ROUTEWISE_FLOWS and `flows` in the config).",
        file_okay=False,
    ),
]

RouteArgument = Annotated[
    str, typer.Argument(metavar="ROUTE", help="A route id.", autocompletion=complete_route)
]


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

        command.run(route_id, output_format.value, raised, config, _region(region), plain, flows)


@app.command(short_help="Glossary: who is who in the plans.")
def glossary(config: ConfigOption = None, plain: PlainOption = False) -> None:
    """Who is who: each role the plans name and each post the questions ask about."""
    with user_errors():
        from routewise.commands import glossary as command

        command.run(config, plain)


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
        typer.Option("--case", metavar="NAME", help="A case name for calendar events."),
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
                region=_region(region),
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

        command.run(days, start, calendar_days, output_format.value, config, _region(region))


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
        from routewise.commands import config as command

        command.path(config)


@config_app.command("check")
def config_check(config: ConfigOption = None) -> None:
    """Check the config file: exit 0 if it is valid, 2 with the line and key if not."""
    with user_errors():
        from routewise.commands import config as command

        command.check(config)


@config_app.command("show")
def config_show(config: ConfigOption = None, region: RegionOption = None) -> None:
    """Show the effective settings and where each one came from."""
    with user_errors():
        from routewise.commands import config as command

        command.show(config, _region(region))


@config_app.command("init")
def config_init(config: ConfigOption = None) -> None:
    """Answer a few questions and write the config file (never overwritten without asking)."""
    with user_errors():
        from routewise.commands import config as command

        command.init(config)


flows_app = typer.Typer(
    help="Write and check your council's own flow folders.",
    short_help="Your council's own flow folders.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(flows_app, name="flows")


@flows_app.command("check")
def flows_check(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[DIR]...",
            help="Flow folders to check on top of the built-ins (default: the folders in use).",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings.")] = False,
    config: ConfigOption = None,
) -> None:
    """Every problem at once, with file:line, then a summary. Exit 0 clean, 1 warnings
    (with --strict), 2 errors."""
    with user_errors():
        from routewise.commands import flows as flows_cli

        in_use = [] if folders else flows_cli.folders(None, config)
        code = flows_cli.check(folders or [], in_use, strict, typer.echo)
    raise typer.Exit(code)


@flows_app.command("schema")
def flows_schema(
    kind: Annotated[
        FlowFileKind,
        typer.Argument(help="route (a route file), roles, triage or documents."),
    ] = FlowFileKind.route,
) -> None:
    """Print a JSON Schema for a kind of flow file, for editor completion and checking."""
    from routewise.flows.schema import schema_text

    typer.echo(schema_text(kind.value), nl=False)


@flows_app.command("new")
def flows_new(
    route_id: Annotated[str, typer.Argument(metavar="ROUTE-ID", help="A kebab-case id.")],
    directory: Annotated[
        Path,
        typer.Option(
            "--dir", metavar="DIR", help="The flow folder to write into.", file_okay=False
        ),
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite the route file.")] = False,
) -> None:
    """Write a commented starter route (and documents.yaml if missing) that passes `flows check`."""
    with user_errors():
        import re

        from routewise.base.errors import UserError
        from routewise.flows.starter import write_starter

        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", route_id):
            raise UserError(f"{route_id!r}: expected a kebab-case id such as 'quiet-word-first'")
        for path in write_starter(route_id, directory, force):
            typer.echo(f"Wrote {path}")


def main() -> None:
    from routewise.cli.process import main as run_process

    run_process(app)
