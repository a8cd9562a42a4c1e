"""Files and arguments are UTF-8 whatever the locale: LC_ALL=C without Python's UTF-8 mode
reads "Zoë" on the command line as undecoded bytes and gives ASCII streams (issue 16, 3.11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

C_LOCALE = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
ARGS = ["triage", "--route", "member-criticises-member", "--raised", "2026-12-21"]
ARGS += ["--answer", "member-post=none", "--answer", "criticised-member-post=none"]
ARGS += ["--answer", "where=outside-meeting", "--answer", "channel=Zoë"]


def routewise(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, **C_LOCALE}
    env.pop("PYTHONIOENCODING", None)
    return subprocess.run(
        [sys.executable, "-m", "routewise", *args], cwd=cwd, env=env, capture_output=True
    )


def test_utf8_answers_are_written_and_printed_as_utf8_under_the_c_locale(tmp_path: Path) -> None:
    done = routewise(*ARGS, "--output", "plan.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "| Zoë |" in (tmp_path / "plan.md").read_text(encoding="utf-8")
    done = routewise(*ARGS, "--format", "markdown", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "| Zoë |".encode() in done.stdout  # UTF-8, not "Zo?"


def test_utf8_files_and_messages_under_the_c_locale(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "route: member-criticises-member\nraised: 2026-12-21\nanswers:\n"
        "  member-post: none\n  criticised-member-post: none\n  where: outside-meeting\n"
        "  channel: Zoë's post\n",
        encoding="utf-8",
    )
    (tmp_path / "c.toml").write_text('council = "Ynys Môn"\n', encoding="utf-8")
    done = routewise(
        "triage", "--answers", "a.yaml", "--config", "c.toml", "--format", "json", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert '"council": "Ynys Môn"'.encode() in done.stdout
    assert "Zoë's post".encode() in done.stdout
    done = routewise("explain", "Zoë", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode("utf-8").startswith("routewise: error: unknown route 'Zoë'")
