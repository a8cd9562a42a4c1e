"""Which database a register is in, and how it stands: an SQLite file (`store`) or a
PostgreSQL database (`server`), chosen by what `database` names (`base.database_url`).

`open_target` is what every case command opens. `inspect` is what `routewise db status`
reports: where the register is (never with a password), its schema version against this
routewise's, whether an upgrade is due and how many cases it holds. It changes nothing: it
neither makes nor upgrades a register.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from routewise.base.database_url import hidden, is_server
from routewise.base.safe_text import shown
from routewise.register import database
from routewise.register.database import translated
from routewise.register.store import Store, connect, open_store, schema_version


def open_target(target: Path | str, *, create: bool, private_folder: bool = False) -> Store | None:
    """The register `target` names, at this routewise's schema version. An SQLite file is
    made (`create`) or upgraded as it opens; a PostgreSQL database must have been made and
    upgraded by `routewise db upgrade`, and is never None."""
    if isinstance(target, str) and is_server(target):
        from routewise.register.server import open_server

        return open_server(target)
    return open_store(Path(target), create=create, private_folder=private_folder)


@dataclass(frozen=True, kw_only=True, slots=True)
class Standing:
    """What `routewise db status` says about a register."""

    kind: str
    where: str
    exists: bool
    version: int | None
    """Its schema version; None when there is no register there yet."""
    current: int
    """The version this routewise reads and writes."""
    cases: int | None
    db_user: str | None = None
    connection: str | None = None
    """How the connection is secured, on PostgreSQL."""

    @property
    def upgrade_due(self) -> bool:
        return self.version is None or self.version < self.current

    def as_data(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "where": self.where,
            "exists": self.exists,
            "schema_version": self.version,
            "routewise_schema_version": self.current,
            "upgrade_due": self.upgrade_due,
            "cases": self.cases,
            "database_user": self.db_user,
            "connection": self.connection,
        }


def inspect(target: Path | str) -> Standing:
    if isinstance(target, str) and is_server(target):
        return _inspect_server(target)
    path = Path(target).expanduser()
    where = shown(str(path))
    if not path.is_file():
        return Standing(
            kind="sqlite",
            where=where,
            exists=False,
            version=None,
            current=database.SCHEMA_VERSION,
            cases=None,
        )
    with translated(path, "nothing was changed"):
        connection = connect(path, wal=False)
        try:
            version = schema_version(connection, path)
            cases = (
                int(connection.execute("SELECT COUNT(*) FROM cases").fetchone()[0])
                if version is not None
                else None
            )
        finally:
            connection.close()
    return Standing(
        kind="sqlite",
        where=where,
        exists=True,
        version=version,
        current=database.SCHEMA_VERSION,
        cases=cases,
    )


def _inspect_server(url: str) -> Standing:
    from routewise.register.server import connect as connect_server
    from routewise.register.server import security, server_version

    connection = connect_server(url)
    try:
        version = server_version(connection, url)
        cases = None
        if version is not None:
            row = connection.execute("SELECT COUNT(*) AS cases FROM cases").fetchone()
            cases = int(row["cases"]) if row else 0
        return Standing(
            kind="postgresql",
            where=shown(hidden(url)),
            exists=True,
            version=version,
            current=database.SCHEMA_VERSION,
            cases=cases,
            db_user=connection.info.user,
            connection=security(connection),
        )
    finally:
        connection.close()
