"""Reading what the case commands print, for the tests in this folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from typer.testing import Result

Run = Callable[..., Result]


def show_json(run: Run, reference: str, as_of: str | None = None) -> dict[str, Any]:
    args = ["case", "show", reference, "--format", "json"]
    if as_of:
        args += ["--as-of", as_of]
    return json.loads(run(*args).stdout)


def list_json(run: Run, *args: str) -> dict[str, Any]:
    return json.loads(run("case", "list", "--format", "json", *args).stdout)


def statuses(data: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    """Each step id: its status and its date, as `case show --format json` gives them."""
    return {
        s["id"]: (s["status"], s["deadline"]["date"] if s["deadline"] else None)
        for s in data["steps"]
    }
