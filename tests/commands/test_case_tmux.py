"""The case commands in a real terminal 60 columns wide (tmux): open a case with triage, list
it, show it, record the outcome, mark a step done, delete it (answering the question)."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest

from tests.paths import ANSWERS
from tests.terminal import Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.mark.timeout(120)
def test_a_case_from_opening_to_deletion_at_60_columns(tmp_path: Path) -> None:
    routewise = f"{shlex.quote(sys.executable)} -m routewise"
    answers = ANSWERS / "unprofessional-officer.yaml"
    steps = [
        f"{routewise} triage --answers {answers} --raised 2026-04-27 --case 2026-007 >/dev/null",
        f"{routewise} case list",
        # step 2 first: once the outcome is recorded, the plan shows it done by that date
        f"{routewise} case done 2026-007 2 --on 2026-04-28",
        f"{routewise} case record 2026-007 outcome=2026-05-01",
        f"{routewise} case show 2026-007 --as-of 2026-05-12",
        f"{routewise} case delete 2026-007",
    ]
    script = tmp_path / "session.sh"
    script.write_text(
        f"export ROUTEWISE_DATABASE={shlex.quote(str(tmp_path / 'register.sqlite3'))}\n"
        + "\n".join(steps)
        + "\necho EXIT=$?\nsleep 30\n",
        encoding="utf-8",
    )
    term = Terminal(f"sh {shlex.quote(str(script))}", tmp_path, width=60, height=200)
    try:
        term.wait_for("Delete case 2026-007 and its whole history")
        term.keys("y")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    flat = " ".join(screen.split())
    assert "Saved as case 2026-007" in flat
    assert "WAITING 2026-007" in flat  # the list, before the outcome
    assert "Recorded on case 2026-007 (entry 3): The outcome is reached: Fri 1 May 2026." in flat
    assert "RED: late" in flat  # as of Tue 12 May: feedback was due Mon 11 May
    assert "Status: overdue: was due by Mon 11 May 2026" in flat
    assert "Status: done on Tue 28 Apr 2026 (recorded by" in flat
    assert "Status: done on Mon 27 Apr 2026 (the date raised)" in flat
    assert "Deleted case 2026-007 and its whole history." in flat
    assert "EXIT=0" in flat
    lines = screen.splitlines()
    assert all(len(line.rstrip()) <= 60 for line in lines)
    assert not (tmp_path / "register.sqlite3-wal").exists()
