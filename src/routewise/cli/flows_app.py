"""`routewise flows …`: the typer signatures of the flow-folder commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from routewise.base.errors import user_errors
from routewise.cli.options import ConfigOption, FlowFileKind

flows_app = typer.Typer(
    help="Write and check your council's own flow folders.",
    short_help="Your council's own flow folders.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


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
        from routewise.commands import flows as flows_cli

        flows_cli.new(route_id, directory, force, typer.echo)
