"""Where the cases are kept: the store interface, and the SQLite file behind it.

The store is small on purpose: open it, run queries in a read or a write transaction, and
clean up after a deletion. Every query is in `queries.sql` (loaded by aiosql) in the SQL
that SQLite and PostgreSQL share, so a team database (a later issue) adds a driver and a
connection string here, not a second query layer. Only what is SQLite's own (its PRAGMAs,
its file) lives in `SQLiteStore`.

The SQLite file:
- is created owner-only (0600) before SQLite opens it, in an owner-only folder (0700);
- runs in WAL mode with a busy timeout, one short `BEGIN IMMEDIATE` transaction per write;
- has `secure_delete` on, so deleted text is overwritten, not left in free space;
- carries its schema version in `register_meta`, checked with one query on every open;
  an older register is upgraded (`migrate`, which alone imports yoyo) and a newer one refused.

Every SQLite error becomes one line naming the file (`RegisterError`): damaged, not a
register, read-only, locked, or a full disk, each saying that nothing was changed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from routewise.base.safe_text import shown
from routewise.register import database
from routewise.register.database import (
    RESTORE,
    RegisterError,
    create_private,
    translated,
)

QUERIES = Path(__file__).with_name("queries.sql")


class Hooks:
    """Seams for the tests that stop a write half-way or fill the disk: both do nothing."""

    on_connect: Callable[[sqlite3.Connection], None] | None = None
    before_commit: Callable[[], None] | None = None


HOOKS = Hooks()


class Store(Protocol):
    """What the register needs of a database: an SQLite file here, a PostgreSQL database in
    `server`."""

    kind: str
    """"sqlite" or "postgresql"."""
    where: str
    """The file or database, as messages name it (never with a password)."""
    db_user: str | None
    """The database user the server knows this connection as (None for SQLite)."""
    queries: Any
    """The aiosql queries of `queries.sql`, for this database's driver."""

    def read(self) -> contextlib.AbstractContextManager[Any]: ...

    def write(self, exclusive: bool = False) -> contextlib.AbstractContextManager[Any]:
        """One write transaction; `exclusive`: one at a time across the whole register (for
        what numbers its rows from the table, such as the log, or checks then inserts)."""
        ...

    def after_delete(self) -> str | None: ...

    def may_purge(self) -> str | None:
        """None when this user may purge the register; else why not."""
        ...

    def close(self) -> None: ...


DRIVERS = {"sqlite": "sqlite3", "postgresql": "psycopg"}
"""aiosql's name for each kind of store's driver."""


def load_queries(driver: str, path: Path = QUERIES) -> Any:
    import aiosql

    return aiosql.from_path(path, driver)


class SQLiteStore:
    """The register in one SQLite file."""

    kind: str = "sqlite"
    db_user: str | None = None

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.where = shown(str(path))
        self.connection = connection
        self.queries = load_queries("sqlite3")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """One consistent snapshot for several queries."""
        with translated(self.path, "nothing was changed"):
            self.connection.execute("BEGIN")
            try:
                yield self.connection
            finally:
                if self.connection.in_transaction:
                    self.connection.execute("COMMIT")

    @contextlib.contextmanager
    def write(self, exclusive: bool = False) -> Iterator[sqlite3.Connection]:
        """One short transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so
        two writers never deadlock (and every write is exclusive); anything that goes wrong
        (Ctrl-C too) rolls it back."""
        with translated(self.path, "nothing was recorded"):
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
                if HOOKS.before_commit is not None:
                    HOOKS.before_commit()
                self.connection.execute("COMMIT")
            except BaseException:
                if self.connection.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.connection.execute("ROLLBACK")
                raise

    def after_delete(self) -> str | None:
        """Leave no deleted text behind in the -wal file or free pages. Returns a warning
        when another process holds the log open, so it could not be emptied yet."""
        with translated(self.path, "the cases were deleted"):
            busy = value(self.connection, "PRAGMA wal_checkpoint(TRUNCATE)")
            if value(self.connection, "PRAGMA freelist_count"):
                self.connection.execute("PRAGMA temp_store = MEMORY")  # no temporary file
                self.connection.execute("VACUUM")
                busy = value(self.connection, "PRAGMA wal_checkpoint(TRUNCATE)")
        if busy:
            return (
                f"another program is reading {self.where}, so its -wal file could not be "
                "emptied yet; the deleted text goes from it when that program finishes"
            )
        return None

    def may_purge(self) -> str | None:
        return None  # whoever may write the file may purge it

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.connection.close()


def value(connection: sqlite3.Connection, sql: str) -> Any:
    """The first column of the first row of a PRAGMA or query."""
    return connection.execute(sql).fetchone()[0]


def connect(path: Path, wal: bool = True) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with the register's
    PRAGMAs. WAL needs a write to switch on (`wal=False` until the file is known to be a
    register: another program's database is never changed); a read-only file still opens
    for reading."""
    connection = sqlite3.connect(str(path), timeout=database.BUSY_SECONDS, isolation_level=None)
    connection.row_factory = sqlite3.Row  # by column name, as psycopg's dict_row gives them
    connection.execute(f"PRAGMA busy_timeout = {int(database.BUSY_SECONDS * 1000)}")
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA synchronous = FULL")
    if wal:
        use_wal(connection)
    if HOOKS.on_connect is not None:
        HOOKS.on_connect(connection)
    return connection


def use_wal(connection: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.OperationalError):  # read-only: it still reads
        connection.execute("PRAGMA journal_mode = WAL")


def schema_version(connection: sqlite3.Connection, path: Path) -> int | None:
    """The register's schema version; None for an empty file (a register not yet made)."""
    try:
        found = connection.execute(
            "SELECT value FROM register_meta WHERE name = 'schema_version'"
        ).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        tables = value(connection, "SELECT COUNT(*) FROM sqlite_master")
        if tables:
            raise RegisterError(
                f"{shown(path)} is an SQLite database but not a routewise case register; "
                "nothing was changed. Name another file with `database` in the config or "
                "ROUTEWISE_DATABASE"
            ) from None
        return None
    if found is None:
        return None
    try:
        return int(found["value"])
    except ValueError:
        raise RegisterError(
            f"{shown(path)}: the register's version is unreadable; {RESTORE}"
        ) from None


def open_store(path: Path, *, create: bool, private_folder: bool = False) -> SQLiteStore | None:
    """The register at `path`, upgraded if it is older; None when there is none and
    `create` is false (a list or a show needs no file made)."""
    path = path.expanduser()
    if path.is_dir():
        raise RegisterError(f"{shown(path)} is a folder, not a case register")
    if not path.exists():
        if not create:
            return None
        create_private(path, private_folder)
    with translated(path, "nothing was changed"):
        connection = connect(path, wal=False)
        try:
            found = schema_version(connection, path)
        except BaseException:
            connection.close()
            raise
    if found is not None and found > database.SCHEMA_VERSION:
        connection.close()
        raise RegisterError(
            f"{shown(path)} was made by a newer routewise (register version {found}; this "
            f"one reads up to {database.SCHEMA_VERSION}); upgrade routewise to use it. "
            "Nothing was changed"
        )
    if found is None and not create:
        connection.close()
        return None
    if found is None or found < database.SCHEMA_VERSION:
        with translated(path, "nothing was changed"):
            if found is None:
                use_wal(connection)  # a new register is in WAL mode from the start
            connection.close()
        from routewise.register.migrate import upgrade

        upgrade(path, found)
        with translated(path, "nothing was changed"):
            connection = connect(path)
    else:
        with translated(path, "nothing was changed"):
            use_wal(connection)
    return SQLiteStore(path, connection)
