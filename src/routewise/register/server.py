"""The register in a PostgreSQL database, for a team: psycopg 3 with the same SQL
(`queries.sql`) and the same migrations as the SQLite file.

psycopg is imported only here, and only when a PostgreSQL URL is used; without the
`postgres` extra, one line names it. The connection:

- asks for `sslmode=verify-full` when the host is not this machine and the URL (or
  PGSSLMODE) does not say otherwise, and warns when it connects to another machine without
  checking the server's certificate;
- leaves the password to libpq (PGPASSWORD, ~/.pgpass, PGSERVICE); nothing shown, logged
  or stored holds it (`base.database_url`);
- runs each read in one REPEATABLE READ snapshot and each write in one READ COMMITTED
  transaction. The version check in `queries.sql` (`… WHERE version = :version`) makes
  two writers of one case wait for each other, and the second finds the version moved on;
  an `exclusive` write also takes an advisory lock, one at a time across the register;
- waits at most `LOCK_SECONDS` for a lock, then says the register is busy.

Upgrades are explicit here (`server_migrate`, run by `routewise db upgrade`): a case command
against an older schema says so and changes nothing. Every error is one line
(`server_errors`).
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from routewise.base.database_url import hidden
from routewise.base.errors import warn
from routewise.base.safe_text import shown
from routewise.register import database
from routewise.register.database import RegisterError
from routewise.register.server_errors import UPGRADE_HINT, connect_problem, describe, one_line
from routewise.register.store import HOOKS, load_queries

if TYPE_CHECKING:
    import psycopg

EXTRA = 'a PostgreSQL register needs routewise\'s postgres extra: pip install "routewise[postgres]"'
VERIFIED = ("verify-full", "verify-ca")
LOCK_SECONDS = 5
WRITE_LOCK = 0x72_77_31_01
"""The advisory lock of an exclusive write (key chosen for routewise, "rw1" and 1)."""
VACUUM = "VACUUM (FULL, ANALYZE) history, first_plans, cases"
"""After a deletion: FULL writes each table anew, so no deleted row stays in its files."""
ADMIN_ROLE = "routewise_admin"
"""The role whose members may purge, unless the register names another (`admin_role`)."""


def driver() -> Any:
    """psycopg, or one line naming the extra that brings it."""
    try:
        import psycopg
    except ImportError:
        raise RegisterError(EXTRA) from None
    return psycopg


def is_local(host: str) -> bool:
    """This machine: a socket folder, localhost or a loopback address."""
    host = host.strip().strip("[]")
    if not host or host.startswith(("/", "@")) or host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def hosts_of(params: dict[str, Any]) -> list[str]:
    """The hosts a connection may reach (an address alone stands for its host)."""
    text = str(
        params.get("host")
        or os.environ.get("PGHOST")
        or params.get("hostaddr")
        or os.environ.get("PGHOSTADDR")
        or ""
    )
    return text.split(",") if text else [""]


def conninfo(url: str) -> tuple[str, dict[str, Any]]:
    """The connection string routewise uses, and the URL's own parameters: a host that is
    not local gets `sslmode=verify-full` unless the URL or PGSSLMODE says otherwise."""
    psycopg = driver()
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    try:
        params = conninfo_to_dict(url)
    except psycopg.Error as exc:
        raise RegisterError(
            f"{shown(hidden(url))} is not a connection string libpq reads "
            f"({one_line(str(exc), url)}); nothing was changed"
        ) from None
    extra: dict[str, Any] = {}
    said = "sslmode" in params or os.environ.get("PGSSLMODE")
    from_service = "service" in params or os.environ.get("PGSERVICE")
    if not said and not from_service and not all(is_local(h) for h in hosts_of(params)):
        extra["sslmode"] = "verify-full"
    if "connect_timeout" not in params and not os.environ.get("PGCONNECT_TIMEOUT"):
        extra["connect_timeout"] = 10
    if "application_name" not in params:
        extra["application_name"] = "routewise"
    return make_conninfo(url, **extra), params


def connect(url: str, quiet: bool = False) -> psycopg.Connection[Any]:
    """A connection in autocommit mode (transactions are explicit), rows by column name.
    `quiet`: no warning about an unverified server (said once, by the first connection)."""
    driver()
    import psycopg
    from psycopg.rows import dict_row

    text, params = conninfo(url)
    try:
        connection = psycopg.connect(text, autocommit=True, row_factory=dict_row)
    except psycopg.Error as exc:
        user = params.get("user") or os.environ.get("PGUSER")
        raise RegisterError(
            connect_problem(str(exc), url, user, ",".join(hosts_of(params)) or "this machine")
        ) from None
    try:
        connection.execute(f"SET lock_timeout = '{LOCK_SECONDS}s'")
    except psycopg.Error as exc:
        connection.close()
        raise RegisterError(describe(exc, url, "nothing was changed")) from None
    if not quiet:
        _say_if_unverified(connection, url)
    return connection


def _options(connection: psycopg.Connection[Any]) -> dict[str, str]:
    """The connection's settings as libpq used them (the URL's, the environment's, defaults)."""
    return {o.keyword.decode(): (o.val or b"").decode() for o in connection.pgconn.info}


