"""`routewise db status|upgrade|copy`: where the case register is and how it stands, its
schema upgrades, and moving its cases to another register.

The register is the one every case command uses (`database` in the config or
ROUTEWISE_DATABASE, else the SQLite file in the user data folder). On PostgreSQL, upgrades
are explicit: the database's administrator runs `db upgrade`, and case commands against an
older schema say so. An SQLite file is still upgraded by itself, with a backup, when a case
command opens it; `db upgrade` does the same at once. No line shows a password.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from routewise.base.database_url import is_server
from routewise.base.errors import UserError, warn
from routewise.base.safe_text import shown
from routewise.commands.case import OPEN, closing, need_register, open_register, register_path
from routewise.register import clock


def _target(config: Path | None) -> Path | str:
    from routewise.commands.common import settings_for

    target, _ = register_path(settings_for(config, None))
    return target


def status(config: Path | None, output_format: str) -> None:
    from routewise.register.locate import inspect

    standing = inspect(_target(config))
    if output_format == "json":
        typer.echo(json.dumps(standing.as_data(), ensure_ascii=False, indent=2))
        return
    kind = "PostgreSQL database" if standing.kind == "postgresql" else "SQLite file"
    typer.echo(f"Register: {standing.where} ({kind})")
    if standing.connection:
        typer.echo(f"Connection: {standing.connection}")
    if standing.db_user:
        typer.echo(f"Database user: {shown(standing.db_user)}")
    if not standing.exists:
        typer.echo("Schema version: none yet (no cases have been saved)")
    elif standing.version is None:
        typer.echo(f"Schema version: none yet (this routewise's is {standing.current})")
    else:
        typer.echo(f"Schema version: {standing.version} (this routewise's is {standing.current})")
    typer.echo(f"Upgrade due: {_due(standing.kind, standing.exists, standing.upgrade_due)}")
    typer.echo(f"Cases: {standing.cases if standing.cases is not None else 0}")


def _due(kind: str, exists: bool, due: bool) -> str:
    if not due:
        return "no"
    if kind == "postgresql":
        return "yes: the database's administrator runs `routewise db upgrade`"
    if not exists:
        return "no (the file is made when the first case is saved)"
    return (
        "yes: done with a backup the next time a case command opens it, or now with "
        "`routewise db upgrade`"
    )


@closing
def upgrade(config: Path | None, admin_role: str | None, user_role: str | None = None) -> None:
    from routewise.register.database import SCHEMA_VERSION
    from routewise.register.locate import inspect

    target = _target(config)
    now = SCHEMA_VERSION
    if isinstance(target, str) and is_server(target):
        from routewise.register.server_migrate import upgrade_server

        found, now = upgrade_server(target, admin_role, user_role)
    else:
        if admin_role is not None or user_role is not None:
            raise UserError(
                "--admin-role and --user-role are for a register on PostgreSQL; an SQLite "
                "file has no roles"
            )
        found = inspect(target).version
    # An SQLite file is made or upgraded (with a backup) as it opens; either kind stores
    # the config's settings if it has none yet.
    reg = open_register(config, create=True)
    assert reg is not None
    where = reg.store.where
    if found is None:
        typer.echo(f"Made the case register in {where} (schema version {now}).")
    elif found < now:
        typer.echo(f"Upgraded the case register in {where} from schema version {found} to {now}.")
    else:
        typer.echo(f"The case register in {where} is up to date (schema version {now}).")
    if admin_role is not None:
        typer.echo(f"Members of the role {shown(admin_role)} may purge cases.")
    if user_role is not None:
        typer.echo(f"Members of the role {shown(user_role)} may read and record cases.")


@closing
def copy(config: Path | None, to: str) -> None:
    from routewise.register.copying import copy_register
    from routewise.register.locate import open_target

    reg = need_register(config)
    target = to.strip()
    if not target:
        raise UserError("--to: name a register: a PostgreSQL URL or an SQLite file")
    if not is_server(target):
        target_path = Path(target).expanduser()
        if target_path.resolve() == Path(str(_target(config))).expanduser().resolve():
            raise UserError("--to names this same register; nothing was copied")
    elif target == _target(config):
        raise UserError("--to names this same register; nothing was copied")
    store = open_target(target if is_server(target) else Path(target), create=True)
    assert store is not None
    OPEN.append(store)
    done = copy_register(reg.store, store, by=reg.who, at=clock.now())
    entries = "entry" if done.entries == 1 else "entries"
    cases = "case" if done.cases == 1 else "cases"
    typer.echo(
        f"Copied {done.cases} {cases} with {done.entries} history {entries} from "
        f"{reg.store.where} to {store.where}; the counts were checked and match."
    )
    for note in done.notes:
        warn(note)
