"""Making and upgrading a register in PostgreSQL: `routewise db upgrade`, run by whoever
administers the database (it creates tables, so it needs a role that may).

The same numbered migrations as the SQLite file (`migrations/`), applied by yoyo, each in one
transaction that also sets the schema version. Two upgrades at once are serialised by a
PostgreSQL advisory lock: the second waits, reads the version again and finds nothing to do.
No backup copy is made here: the database's own backups (pg_dump, the council's) are the
administrator's, and a failed migration rolls back whole.
"""

from __future__ import annotations

from typing import Any

from yoyo.backends.core.postgresql import PostgresqlPsycopgBackend
from yoyo.connections import DatabaseURI

from routewise.base.database_url import hidden
from routewise.base.safe_text import shown
from routewise.register import database
from routewise.register.database import RegisterError
from routewise.register.migrate import QuietLog, apply_after
from routewise.register.server import connect, driver, server_version
from routewise.register.server_errors import describe

UPGRADE_LOCK = 0x72_77_31_02
"""The advisory lock an upgrade holds (a key chosen for routewise)."""
LOCK_SECONDS = 60


class ServerBackend(QuietLog, PostgresqlPsycopgBackend):  # type: ignore[misc]
    """yoyo's psycopg 3 backend, connecting as routewise does (the same TLS defaults, the
    password from libpq's own places). yoyo opens one connection for its records and one
    for each migration; the URL travels in the URI's `database` field."""

    def connect(self, dburi: Any) -> Any:
        from psycopg.rows import tuple_row

        connection = connect(str(dburi.database), quiet=True)
        connection.row_factory = tuple_row  # yoyo reads rows by position
        return connection


USER_GRANTS = (
    "GRANT SELECT, INSERT, UPDATE, DELETE ON cases, history, first_plans TO {role}",
    "GRANT SELECT, INSERT ON register_log TO {role}",
    "GRANT SELECT ON register_meta TO {role}",
)
"""What a team member needs, and no more: cases and their histories read and written (and
deleted, for `case delete`), the log added to, the register's settings read. Changing the
settings, upgrading and purging are the admin role's."""
MAINTAIN = "GRANT MAINTAIN ON cases, history, first_plans TO {role}"
"""PostgreSQL 17 and later: lets a member VACUUM FULL after `case delete`."""


def upgrade_server(
    url: str, admin_role: str | None = None, user_role: str | None = None
) -> tuple[int | None, int]:
    """Bring the register at `url` to `database.SCHEMA_VERSION` (making it in an empty
    database); returns the version found (None: none) and the version now. `admin_role`
    names the role whose members may purge; `user_role` is granted what a team member
    needs."""
    psycopg = driver()
    where = shown(hidden(url))
    lock = connect(url, quiet=True)
    try:
        try:
            lock.execute(f"SET lock_timeout = '{LOCK_SECONDS}s'")
            lock.execute("SELECT pg_advisory_lock(%s)", (UPGRADE_LOCK,))
        except psycopg.errors.LockNotAvailable:
            raise RegisterError(
                f"{where} is being upgraded by another routewise for more than "
                f"{LOCK_SECONDS} seconds; nothing was changed. Try again in a moment"
            ) from None
        except psycopg.Error as exc:
            raise RegisterError(describe(exc, url, "nothing was changed")) from None
        found = server_version(lock, url)
        if found is not None and found > database.SCHEMA_VERSION:
            raise RegisterError(
                f"{where} was made by a newer routewise (register version {found}; this one "
                f"reads up to {database.SCHEMA_VERSION}); upgrade routewise. Nothing was changed"
            )
        if found is None or found < database.SCHEMA_VERSION:
            _migrate(url, found)
        if admin_role is not None:
            try:
                lock.execute(
                    "INSERT INTO register_meta (name, value) VALUES ('admin_role', %s) "
                    "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    (admin_role,),
                )
            except psycopg.Error as exc:
                raise RegisterError(describe(exc, url, "the admin role was not set")) from None
        if user_role is not None:
            _grant(lock, url, user_role)
        return found, database.SCHEMA_VERSION
    finally:
        lock.close()  # the session's advisory lock goes with it


def _grant(connection: Any, url: str, role: str) -> None:
    psycopg = driver()
    from psycopg import sql

    statements = list(USER_GRANTS)
    if connection.info.server_version >= 170000:
        statements.append(MAINTAIN)
    try:
        with connection.transaction():
            for text in statements:
                connection.execute(sql.SQL(text).format(role=sql.Identifier(role)))
    except psycopg.Error as exc:
        raise RegisterError(describe(exc, url, "no rights were granted")) from None


def _migrate(url: str, found: int | None) -> None:
    psycopg = driver()
    uri = DatabaseURI("postgresql+psycopg", None, None, None, None, url, {})
    backend = None
    try:
        backend = ServerBackend(uri, "_yoyo_migration")
        backend.init_database()
        apply_after(backend, found)
    except psycopg.Error as exc:
        raise RegisterError(
            describe(exc, url, "the upgrade was rolled back and the register is as it was")
        ) from None
    finally:
        if backend is not None:
            backend.connection.close()
