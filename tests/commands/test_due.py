"""`routewise due`: the days skipped line up in columns (issue 16, 2.5)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from routewise.cli import app as cli

runner = CliRunner()


@pytest.mark.parametrize("terminal", [None, 40])
def test_the_reasons_line_up_in_one_column(
    terminal: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from routewise.render import wrapping

    monkeypatch.setattr(wrapping, "terminal_width", lambda: terminal)
    result = runner.invoke(cli.app, ["due", "10", "--from", "2025-12-22"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    skipped = lines[lines.index("Not working days:") + 1 :]
    starts = {line.index("bank holiday") for line in skipped if "bank holiday" in line}
    starts |= {line.index("Saturday") for line in skipped if "Saturday" in line}
    assert starts == {19}, skipped  # "  Thu 25 Dec 2025  " and "  Thu 1 Jan 2026   "
    assert "  Thu 1 Jan 2026   bank holiday: New" in result.stdout
    if terminal:
        assert all(len(line) <= terminal for line in lines)
        wrapped = [line for line in skipped if line.startswith(" " * 19)]
        assert wrapped, skipped  # a reason too long for the line hangs under its column
    assert not [line for line in lines if line.endswith(" ")]
