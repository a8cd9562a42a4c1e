"""Real processes on one register, on an SQLite file and on PostgreSQL alike: many writers
at once, two people closing one case at once, and a write stopped half-way by `kill -9` or
Ctrl-C. Each process runs the command line itself (`cli.process.run`)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routewise.cli.app import app
from tests.register_rows import is_server, rows

WRITERS = 8
ENTRIES = {"sqlite": 100, "postgresql": 200}
"""Entries per writer: 8 x 200 on PostgreSQL (a team's register), 8 x 100 on a file."""


@pytest.fixture
def env(register_url: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("ROUTEWISE_")}
    return {**base, "ROUTEWISE_DATABASE": register_url, "COLUMNS": "100"}


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
def test_eight_writers_record_every_entry_exactly_once(
    env: dict[str, str], tmp_path: Path, register_url: str
) -> None:
    entries = ENTRIES["postgresql" if is_server(register_url) else "sqlite"]
    import_cases(env, tmp_path, ["SHARED", *(f"OWN-{n}" for n in range(WRITERS))])
    script = WRITER.format(entries=entries)
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
    errors = [w.communicate(timeout=800)[1] for w in writers]
    assert [w.returncode for w in writers] == [0] * WRITERS, errors
    recorded = rows(register_url)
    notes = Counter(row[8] for row in recorded["history"] if row[2] == "note")
    expected = {f"writer {w} entry {n}" for w in range(WRITERS) for n in range(entries)}
    assert set(notes) == expected and set(notes.values()) == {1}  # all of them, each once
    assert sum(notes.values()) == WRITERS * entries
    by_case = Counter(row[0] for row in recorded["history"])
    assert by_case["SHARED"] == 1 + WRITERS * entries // 2
    for case in recorded["cases"]:  # entries numbered 1..N with no gap; version = entries
        reference, count, version = case[0], case[6], case[5]
        numbers = sorted(row[1] for row in recorded["history"] if row[0] == reference)
        assert numbers == list(range(1, count + 1)) and version == count


CLOSER = """
import sys, time
from pathlib import Path
from routewise.cli import app, process
from routewise.register import cases

barrier, me = Path(sys.argv[1]), sys.argv[2]
read_case = cases.read_case

def read_then_wait(store, reference):
    case = read_case(store, reference)
    (barrier / me).write_text("read")
    deadline = time.monotonic() + 60
    while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)  # both have read the open case before either writes
    return case

cases.read_case = read_then_wait
sys.exit(process.run(app.app, ["case", "close", "2026-001", "--reason", f"Closed by {me}"]))
"""


def test_two_people_closing_one_case_at_once_one_succeeds_the_other_is_told_who(
    env: dict[str, str], tmp_path: Path, register_url: str
) -> None:
    import_cases(env, tmp_path, ["2026-001"])
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    configs = {}
    for person in ("alex", "blake"):
        configs[person] = tmp_path / f"{person}.toml"
        configs[person].write_text(f'user = "{person}"\n', encoding="utf-8")
    closers = {
        person: subprocess.Popen(
            [sys.executable, "-c", CLOSER, str(barrier), person],
            env={**env, "ROUTEWISE_CONFIG": str(configs[person])},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for person in configs
    }
    said = {person: p.communicate(timeout=120) for person, p in closers.items()}
    codes = {person: p.returncode for person, p in closers.items()}
    assert sorted(codes.values()) == [0, 2], said
    winner = next(p for p, c in codes.items() if c == 0)
    loser = next(p for p, c in codes.items() if c == 2)
    line = said[loser][1].strip()
    assert len(line.splitlines()) == 1
    assert f"case '2026-001' was changed by {winner}" in line
    assert "nothing was recorded. Look at it again (routewise case show 2026-001)" in line
    history = [r for r in rows(register_url)["history"] if r[2] == "close"]
    assert [(r[5], r[8]) for r in history] == [(winner, f"Closed by {winner}")]


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
    env: dict[str, str], tmp_path: Path, how: signal.Signals, register_url: str
) -> None:
    import_cases(env, tmp_path, ["2026-001"])
    before = rows(register_url)
    stopped = stop_mid_write(env, tmp_path, how)
    if how == signal.SIGKILL:
        assert stopped.returncode == -signal.SIGKILL
    else:
        assert stopped.returncode == 130
        assert stopped.stderr.strip() == "Cancelled; nothing was saved."
    if is_server(register_url):  # the server notices the client gone and rolls back
        deadline = time.monotonic() + 30
        while rows(register_url) != before and time.monotonic() < deadline:
            time.sleep(0.1)
    assert rows(register_url) == before
    if not is_server(register_url):
        folder = Path(register_url).parent
        assert all(b"Half-written note" not in p.read_bytes() for p in folder.glob("register*"))
    after = CliRunner().invoke(app, ["case", "note", "2026-001", "Written whole"], env=env)
    assert after.exit_code == 0, after.output  # and the register works on
    assert len(rows(register_url)["history"]) == len(before["history"]) + 1
