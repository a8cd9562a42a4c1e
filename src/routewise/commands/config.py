"""`routewise config path|check|show|init`: the council's settings file."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from routewise.base.errors import UserError
from routewise.base.safe_text import shown
from routewise.commands import common
from routewise.commands.common import load, settings_for


def path(config: Path | None) -> None:
    from routewise.config.settings import config_path

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
    from routewise.render.console import console
    from routewise.render.settings import render_settings

    settings = settings_for(config, region, load(None, config))
    render_settings(settings, console())


def init(config: Path | None) -> None:
    """Ask, check the answers as they are typed, then write only a file that reads back."""
    from routewise.base.files import check_target, write_private
    from routewise.config.settings import (
        check_against_catalogue,
        config_path,
        read_config,
        render_toml,
    )

    catalogue = load(None, config)
    target, _ = config_path(config, os.environ)
    if target.is_dir():
        raise UserError(f"{shown(target)} is a folder, not a config file")
    if not common.stdin_is_interactive():
        raise UserError(
            f"config init asks questions and needs a terminal; or write {shown(target)} by hand"
        )
    from routewise.wizard import settings_prompts

    existing = read_config(target) if target.is_file() else None
    if existing is None:
        check_target(target)  # a device, a dangling link…: refuse before any question
    elif not settings_prompts.confirm(
        f"{shown(target)} already exists. Change it (your answers replace it)?"
    ):
        typer.echo("Nothing changed.")
        return
    new = settings_prompts.ask_config(catalogue, existing)
    text = render_toml(new)  # read back before anything is replaced
    check_against_catalogue(target, new, catalogue, text)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = write_private(target, text, force=existing is not None)
    typer.echo(f"Saved {written.described}")
