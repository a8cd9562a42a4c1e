"""`routewise config path|check|show|init`: the council's settings file."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from routewise.commands.common import load, settings_for, stdin_is_interactive
from routewise.errors import UserError
from routewise.safe_text import shown


def path(config: Path | None) -> None:
    from routewise.config import config_path

    found, origin = config_path(config, os.environ)
    if found.is_dir():
        state = "a folder, not a config file"
    else:
        state = "exists" if found.is_file() else "does not exist yet"
    typer.echo(str(found))
    typer.echo(f"({origin}; {state})", err=True)


def check(config: Path | None) -> None:
    settings = settings_for(config, None, load(None, config))
    if not settings.file_exists:
        typer.echo(f"No config file at {shown(settings.path)}: the defaults apply.")
        return
    typer.echo(f"OK: {shown(settings.path)}")


def show(config: Path | None, region: str | None) -> None:
    from routewise.console import console
    from routewise.render_settings import render_settings

    settings = settings_for(config, region, load(None, config))
    render_settings(settings, console())


def init(config: Path | None) -> None:
    """Ask, check the answers as they are typed, then write only a file that reads back."""
    from routewise.config import check_against_catalogue, config_path, read_config, render_toml
    from routewise.files import check_target, write_private

    catalogue = load(None, config)
    target, _ = config_path(config, os.environ)
    if target.is_dir():
        raise UserError(f"{shown(target)} is a folder, not a config file")
    if not stdin_is_interactive():
        raise UserError(
            f"config init asks questions and needs a terminal; or write {shown(target)} by hand"
        )
    from routewise import wizard

    existing = read_config(target) if target.is_file() else None
    if existing is None:
        check_target(target)  # a device, a dangling link…: refuse before any question
    elif not wizard.confirm(
        f"{shown(target)} already exists. Change it (your answers replace it)?"
    ):
        typer.echo("Nothing changed.")
        return
    new = wizard.ask_config(catalogue, existing)
    text = render_toml(new)  # read back before anything is replaced
    check_against_catalogue(target, new, catalogue, text)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = write_private(target, text, force=existing is not None)
    typer.echo(f"Saved {written.described}")
