"""The register's file: who can read it, how it is written, what deleting leaves behind, and
how an older register is upgraded (with a backup that goes once the upgrade reads back)."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routewise.cli.app import app
from routewise.register import clock, database, migrate, store
from routewise.register.store import open_store

NOTE = "Quokka-7f3a9c said the meeting room smelt of burnt toast"
"""A note no other byte sequence in the register could match by chance."""


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, env: dict[str, str]) -> Ran:
    """A command through CliRunner, in this process (its registers are closed when it ends,
    as in a process of its own)."""
    result = CliRunner().invoke(app, list(args), env=env)
    return Ran(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 6, 30))
    data = str(tmp_path / "data")
    monkeypatch.setenv("XDG_DATA_HOME", data)
    base = {k: v for k, v in os.environ.items() if not k.startswith("ROUTEWISE_")}
    return {**base, "XDG_DATA_HOME": data, "COLUMNS": "100"}


def import_case(env: dict[str, str], tmp_path: Path, reference: str = "2026-001") -> None:
    path = tmp_path / f"{reference}.yaml"
    path.write_text(
        f"- reference: {reference}\n"
        "  route: officer-unprofessional-to-member\n"
        "  raised: 2026-04-27\n"
        "  answers: {officer-post: officer}\n",
        encoding="utf-8",
    )
    done = run_cli("case", "import", str(path), env=env)
    assert done.returncode == 0, done.stderr


def register(env: dict[str, str]) -> Path:
    return Path(env["XDG_DATA_HOME"]) / "routewise" / "register.sqlite3"


def everything_kept(folder: Path) -> dict[str, bytes]:
    """Every file routewise keeps for the register: the database, its -wal and -shm, and
    any backup beside it."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_the_register_and_its_folder_are_owner_only_and_in_wal_mode(
    env: dict[str, str], tmp_path: Path
) -> None:
    import_case(env, tmp_path)
    path = register(env)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    opened = open_store(path, create=False)
    assert opened is not None
    with opened.write() as conn:  # while a writer has it open, the -wal and -shm exist
        conn.execute("UPDATE register_meta SET value = value WHERE name = 'region'")
        for suffix in ("-wal", "-shm"):
            assert stat.S_IMODE(Path(f"{path}{suffix}").stat().st_mode) == 0o600
        assert store.value(conn, "PRAGMA journal_mode") == "wal"
        assert store.value(conn, "PRAGMA secure_delete") == 1
    opened.close()
    assert not Path(f"{path}-wal").exists()  # the last connection checkpoints it away


