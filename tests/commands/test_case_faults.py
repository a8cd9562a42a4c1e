"""A damaged, foreign, newer, read-only, locked or full register: one line naming the file,
exit 2, and nothing overwritten or half-written."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from case_helpers import Run, show_json
from typer.testing import Result

from routewise.register import database
from routewise.register.store import HOOKS

CASE = {
    "reference": "2026-007",
    "route": "officer-unprofessional-to-member",
    "raised": "2026-04-27",
    "answers": {"officer-post": "officer"},
}


@pytest.fixture
def opened(open_cases: Callable[..., Result], register_file: Path) -> Path:
    open_cases(CASE)
    return register_file


@pytest.fixture
def hooks() -> Iterator[None]:
    yield
    HOOKS.on_connect = None
    HOOKS.before_commit = None


def one_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("routewise: error: "), result.stderr
    return lines[0]


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_damaged_register_is_named_with_how_to_restore_it_and_left_alone(
    run: Run, opened: Path
) -> None:
    data = bytearray(opened.read_bytes())
    page = 4096
    data[page:] = b"\xab" * (len(data) - page)  # every page but the first (the schema)
    opened.write_bytes(bytes(data))
    before = files(opened.parent)
    line = one_line(run("case", "list", ok=False))
    assert str(opened) in line and "is damaged" in line
    assert "restore your copy of it (see 'Backing up the register' in README.md)" in line
    assert files(opened.parent) == before


def test_a_file_that_is_not_a_database_is_named_and_left_alone(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my private notes\n" * 100, encoding="utf-8")
    line = one_line(run("case", "list", ok=False, env={"ROUTEWISE_DATABASE": str(path)}))
    assert "notes.txt is not a routewise case register (not an SQLite database)" in line
    assert path.read_text(encoding="utf-8") == "my private notes\n" * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_another_programs_database_is_not_a_register(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE invoices (id INTEGER)")
    other.close()
    before = path.read_bytes()
    line = one_line(run("case", "note", "X", "hi", ok=False, env={"ROUTEWISE_DATABASE": str(path)}))
    assert "is an SQLite database but not a routewise case register" in line
    assert path.read_bytes() == before


def test_a_register_from_a_newer_routewise_is_refused(run: Run, opened: Path) -> None:
    with sqlite3.connect(opened) as db:
        db.execute("UPDATE register_meta SET value = '99' WHERE name = 'schema_version'")
    db.close()
    before = files(opened.parent)
    line = one_line(run("case", "list", ok=False))
    newest = database.SCHEMA_VERSION
    assert (
        f"was made by a newer routewise (register version 99; this one reads up to {newest})"
        in line
    )
    assert "upgrade routewise" in line
    assert files(opened.parent) == before


@pytest.mark.usefixtures("hooks")
def test_a_read_only_register_still_reads_and_refuses_a_write(run: Run, opened: Path) -> None:
    HOOKS.on_connect = lambda db: db.execute("PRAGMA query_only = ON")
    assert "2026-007" in run("case", "list").stdout
    line = one_line(run("case", "note", "2026-007", "a note", ok=False))
    assert str(opened) in line and "is read-only; nothing was recorded" in line
    HOOKS.on_connect = None
    assert len(show_json(run, "2026-007")["case"]["history"]) == 1


def test_a_register_locked_by_another_program_gives_a_message_not_a_hang(
    run: Run, opened: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_SECONDS", 0.3)
    holder = sqlite3.connect(opened, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        line = one_line(run("case", "note", "2026-007", "a note", ok=False))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "is locked by another program for more than 0.3 seconds; nothing was recorded" in line
    assert len(show_json(run, "2026-007")["case"]["history"]) == 1


@pytest.mark.usefixtures("hooks")
def test_a_full_disk_rolls_the_write_back_and_says_so(
    run: Run, opened: Path, open_cases: Callable[..., Result]
) -> None:
    """SQLite's `max_page_count` stands in for a full disk: the file may not grow."""

    def no_room(db: sqlite3.Connection) -> None:
        count = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {count}")

    HOOKS.on_connect = no_room
    many = [{**CASE, "reference": f"2026-{n:03d}"} for n in range(100, 160)]
    line = one_line(open_cases(*many, ok=False))
    assert "the disk is full; the change was rolled back and nothing was recorded" in line
    notes = [run("case", "note", "2026-007", "x" * 1999, ok=False) for _ in range(8)]
    assert any("the disk is full" in n.stderr for n in notes)  # once the free space is used
    HOOKS.on_connect = None
    recorded = len(show_json(run, "2026-007")["case"]["history"]) - 1
    assert recorded == sum(1 for n in notes if n.exit_code == 0)  # each note all or nothing
    with sqlite3.connect(opened) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 1
    db.close()
