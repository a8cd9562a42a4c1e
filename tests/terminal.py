"""A real terminal (tmux) for tests that check what a council officer actually sees."""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path


class Terminal:
    def __init__(self, command: str, cwd: Path, width: int = 120, height: int = 60) -> None:
        self.name = f"routewise-{uuid.uuid4().hex[:8]}"
        command_line = [
            "tmux",
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(width),
            "-y",
            str(height),
            "-c",
            str(cwd),
            command,
        ]
        # A tmux server that is shutting down (its last session just killed by another
        # test) refuses a new session for a moment ("server exited unexpectedly"): retry.
        for attempt in range(10):
            started = subprocess.run(command_line, capture_output=True, text=True, check=False)
            if started.returncode == 0:
                break
            time.sleep(0.2 * (attempt + 1))
        else:
            raise AssertionError(f"tmux did not start a session: {started.stderr.strip()}")

    def screen(self, history: bool = True) -> str:
        """The pane's text; with history, the lines scrolled off the top too."""
        start = ["-S", "-400"] if history else []
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name, *start],
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen or text in " ".join(screen.split()):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False, capture_output=True)
