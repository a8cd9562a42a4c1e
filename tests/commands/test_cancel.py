"""Ctrl-D at any prompt is a cancel like Ctrl-C: one line, exit 130, nothing written.

As in any terminal, Ctrl-D means end-of-input on an empty line; on a line with
text (a prompt's default) it deletes a character, so the tests clear it first.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from routewise.cli import app as cli
from routewise.commands import common
from routewise.commands import triage as triage_command

DOWN, ENTER, CTRL_C, CTRL_D, CLEAR_LINE = "\x1b[B", "\r", "\x03", "\x04", "\x15"
runner = CliRunner()
TO_THE_PLAN = DOWN * 4 + ENTER + ENTER + "21/12/2026" + ENTER + ENTER
"""A member's request for information, answered and confirmed up to the printed plan."""


class FixedDate(date):
    """Today, for the wizard: after the date typed above, so it is not in the future."""

    @classmethod
    def today(cls) -> FixedDate:
        return cls(2027, 1, 15)


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    ("keys", "where"),
    [
        (DOWN + CTRL_D, "the first question (a list)"),
        (DOWN * 4 + ENTER + CTRL_D, "a choice question"),
        (DOWN * 4 + ENTER + ENTER + CTRL_D, "date prompt"),
        (TO_THE_PLAN + CTRL_D, "save? confirm"),
        (TO_THE_PLAN + "y" + CLEAR_LINE + CTRL_D, "file-name prompt"),
        (TO_THE_PLAN + CTRL_C, "save? confirm, Ctrl-C"),
    ],
)
def test_ctrl_d_exits_130_with_one_line(
    keys: str, where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: True)
    monkeypatch.setattr(triage_command, "date", FixedDate)
    monkeypatch.chdir(tmp_path)
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            result = runner.invoke(cli.app, ["triage"], env={"COLUMNS": "200"})
    assert result.exit_code == 130, (where, result.output)
    assert "Aborted" not in result.output
    assert result.output.rstrip().endswith("\nCancelled; nothing was saved.")
    assert list(tmp_path.iterdir()) == []
