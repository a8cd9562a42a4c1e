"""What several commands share: the flows, a route by id, settings and the calendar.

Imports stay inside the functions: `due` uses this module and must not load
the flows, the engine or the models.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from routewise.base.errors import UserError
from routewise.base.safe_text import quoted

if TYPE_CHECKING:
    from routewise.base.files import Target
    from routewise.calendar.working_days import WorkingCalendar
    from routewise.config.settings import Settings
    from routewise.model.catalogue import Catalogue
    from routewise.model.route import Route


def stdin_is_interactive() -> bool:
    """One place to ask, so tests can patch it (CliRunner replaces sys.stdin); commands call
    it through this module (`common.stdin_is_interactive()`) so that the patch reaches them."""
    return sys.stdin is not None and sys.stdin.isatty()


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (a person reading), not a pipe or a file: one
    place to ask, so tests can patch it."""
    return sys.stdout is not None and sys.stdout.isatty()


def plain_wanted(plain: bool = False) -> bool:
    """--plain, or ACCESSIBLE set to anything but empty or 0 (without importing rich)."""
    return plain or os.environ.get("ACCESSIBLE", "") not in ("", "0")


def load(
    flows: list[Path] | None = None, config: Path | None = None, route_id: str | None = None
) -> Catalogue:
    """The built-in flows with every flow folder in use layered on them (issue 8)."""
    import typer

    from routewise.commands.flows import load as load_flows

    return load_flows(flows, config, lambda line: typer.echo(line, err=True), route_id)[0]


def get_route(catalogue: Catalogue, route_id: str) -> Route:
    """The route, or an error naming the closest ids."""
    import difflib

    route = catalogue.routes.get(route_id)
    if route is not None:
        return route
    ids = list(catalogue.routes)
    probe = route_id[:200]
    close = difflib.get_close_matches(probe, ids, n=3, cutoff=0.4)
    close += [r for r in ids if probe and probe in r and r not in close]
    hint = f" Did you mean: {', '.join(close[:3])}?" if close else ""
    raise UserError(f"unknown route {quoted(route_id)}.{hint} `routewise routes` lists them all.")


def settings_for(
    config: Path | None, region: str | None, catalogue: Catalogue | None = None
) -> Settings:
    from routewise.config.settings import load_settings

    return load_settings(config, region, catalogue)


def calendar_for(settings: Settings) -> WorkingCalendar:
    from routewise.calendar.working_days import WorkingCalendar

    return WorkingCalendar(settings.region, settings.closures)


def saved_message(what: str, target: Target) -> str:
    """ "Saved the plan to X", naming the link followed when there was one."""
    return f"Saved {what} to {target.described}"
