"""`routewise config …`: the typer signatures of the settings commands."""

from __future__ import annotations

import typer

from routewise.base.errors import user_errors
from routewise.cli.options import ConfigOption, RegionOption, region_value

config_app = typer.Typer(
    help="Your council's settings: region, closure days, role titles, contacts.",
    short_help="Your council's settings.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


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

        command.show(config, region_value(region))


@config_app.command("init")
def config_init(config: ConfigOption = None) -> None:
    """Answer a few questions and write the config file (never overwritten without asking)."""
    with user_errors():
        from routewise.commands import config as command

        command.init(config)
