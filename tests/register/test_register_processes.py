"""Real processes on one register: many writers at once, and a write stopped half-way by
`kill -9` or Ctrl-C. Each process runs the command line itself (`cli.process.run`)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routewise.cli.app import app

WRITERS = 8
ENTRIES = 100


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("ROUTEWISE_")}
    return {**base, "ROUTEWISE_DATABASE": str(tmp_path / "register.sqlite3"), "COLUMNS": "100"}


def import_cases(env: dict[str, str], tmp_path: Path, references: list[str]) -> None:
    cases = [
        {
            "reference": ref,
            "route": "officer-unprofessional-to-member",
            "raised": "2026-04-27",
            "answers": {"officer-post": "officer"},
        }
        for ref in references
    ]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    result = CliRunner().invoke(app, ["case", "import", str(path)], env=env)
    assert result.exit_code == 0, result.output


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything recorded, table by table, in a stable order."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        found = {
            table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("cases", "history", "first_plans", "register_meta")
        }
    db.close()
    return found


WRITER = """
import sys
from routewise.cli import app, process
number = int(sys.argv[1])
for n in range({entries}):
    reference = "SHARED" if n % 2 else f"OWN-{{number}}"
    code = process.run(app.app, ["case", "note", reference, f"writer {{number}} entry {{n}}"])
    if code != 0:
        sys.exit(code)
"""


@pytest.mark.timeout(900)
def test_eight_writers_record_every_entry_exactly_once(env: dict[str, str], tmp_path: Path) -> None:
    import_cases(env, tmp_path, ["SHARED", *(f"OWN-{n}" for n in range(WRITERS))])
    script = WRITER.format(entries=ENTRIES)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(n)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    errors = [w.communicate(timeout=600)[1] for w in writers]
    assert [w.returncode for w in writers] == [0] * WRITERS, errors
    recorded = rows(Path(env["ROUTEWISE_DATABASE"]))
    notes = Counter(row[8] for row in recorded["history"] if row[2] == "note")
    expected = {f"writer {w} entry {n}" for w in range(WRITERS) for n in range(ENTRIES)}
    assert set(notes) == expected and set(notes.values()) == {1}  # all 800, each once
    by_case = Counter(row[0] for row in recorded["history"])
    assert by_case["SHARED"] == 1 + WRITERS * ENTRIES // 2
    for case in recorded["cases"]:  # entries numbered 1..N with no gap; version = entries
        reference, entries, version = case[0], case[6], case[5]
        numbers = sorted(row[1] for row in recorded["history"] if row[0] == reference)
        assert numbers == list(range(1, entries + 1)) and version == entries


STOPPED = """
import sys, time
from pathlib import Path
from routewise.cli import app, process
from routewise.register.store import HOOKS

def stop_here():
    Path(sys.argv[1]).write_text("in the write")
    time.sleep(60)

HOOKS.before_commit = stop_here
sys.exit(process.run(app.app, ["case", "note", "2026-001", "Half-written note"]))
"""


def stop_mid_write(
    env: dict[str, str], tmp_path: Path, how: signal.Signals
) -> subprocess.CompletedProcess[str]:
    marker = tmp_path / "in-the-write"
    writer = subprocess.Popen(
        [sys.executable, "-c", STOPPED, str(marker)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():  # the entry and the summary are written, not committed
        assert writer.poll() is None and time.monotonic() < deadline, writer.communicate()
        time.sleep(0.05)
    writer.send_signal(how)
    out, err = writer.communicate(timeout=60)
    return subprocess.CompletedProcess(writer.args, writer.returncode, out, err)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["kill -9", "ctrl-c"])
def test_a_write_stopped_half_way_leaves_the_register_as_it_was(
    env: dict[str, str], tmp_path: Path, how: signal.Signals
) -> None:
    import_cases(env, tmp_path, ["2026-001"])
    path = Path(env["ROUTEWISE_DATABASE"])
    before = rows(path)
    stopped = stop_mid_write(env, tmp_path, how)
    if how == signal.SIGKILL:
        assert stopped.returncode == -signal.SIGKILL
    else:
        assert stopped.returncode == 130
        assert stopped.stderr.strip() == "Cancelled; nothing was saved."
    assert rows(path) == before
    assert all(b"Half-written note" not in p.read_bytes() for p in tmp_path.glob("register*"))
    after = CliRunner().invoke(app, ["case", "note", "2026-001", "Written whole"], env=env)
    assert after.exit_code == 0, after.output  # and the register works on
    assert len(rows(path)["history"]) == len(before["history"]) + 1
