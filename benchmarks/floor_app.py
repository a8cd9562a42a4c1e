"""The floor: a stub typer app with routewise's commands and options, and no work in them.

typer 0.29 imports pydantic and builds a TypeAdapter for every parameter as soon as a
command has options, so every routewise command pays that before its first line of
work. This stub pays exactly that too; each budget is a ratio against it.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="routewise",
    help="Floor stub.",
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


def complete_route(incomplete: str) -> list[str]:
    return []


ConfigOption = Annotated[Path | None, typer.Option("--config", help="Config.", dir_okay=False)]
RegionOption = Annotated[Region | None, typer.Option(help="Region.")]
FlowsOption = Annotated[list[Path] | None, typer.Option("--flows", file_okay=False)]


def version_callback(value: bool) -> None:
    if value:
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="V.")
    ] = False,
) -> None:
    """Floor stub."""


@app.command()
def routes(
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
    flows: FlowsOption = None,
    config: ConfigOption = None,
) -> None:
    typer.echo("routes")


@app.command()
def explain(
    route_id: Annotated[str, typer.Argument(metavar="ROUTE", autocompletion=complete_route)],
    output_format: Annotated[ExplainFormat, typer.Option("--format")] = ExplainFormat.text,
    raised: Annotated[str | None, typer.Option()] = None,
    config: ConfigOption = None,
    region: RegionOption = None,
    flows: FlowsOption = None,
) -> None:
    typer.echo("explain")


@app.command()
def triage(
    route_id: Annotated[str | None, typer.Option("--route", autocompletion=complete_route)] = None,
    answers_file: Annotated[Path | None, typer.Option("--answers", dir_okay=False)] = None,
    answer: Annotated[list[str] | None, typer.Option("--answer")] = None,
    raised: Annotated[str | None, typer.Option()] = None,
    output_format: Annotated[PlanFormat, typer.Option("--format")] = PlanFormat.rich,
    output: Annotated[Path | None, typer.Option("--output")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    why: Annotated[bool, typer.Option("--why")] = False,
    config: ConfigOption = None,
    region: RegionOption = None,
    flows: FlowsOption = None,
) -> None:
    # The marker the tmux benchmark waits for, standing in for the first question.
    typer.echo("? floor-ready")


@app.command()
def export(
    plan_file: Annotated[Path, typer.Argument(metavar="PLAN")],
    output_format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.markdown,
    output: Annotated[Path | None, typer.Option("--output")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    typer.echo("export")


@app.command()
def due(
    days: Annotated[int, typer.Argument(metavar="N", min=0, max=366)],
    start: Annotated[str | None, typer.Option("--from")] = None,
    calendar_days: Annotated[bool, typer.Option("--calendar-days")] = False,
    output_format: Annotated[DueFormat, typer.Option("--format")] = DueFormat.text,
    config: ConfigOption = None,
    region: RegionOption = None,
) -> None:
    typer.echo("due")


config_app = typer.Typer(help="Config.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(config_app, name="config")


@config_app.command("path")
def config_path_command(config: ConfigOption = None) -> None:
    typer.echo("path")


@config_app.command("check")
def config_check(config: ConfigOption = None) -> None:
    typer.echo("check")


@config_app.command("show")
def config_show(config: ConfigOption = None, region: RegionOption = None) -> None:
    typer.echo("show")


@config_app.command("init")
def config_init(config: ConfigOption = None) -> None:
    typer.echo("init")


if __name__ == "__main__":
    app()
