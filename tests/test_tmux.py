"""A whole session in a real terminal (tmux): what a council officer actually sees."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, command: str, cwd: Path) -> None:
        self.name = f"routewise-{uuid.uuid4().hex[:8]}"
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                "120",
                "-y",
                "60",
                "-c",
                str(cwd),
                command,
            ],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name, "-S", "-200"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False, capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    command = f"{sys.executable} -m routewise triage; echo EXIT=$?; sleep 30"
    term = Terminal(command, tmp_path)
    yield term
    term.close()


def test_full_session_in_a_terminal(terminal: Terminal, tmp_path: Path) -> None:
    terminal.wait_for("What is the problem?")
    terminal.keys("Down", "Down", "Down", "Down", "Down", "Down", "Enter")  # a dispute
    terminal.wait_for("already met")
    terminal.keys("Down", "Enter")  # not yet
    terminal.wait_for("Does the member hold any of these posts?")
    terminal.keys("Down", "Enter")  # none of these
    terminal.wait_for("post of the officer")
    terminal.keys("Enter")  # an officer
    terminal.wait_for("YYYY-MM-DD")
    terminal.keys("C-u", "2026-04-02", "Enter")
    terminal.wait_for("tell the Head of Service or Team Manager")
    terminal.keys("2026-04-02", "Enter")
    terminal.wait_for("Who is the appropriate Head of Service or Team Manager?")
    terminal.keys("Sam Lee", "Enter")
    terminal.wait_for("Email for Sam Lee")
    terminal.keys("sam.lee@example.gov.uk", "Enter")
    terminal.wait_for("Phone for Sam Lee")
    terminal.keys("Enter")
    screen = terminal.wait_for("Save this plan as markdown?")
    assert (
        "the appropriate Head of Service or Team Manager (Sam Lee, sam.lee@example.gov.uk)"
        in screen
    )
    assert "Action plan: A dispute or conflict between an officer and a member" in screen
    assert "ideally within 2 days: by Tue 7 Apr 2026" in screen
    assert "Meet first, where that is reasonably practical" in screen
    terminal.keys("y")
    terminal.wait_for("File to save to")
    terminal.keys("Enter")  # accept the suggested name
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    saved = tmp_path / "routewise-officer-member-dispute-2026-04-02.md"
    assert saved.read_text(encoding="utf-8").startswith("# Action plan")
    assert saved.stat().st_mode & 0o777 == 0o600


def test_ctrl_c_in_a_terminal(terminal: Terminal, tmp_path: Path) -> None:
    terminal.wait_for("What is the problem?")
    terminal.keys("C-c")
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=130" in screen
    assert "Cancelled; nothing was saved." in screen
    assert "Traceback" not in screen
    assert list(tmp_path.iterdir()) == []
