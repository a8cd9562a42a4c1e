"""`routewise case list`, and what every case command shares: opening the register.

Every case command opens the register the same way (`open_register`): the file or
PostgreSQL URL named by `database` in the config or ROUTEWISE_DATABASE, else
`register.sqlite3` in the user data folder. The register's own settings date every case; a
config that disagrees gets one warning line per difference. `case list` reads only the
stored summaries: it loads neither the flows nor the engine. `case show` is in `case_show`,
writes in `case_write`, imports in `case_import`, and deletion, settings and refresh in
`case_admin`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import typer

from routewise.base.errors import UserError, warn
from routewise.calendar.dates import option_date
from routewise.register import clock

if TYPE_CHECKING:
    from routewise.config.settings import Settings
    from routewise.model.catalogue import Catalogue
    from routewise.register.listing import Listed
    from routewise.register.planner import Planner
    from routewise.register.settings import RegisterSettings
    from routewise.register.store import Store


OPEN: list[Store] = []
"""Registers opened by the running command: `closing` closes them when it ends."""

P = ParamSpec("P")
R = TypeVar("R")


def closing(command: Callable[P, R]) -> Callable[P, R]:
    """Close every register the command opened when it ends, however it ends: the last
    connection to close checkpoints the -wal file into the register and removes it."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        finally:
            while OPEN:
                OPEN.pop().close()

    return run


@dataclass(kw_only=True)
class Register:
    """An open register with what every case command needs from it."""

    store: Store
    config: Settings
    settings: RegisterSettings
    summary_key: str
    who: str
    today: date

    @functools.cached_property
    def planner(self) -> Planner:
        """Plans with the register's settings (the engine is loaded here, on first use)."""
        from routewise.register.planner import Planner

        folders = self.settings.folders()
        return Planner(
            lambda: register_catalogue(folders),
            self.settings.calendar(),
            self.settings.warn_days,
            self.summary_key,
            contacts=self.config.contacts,
            titles=self.config.titles,
            council=self.config.council,
        )


def say(text: str, err: bool = False, indent: int = 0) -> None:
    """A line for people: wrapped at spaces to the terminal's width (never mid-word),
    and left whole for a program reading it."""
    import os
    import sys

    stream = sys.stderr if err else sys.stdout
    try:  # the width of the terminal this stream goes to (stdout may be a file meanwhile)
        columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(stream.fileno())[0]
    except (AttributeError, OSError, ValueError):
        columns = 0
    if not columns or stream is None or not stream.isatty():
        typer.echo(text, err=err)
        return
    from routewise.render.wrapping import wrap

    for line in wrap(text, max(columns, 20), "", " " * indent):
        typer.echo(line, err=err)


def register_path(config: Settings) -> tuple[Path | str, bool]:
    """The register's file (or PostgreSQL URL), and whether it is routewise's own default
    (its folder is then made owner-only)."""
    if config.database is not None:
        return config.database, False
    import platformdirs

    return Path(platformdirs.user_data_dir("routewise")) / "register.sqlite3", True


def open_register(config_path: Path | None, *, create: bool = False) -> Register | None:
    """The register, or None when there is none yet and `create` is false."""
    from routewise.commands.common import settings_for
    from routewise.register.locate import open_target
    from routewise.register.settings import flows_digest, from_meta

    config = settings_for(config_path, None)
    target, private = register_path(config)
    store = open_target(target, create=create, private_folder=private)
    if store is None:
        return None
    OPEN.append(store)
    who = clock.who(config.user)
    with store.read() as conn:
        meta = {r["name"]: r["value"] for r in store.queries.meta(conn)}
    settings = from_meta(meta)
    in_use = config_settings(config, config_path)
    if settings is None:
        settings = in_use
        if create:
            _store_settings(store, settings, who)
    else:
        for difference in _differences(settings, in_use):
            warn(difference)
    digest = in_use.flows_digest if in_use.flows == settings.flows else None
    key = settings.summary_key(digest or flows_digest(settings.folders()))
    return Register(
        store=store, config=config, settings=settings, summary_key=key, who=who, today=clock.today()
    )


def need_register(config_path: Path | None) -> Register:
    found = open_register(config_path)
    if found is None:
        raise UserError(
            "there is no case register yet: open a case first with "
            "`routewise triage … --case REF` (or `routewise case import FILE`)"
        )
    return found


def config_settings(config: Settings, config_path: Path | None) -> RegisterSettings:
    from routewise.commands.flows import folders as folders_in_use
    from routewise.register.settings import from_config

    return from_config(config, folders_in_use(None, config_path))