def security(connection: psycopg.Connection[Any]) -> str:
    """How the connection is protected, in a few words."""
    options = _options(connection)
    mode = options.get("sslmode", "prefer")
    if connection.pgconn.ssl_in_use:
        if mode in VERIFIED:
            return f"TLS, the server's certificate verified (sslmode={mode})"
        return f"TLS, the server's certificate not checked (sslmode={mode})"
    if is_local(connection.info.host):
        return "this machine, not encrypted"
    return f"not encrypted (sslmode={mode})"


def _say_if_unverified(connection: psycopg.Connection[Any], url: str) -> None:
    """A warning line when another machine is reached without checking its certificate."""
    options = _options(connection)
    mode = options.get("sslmode", "prefer")
    if is_local(connection.info.host) or mode in VERIFIED:
        return
    how = (
        "encrypted, but the server's certificate is not checked"
        if connection.pgconn.ssl_in_use
        else "not encrypted"
    )
    warn(
        f"the connection to {shown(hidden(url))} is {how} (sslmode={mode}); add "
        "sslmode=verify-full and sslrootcert=PATH to the URL so that only the council's server "
        "is trusted"
    )


class PostgresStore:
    """The register in a PostgreSQL database."""

    kind: str = "postgresql"

    def __init__(self, url: str, connection: psycopg.Connection[Any]) -> None:
        self.url = url
        self.where = shown(hidden(url))
        self.connection = connection
        self.db_user: str | None = connection.info.user
        self.queries = load_queries("psycopg")

    @contextlib.contextmanager
    def translated(self, outcome: str) -> Iterator[None]:
        psycopg = driver()
        try:
            yield
        except psycopg.Error as exc:
            raise RegisterError(describe(exc, self.url, outcome)) from None

    @contextlib.contextmanager
    def read(self) -> Iterator[psycopg.Connection[Any]]:
        """One consistent snapshot for several queries."""
        with self.translated("nothing was changed"):
            self.connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            try:
                yield self.connection
            finally:
                self._end("COMMIT")

    @contextlib.contextmanager
    def write(self, exclusive: bool = False) -> Iterator[psycopg.Connection[Any]]:
        """One transaction; anything that goes wrong (Ctrl-C too, or the server going away)
        rolls it back, on the server as well."""
        with self.translated("nothing was recorded"):
            self.connection.execute("BEGIN")
            try:
                if exclusive:
                    self.connection.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                yield self.connection
                if HOOKS.before_commit is not None:
                    HOOKS.before_commit()
                self.connection.execute("COMMIT")
            except BaseException:
                self._end("ROLLBACK")
                raise

    def _end(self, how: str) -> None:
        psycopg = driver()
        if self.connection.closed or self.connection.info.transaction_status == 0:  # idle
            return
        with contextlib.suppress(psycopg.Error):
            self.connection.execute(how)

    def after_delete(self) -> str | None:
        """VACUUM the tables that held the deleted cases, so their rows do not stay in the
        table files. Returns a warning when the server skipped a table (only its owner, or
        a role granted MAINTAIN, may vacuum it)."""
        skipped: list[str] = []

        def notice(diagnostic: Any) -> None:
            text = str(diagnostic.message_primary or "")
            if "skipping" in text or "permission denied" in text:
                skipped.append(one_line(text, self.url))

        self.connection.add_notice_handler(notice)
        try:
            with self.translated(
                "the cases were deleted; their rows leave the table files at VACUUM"
            ):
                self.connection.execute(VACUUM)
        except RegisterError as exc:
            return str(exc)
        finally:
            self.connection.remove_notice_handler(notice)
        if skipped:
            return (
                f"the cases were deleted, but the server did not let {shown(self.db_user or '')} "
                f"vacuum the tables ({'; '.join(skipped)}); their rows stay in the table "
                "files until the register's administrator runs VACUUM FULL (see README.md)"
            )
        return None

    def admin_role(self) -> str:
        with self.read() as conn:
            meta = {r["name"]: r["value"] for r in self.queries.meta(conn)}
        return str(meta.get("admin_role") or ADMIN_ROLE)

    def may_purge(self) -> str | None:
        """None when this user is a member of the register's admin role; else why not."""
        role = self.admin_role()
        with self.read() as conn:
            known = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
            found = conn.execute(
                "SELECT pg_has_role(current_user, %s, 'MEMBER') AS yes", (role,)
            ).fetchone()
            member = known is not None and found is not None and bool(found["yes"])
        if member:
            return None
        if known is None:
            return f"the register's admin role {shown(role)} does not exist on the server"
        return (
            f"only a member of the register's admin role {shown(role)} may purge, and "
            f"{shown(self.db_user or '')} is not one"
        )

    def close(self) -> None:
        psycopg = driver()
        with contextlib.suppress(psycopg.Error):
            self.connection.close()


