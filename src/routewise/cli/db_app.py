"""`routewise db …`: the typer signatures of the register's database commands.

What each does is in `routewise.commands.db`, imported when the command runs. Like the
`case` group, the group is built only when `db` runs (`run`), so no other command pays for
its parameters at start-up.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from routewise.base.errors import user_errors
from routewise.cli.options import ConfigOption

db_app = typer.Typer(
    help="Where the case register is kept: its status, upgrades, and moving it elsewhere.",
    short_help="The case register's database: status, upgrade, copy.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


class StatusFormat(StrEnum):
    text = "text"
    json = "json"


def run(args: list[str]) -> None:
    """Run `routewise db ARGS…` (called by the `db` command of `app`): a known command from
    an app of its own, help and unknown names from the whole group."""
    name = args[0] if args else None
    info = next((c for c in db_app.registered_commands if c.name == name), None)
    if info is None:
        code = db_app(args=list(args), prog_name="routewise db", standalone_mode=False)
    else:
        one = typer.Typer(add_completion=False, rich_markup_mode=None)
        one.registered_commands.append(info)
        code = one(args=list(args[1:]), prog_name=f"routewise db {name}", standalone_mode=False)
    if isinstance(code, int) and code != 0:
        raise typer.Exit(code)


@db_app.command("status", short_help="Where the register is, its schema version, its cases.")
def db_status(
    output_format: Annotated[
        StatusFormat, typer.Option("--format", metavar="FORMAT", help="text or json.")
    ] = StatusFormat.text,
    config: ConfigOption = None,
) -> None:
    """Where the register is (no password shown), its schema version, whether an upgrade is
    due, and how many cases it holds. Changes nothing."""
    with user_errors():
        from routewise.commands import db as command

        command.status(config, output_format.value)


@db_app.command("upgrade", short_help="Make the register, or upgrade its schema.")
def db_upgrade(
    admin_role: Annotated[
        str | None,
        typer.Option(
            "--admin-role",
            metavar="ROLE",
            help="PostgreSQL: the role whose members may purge (default routewise_admin).",
        ),
    ] = None,
    user_role: Annotated[
        str | None,
        typer.Option(
            "--user-role",
            metavar="ROLE",
            help="PostgreSQL: grant this role what a team member needs, and no more.",
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Make the register, or bring it to this routewise's schema (on PostgreSQL, run by the
    database's administrator; two at once are taken one after the other)."""
    with user_errors():
        from routewise.commands import db as command

        command.upgrade(config, admin_role, user_role)


@db_app.command("copy", short_help="Copy every case and its history into another register.")
def db_copy(
    to: Annotated[
        str,
        typer.Option(
            "--to", metavar="URL", help="The register to copy into: a PostgreSQL URL or a file."
        ),
    ],
    config: ConfigOption = None,
) -> None:
    """Copy every case and its whole history into another register, in one transaction;
    refused, naming them, if it already holds any of the references."""
    with user_errors():
        from routewise.commands import db as command

        command.copy(config, to)