def _differences(settings: RegisterSettings, in_use: RegisterSettings) -> list[str]:
    from routewise.register.settings import differences

    said = differences(settings, in_use)
    return [
        f"{d}; the register's settings date every case in it (routewise case settings "
        "--from-config adopts the config's)"
        for d in said
    ]


def _store_settings(store: Store, settings: RegisterSettings, who: str) -> None:
    from routewise.register.settings import from_meta, settings_data

    with store.write(exclusive=True) as conn:
        meta = {r["name"]: r["value"] for r in store.queries.meta(conn)}
        if from_meta(meta) is not None:
            return  # another process made it first
        for name, value in settings.as_meta().items():
            store.queries.set_meta(conn, name=name, value=value)
        detail = json.dumps({"settings": settings_data(settings)})
        store.queries.add_log(
            conn,
            kind="created",
            recorded_at=clock.now(),
            recorded_by=who,
            db_user=store.db_user,
            detail=detail,
        )


def register_catalogue(folders: list[Path]) -> Catalogue:
    """The built-in flows with the register's own flow folders layered on them."""
    if not folders:
        from routewise.flows.loader import load_catalogue
        from routewise.flows.locations import default_flows_dir

        return load_catalogue(default_flows_dir())
    from routewise.commands.flows import broken_file_lines
    from routewise.flows.folders import load_flows

    flows = load_flows(folders)
    for line in broken_file_lines(flows):
        typer.echo(line, err=True)
    return flows.catalogue


def owner_wanted(owner: str | None, mine: bool, who: str) -> str | None:
    """The owner a list keeps: --owner NAME, or with --mine the person running it (`user`
    from the config, else the login name: never the database login a team shares)."""
    if mine and owner is not None:
        raise UserError("--mine and --owner both choose an owner: give one of them")
    return who if mine else owner


def as_of_date(text: str | None, today: date) -> date:
    return option_date(text, "--as-of") if text is not None else today


# --- case list ---------------------------------------------------------------------------


@closing
def list_cases(
    config: Path | None,
    *,
    include_closed: bool,
    as_of: str | None,
    route: str | None,
    status: str | None,
    owner: str | None,
    mine: bool = False,
    limit: int | None,
    output_format: str,
    plain: bool,
) -> None:
    reg = open_register(config)
    owner = owner_wanted(owner, mine, reg.who if reg else clock.who(None))
    day = as_of_date(as_of, clock.today())
    if reg is None:
        _no_cases(output_format, day)
        return
    from routewise.register.listing import listed, summaries
    from routewise.register.timing import warn_until

    until = warn_until(day, reg.settings.warn_days, reg.settings.calendar())
    import gc

    # Thousands of rows make thousands of objects, and each collection of the oldest ones
    # would walk every object the start-up made (typer, pydantic): about 10% of a list of
    # 10,000. Nothing made so far is garbage; set it aside (the process ends soon anyway).
    gc.freeze()
    everything = include_closed or status == "closed"
    cases = listed(summaries(reg.store, everything), day, until, reg.summary_key)
    if route is not None:
        cases = [c for c in cases if c.route == route]
    if status is not None:
        cases = [c for c in cases if c.status_name == status]
    if owner is not None:
        cases = [c for c in cases if c.owner.casefold() == owner.casefold()]
    stale = sum(1 for c in cases if c.stale)
    if stale:
        warn(
            f"{stale} of these summaries were made with older flow files or settings; "
            "`routewise case refresh` brings them up to date"
        )
    _print_list(cases, day, limit, output_format, plain)


def _print_list(
    cases: list[Listed], day: date, limit: int | None, output_format: str, plain: bool
) -> None:
    from routewise.register import views

    if output_format == "rich":
        from routewise.commands.common import plain_wanted
        from routewise.render.console import console

        plain = plain_wanted(plain)
        chosen = 50 if limit is None else limit
        if not cases:
            typer.echo(f"No cases to show as of {day.isoformat()}.")
            return
        views.render_terminal(cases, console(plain), day, chosen or None, plain)
        return
    kept = cases[:limit] if limit else cases
    more = len(cases) - len(kept)
    if output_format == "json":
        typer.echo(views.render_json(kept, day, more), nl=False)
    elif output_format == "csv":
        typer.echo(views.render_csv(kept), nl=False)
    else:
        typer.echo(views.render_markdown(kept, day, more), nl=False)


def _no_cases(output_format: str, day: date) -> None:
    if output_format == "json":
        typer.echo(json.dumps({"as_of": day.isoformat(), "count": 0, "more": 0, "cases": []}))
    elif output_format == "csv":
        from routewise.register.views import CSV_COLUMNS

        typer.echo(",".join(CSV_COLUMNS))
    else:
        typer.echo(
            "No cases yet. Open one with `routewise triage … --case REF`, or answer yes when "
            "the triage offers to save the plan as a case."
        )
