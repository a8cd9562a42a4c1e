"""What the store and its migrations share about the register's database file: the
schema version this routewise reads, how long a writer waits, how the file is made, and the
one wording of every SQLite error (naming the file, and what became of the change)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from routewise.base.errors import UserError
from routewise.base.safe_text import shown

SCHEMA_VERSION = 2
"""The register schema this routewise reads and writes; the migrations bring older ones up."""
BUSY_SECONDS = 5.0
"""How long a command waits for another writer before it says the register is locked."""
RESTORE = (
    "restore your copy of it (see 'Backing up the register' in README.md), "
    "or move it aside and a new, empty register starts"
)


class RegisterError(UserError):
    """The register file cannot be used as asked: one line naming it, exit 2."""


def create_private(path: Path, private_folder: bool) -> None:
    """The empty file, owner-only, before SQLite opens it (SQLite gives its -wal and -shm
    files the same mode). `private_folder`: the folder is routewise's own, so it is made
    owner-only too; a folder the user named must already exist."""
    folder = path.parent
    if private_folder:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)
    elif not folder.is_dir():
        raise RegisterError(
            f"{shown(path)}: the folder {shown(folder)} does not exist; nothing was written"
        )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        return  # another process made it first: it is checked like any other
    except OSError as exc:
        raise RegisterError(f"{shown(path)}: cannot create the register ({exc.strerror})") from None
    os.close(fd)


# SQLite's result codes, by name, and what each means to the person at the keyboard.
_LOCKED = ("SQLITE_BUSY", "SQLITE_LOCKED")
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


@contextlib.contextmanager
def translated(path: Path, outcome: str) -> Iterator[None]:
    """Every SQLite error as one line naming the file, and what happened to the change."""
    try:
        yield
    except sqlite3.Error as exc:
        raise RegisterError(describe(exc, path, outcome)) from None


def describe(exc: sqlite3.Error, path: Path, outcome: str) -> str:
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    where = shown(str(path))
    if name.startswith(_LOCKED) or "locked" in str(exc):
        return (
            f"{where} is locked by another program for more than {BUSY_SECONDS:g} seconds; "
            f"{outcome}. Try again in a moment"
        )
    if name.startswith("SQLITE_FULL"):
        return f"{where}: the disk is full; the change was rolled back and {outcome}"
    if name.startswith("SQLITE_READONLY"):
        return f"{where} is read-only; {outcome}. Check the file's permissions"
    if name == "SQLITE_NOTADB":
        return f"{where} is not a routewise case register (not an SQLite database); {outcome}"
    if name.startswith(_DAMAGED):
        return f"{where} is damaged ({exc}); {outcome}. To go on, {RESTORE}"
    if name.startswith("SQLITE_CANTOPEN"):
        return f"{where}: cannot open the register ({exc}); {outcome}"
    if name.startswith("SQLITE_IOERR"):
        return f"{where}: the disk could not be read or written ({exc}); {outcome}"
    return f"{where}: {exc}; {outcome}"