def server_version(connection: psycopg.Connection[Any], url: str) -> int | None:
    """The register's schema version; None when the database holds no register yet."""
    psycopg = driver()
    try:
        row = connection.execute(
            "SELECT value FROM register_meta WHERE name = 'schema_version'"
        ).fetchone()
    except psycopg.errors.UndefinedTable:
        return None
    except psycopg.Error as exc:
        raise RegisterError(describe(exc, url, "nothing was changed")) from None
    if row is None:
        return None
    try:
        return int(row["value"])
    except ValueError:
        raise RegisterError(
            f"{shown(hidden(url))}: the register's version is unreadable; nothing was changed"
        ) from None


def open_server(url: str) -> PostgresStore:
    """The register in the database at `url`, at this routewise's schema version. An empty
    database, or an older register, is not changed: the message says to run
    `routewise db upgrade`."""
    connection = connect(url)
    try:
        found = server_version(connection, url)
        where = shown(hidden(url))
        if found is None:
            raise RegisterError(
                f"{where} holds no routewise case register yet; nothing was changed. To make "
                f"it, {UPGRADE_HINT}"
            )
        if found > database.SCHEMA_VERSION:
            raise RegisterError(
                f"{where} was made by a newer routewise (register version {found}; this one "
                f"reads up to {database.SCHEMA_VERSION}); upgrade routewise to use it. Nothing "
                "was changed"
            )
        if found < database.SCHEMA_VERSION:
            raise RegisterError(
                f"{where} is at register version {found} and this routewise needs version "
                f"{database.SCHEMA_VERSION}; nothing was changed. To upgrade it, {UPGRADE_HINT}"
            )
    except BaseException:
        connection.close()
        raise
    return PostgresStore(url, connection)
