"""Making and upgrading the register's schema with yoyo-migrations.

Imported only when `store.open_store` finds a register with no schema yet, or an older one:
yoyo costs about 80 ms to import, which no ordinary command pays. An upgrade:

1. takes yoyo's lock, so only one process upgrades at a time, and reads the version again
   (another process may have finished the upgrade while this one waited);
2. copies the register beside itself (`NAME.before-vN`, owner-only) with SQLite's backup
   API, a consistent copy even while others read it;
3. runs each numbered migration in `migrations/` in one transaction; a migration sets the
   schema version in that same transaction, so the version never claims a half-done one;
4. removes the copy once the upgraded register opens cleanly (`PRAGMA quick_check`), so no
   case text that is later deleted survives in a forgotten backup. If anything fails, the
   copy stays and the message names it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from yoyo import read_migrations
from yoyo.backends.core.sqlite3 import SQLiteBackend
from yoyo.connections import DatabaseURI
from yoyo.exceptions import LockTimeout

from routewise.base.safe_text import shown
from routewise.register import database
from routewise.register.database import RegisterError, create_private

MIGRATIONS = Path(__file__).with_name("migrations")
LOCK_SECONDS = 30.0


class QuietLog:
    """yoyo's log of migrations with no host name (yoyo's `getfqdn` could ask the network)."""

    def get_log_data(self, migration: Any = None, operation: str = "apply") -> dict[str, Any]:
        import uuid
        from datetime import UTC, datetime

        from routewise.register.clock import login_name

        return {
            "id": str(uuid.uuid4()),
            "migration_id": migration.id if migration else None,
            "migration_hash": migration.hash if migration else None,
            "username": login_name(),
            "hostname": "",
            "created_at_utc": datetime.now(UTC).replace(tzinfo=None),
            "operation": operation,
        }


class RegisterBackend(QuietLog, SQLiteBackend):  # type: ignore[misc]
    """yoyo's SQLite backend, opening the file by its path (not a `file:` URI, which a
    Windows path or a `?` in a folder name would break) with the register's PRAGMAs."""

    def connect(self, dburi: Any) -> sqlite3.Connection:
        connection = sqlite3.connect(
            dburi.database, timeout=database.BUSY_SECONDS, isolation_level=None
        )
        connection.execute(f"PRAGMA busy_timeout = {int(database.BUSY_SECONDS * 1000)}")
        connection.execute("PRAGMA secure_delete = ON")
        return connection


def upgrade(path: Path, found: int | None) -> None:
    """Bring the register at `path` to `database.SCHEMA_VERSION` (`found`: None for a new one)."""
    uri = DatabaseURI("sqlite", None, None, None, None, str(path), {})
    backup: Path | None = None
    try:
        backend = RegisterBackend(uri, "_yoyo_migration")
        backend.init_database()
    except sqlite3.Error as exc:
        raise RegisterError(database.describe(exc, path, "nothing was changed")) from None
    try:
        with backend.lock(timeout=LOCK_SECONDS):
            current = _version(backend)
            if current is not None and current >= database.SCHEMA_VERSION:
                return  # another process upgraded it while this one waited
            if current is not None:
                backup = _backup(path, current)
            apply_after(backend, current)
    except LockTimeout:
        raise RegisterError(
            f"{shown(str(path))} is being upgraded by another routewise for more than "
            f"{LOCK_SECONDS:g} seconds; nothing was changed. Try again in a moment"
        ) from None
    except sqlite3.Error as exc:
        kept = f"; the copy from before the upgrade is {shown(str(backup))}" if backup else ""
        raise RegisterError(
            f"{shown(str(path))}: the register could not be upgraded ({exc}); it is as it was{kept}"
        ) from None
    finally:
        with contextlib.suppress(sqlite3.Error):
            backend.connection.close()
    if backup is not None:
        _remove_when_clean(path, backup)


def _version(backend: Any) -> int | None:
    try:
        row = backend.execute(
            "SELECT value FROM register_meta WHERE name = 'schema_version'"
        ).fetchone()
    except sqlite3.OperationalError:
        return None
    return int(row[0]) if row else None


def number(migration: Any) -> int:
    """A migration's number: `0002.cases-owner` is 2."""
    return int(str(migration.id).split(".", 1)[0])


def apply_after(backend: Any, current: int | None) -> None:
    """Every migration after `current`. One the schema version says is applied but yoyo
    has no record of (a process stopped between the two) is marked, not run again."""
    migrations = read_migrations(str(MIGRATIONS))
    applied = set(backend.get_applied_migration_hashes())
    done = [m for m in migrations if number(m) <= (current or 0) and m.hash not in applied]
    if done:
        backend.mark_migrations(done)
    backend.apply_migrations(backend.to_apply(migrations))


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.before-v{version + 1}")


def _backup(path: Path, version: int) -> Path:
    target = backup_path(path, version)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)  # a copy left by an upgrade that failed: this one is newer
    create_private(target, private_folder=False)
    source = sqlite3.connect(str(path), timeout=database.BUSY_SECONDS)
    copy = sqlite3.connect(str(target))
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def _remove_when_clean(path: Path, backup: Path) -> None:
    connection = sqlite3.connect(str(path), timeout=database.BUSY_SECONDS)
    try:
        check = connection.execute("PRAGMA quick_check").fetchone()[0]
        version = connection.execute(
            "SELECT value FROM register_meta WHERE name = 'schema_version'"
        ).fetchone()[0]
    finally:
        connection.close()
    if check != "ok" or int(version) != database.SCHEMA_VERSION:
        raise RegisterError(
            f"{shown(str(path))}: the upgraded register does not read back cleanly ({check}); "
            f"the copy from before the upgrade is {shown(str(backup))}"
        )
    for leftover in (backup, Path(f"{backup}-journal")):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(leftover)
