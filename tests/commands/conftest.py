"""The case commands through typer's CliRunner, on a register in the test's own data folder
(`no_user_config` sets XDG_DATA_HOME), on a fixed date."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from routewise.cli import app as cli
from routewise.commands import common
from routewise.register import clock

TODAY = date(2026, 6, 30)
"""Every case test runs on Tue 30 Jun 2026: the dates they record are before it."""

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(clock, "login_name", lambda: "sam")
    monkeypatch.setattr(common, "stdin_is_interactive", lambda: False)


@pytest.fixture
def run() -> Run:
    """`run("case", "list", ok=False)`: the command's result; by default it must succeed."""
    runner = CliRunner()

    def invoke(*args: str, ok: bool = True, env: dict[str, str] | None = None, **kw: Any) -> Result:
        result = runner.invoke(cli.app, list(args), env={"COLUMNS": "100", **(env or {})}, **kw)
        if ok:
            assert result.exit_code == 0, (result.output, result.exception)
        return result

    return invoke


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    """Where the default register is, in the test's own data folder."""
    import os

    return Path(os.environ["XDG_DATA_HOME"]) / "routewise" / "register.sqlite3"


@pytest.fixture
def open_cases(run: Run, tmp_path: Path) -> Callable[..., Result]:
    """Open cases through `case import`, as a council bringing its cases in would."""
    counter = iter(range(1000))

    def opened(*cases: dict[str, Any], ok: bool = True) -> Result:
        path = tmp_path / f"cases-{next(counter)}.json"
        path.write_text(json.dumps(cases, default=str), encoding="utf-8")
        return run("case", "import", str(path), ok=ok)

    return opened