def test_a_file_named_elsewhere_is_created_owner_only_before_sqlite_opens_it(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "team" / "cases.sqlite3"
    path.parent.mkdir(mode=0o755)
    import_case({**env, "ROUTEWISE_DATABASE": str(path)}, tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o755  # the user's folder is theirs
    elsewhere = {**env, "ROUTEWISE_DATABASE": str(tmp_path / "no" / "x")}
    missing = run_cli("case", "list", env=elsewhere)
    assert missing.returncode == 0 and "No cases yet" in missing.stdout


@pytest.mark.parametrize("how", ["delete", "purge"])
def test_deleted_text_is_in_no_file_the_register_keeps(
    env: dict[str, str], tmp_path: Path, how: str
) -> None:
    import_case(env, tmp_path, "2026-001")
    import_case(env, tmp_path, "2026-002")
    for _ in range(3):
        assert run_cli("case", "note", "2026-001", NOTE, env=env).returncode == 0
    run_cli("case", "note", "2026-002", "an ordinary note", env=env)
    folder = register(env).parent
    assert any(NOTE.encode() in data for data in everything_kept(folder).values())
    if how == "delete":
        done = run_cli("case", "delete", "2026-001", "--yes", env=env)
    else:
        run_cli("case", "close", "2026-001", "--reason", "Resolved", "--on", "2026-05-01", env=env)
        done = run_cli("case", "purge", "--closed-before", "2026-06-01", "--yes", env=env)
    assert done.returncode == 0, done.stderr
    kept = everything_kept(folder)
    assert [name for name, data in kept.items() if NOTE.encode() in data] == []
    assert [name for name, data in kept.items() if b"2026-001" in data] == []
    assert run_cli("case", "show", "2026-002", env=env).returncode == 0  # the other is intact
    with sqlite3.connect(register(env)) as db:
        log = db.execute("SELECT kind, detail FROM register_log ORDER BY entry").fetchall()
    db.close()
    assert log[-1][0] == how and '"cases": 1' in log[-1][1]  # when, by whom, how many; no content


def test_deleted_text_leaves_the_wal_even_while_a_reader_waits_to_finish(
    env: dict[str, str], tmp_path: Path
) -> None:
    import_case(env, tmp_path)
    run_cli("case", "note", "2026-001", NOTE, env=env)
    reader = sqlite3.connect(register(env))
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM history").fetchone()  # holds a snapshot open
    done = run_cli("case", "delete", "2026-001", "--yes", env=env)
    assert done.returncode == 0
    assert "could not be emptied yet" in done.stderr  # said, not silently left
    reader.execute("COMMIT")
    reader.close()  # the last connection checkpoints and removes the -wal
    kept = everything_kept(register(env).parent)
    assert [name for name, data in kept.items() if NOTE.encode() in data] == []


MIGRATION_3 = '''\
"""A third schema version, for the tests: a column, and a record of the backup."""
import os
from yoyo import step


def apply(conn):
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    saw = "yes" if os.path.exists(path + ".before-v3") else "no"
    conn.execute("ALTER TABLE cases ADD COLUMN colour TEXT")
    conn.execute("INSERT INTO register_meta (name, value) VALUES ('saw_backup', ?)", (saw,))
    conn.execute("UPDATE register_meta SET value = '3' WHERE name = 'schema_version'")


steps = [step(apply)]
'''


@pytest.fixture
def version_3(tmp_path: Path) -> Path:
    """The migrations of a routewise whose register schema is at version 3."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for path in migrate.MIGRATIONS.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "0003.colour.py").write_text(MIGRATION_3, encoding="utf-8")
    return folder


def become_version_3(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """From here on, this routewise is the one with schema version 3."""
    monkeypatch.setattr(migrate, "MIGRATIONS", folder)
    monkeypatch.setattr(database, "SCHEMA_VERSION", 3)


def test_a_register_of_schema_1_is_upgraded_to_2_with_its_cases_and_no_backup_left(
    env: dict[str, str], tmp_path: Path
) -> None:
    import_case(env, tmp_path)
    run_cli("case", "note", "2026-001", NOTE, env=env)
    path = register(env)
    with sqlite3.connect(path) as db:  # as routewise of issue 19 made it: schema version 1
        db.execute("DROP INDEX cases_open")
        db.execute("ALTER TABLE history DROP COLUMN db_user")
        db.execute("ALTER TABLE register_log DROP COLUMN db_user")
        db.execute("DELETE FROM _yoyo_migration WHERE migration_id = '0002.team'")
        db.execute("UPDATE register_meta SET value = '1' WHERE name = 'schema_version'")
    db.close()
    shown = run_cli("case", "show", "2026-001", "--format", "json", env=env)
    assert shown.returncode == 0, shown.stderr
    history = json.loads(shown.stdout)["case"]["history"]
    assert [e["note"] for e in history] == [None, NOTE] and history[1]["db_user"] is None
    with sqlite3.connect(path) as db:
        assert db.execute(
            "SELECT value FROM register_meta WHERE name = 'schema_version'"
        ).fetchone() == ("2",)
        assert "db_user" in [c[1] for c in db.execute("PRAGMA table_info(history)")]
    db.close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["register.sqlite3"]


def test_an_older_register_is_upgraded_with_a_backup_that_goes_once_it_reads_back(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version_3: Path
) -> None:
    import_case(env, tmp_path)  # made by this routewise: version 2
    run_cli("case", "note", "2026-001", NOTE, env=env)
    path = register(env)
    become_version_3(monkeypatch, version_3)
    upgraded = open_store(path, create=False)
    assert upgraded is not None
    with upgraded.read() as conn:
        assert upgraded.queries.schema_version(conn)["value"] == "3"
        meta = {r["name"]: r["value"] for r in upgraded.queries.meta(conn)}
        assert meta["saw_backup"] == "yes"  # the copy existed while the migration ran
        assert [tuple(r) for r in conn.execute("SELECT colour FROM cases")] == [(None,)]
    upgraded.close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["register.sqlite3"]


def test_a_failed_upgrade_leaves_the_register_as_it_was_and_names_the_backup(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version_3: Path
) -> None:
    import_case(env, tmp_path)
    path = register(env)
    become_version_3(monkeypatch, version_3)
    (version_3 / "0003.colour.py").write_text(
        MIGRATION_3.replace("ADD COLUMN colour TEXT", "ADD COLUMN reference TEXT"), encoding="utf-8"
    )  # a column that already exists: the migration fails half-way
    with pytest.raises(database.RegisterError) as raised:
        open_store(path, create=False)
    message = str(raised.value)
    assert "could not be upgraded" in message and "it is as it was" in message
    backup = path.with_name("register.sqlite3.before-v3")
    assert str(backup) in message
    assert backup.read_bytes()[:16] == b"SQLite format 3\x00"
    with sqlite3.connect(path) as db:  # the migration's transaction was rolled back
        assert db.execute(
            "SELECT value FROM register_meta WHERE name = 'schema_version'"
        ).fetchone() == ("2",)
        assert "colour" not in [c[1] for c in db.execute("PRAGMA table_info(cases)")]
    db.close()


def test_two_processes_upgrading_at_once_upgrade_once(
    env: dict[str, str], tmp_path: Path, version_3: Path
) -> None:
    import_case(env, tmp_path)
    (version_3 / "0003.colour.py").write_text(
        MIGRATION_3.replace("def apply(conn):", "def apply(conn):\n    import time; time.sleep(1)"),
        encoding="utf-8",
    )
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from routewise.register import database, migrate, store
        migrate.MIGRATIONS = Path({str(version_3)!r})
        database.SCHEMA_VERSION = 3
        opened = store.open_store(Path({str(register(env))!r}), create=False)
        with opened.read() as conn:
            print(opened.queries.schema_version(conn)["value"])
        opened.close()
        """
    )
    both = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in both]
    assert [p.returncode for p in both] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["3", "3"]
    with sqlite3.connect(register(env)) as db:
        applied = db.execute("SELECT COUNT(*) FROM _yoyo_migration").fetchone()[0]
        saw = db.execute("SELECT COUNT(*) FROM register_meta WHERE name = 'saw_backup'").fetchone()[
            0
        ]
    db.close()
    assert (applied, saw) == (3, 1)  # 0001, 0002 and 0003, and 0003 ran once
