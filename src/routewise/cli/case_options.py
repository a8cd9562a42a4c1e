"""The option and argument types of the `case` commands, kept apart from their signatures
(`case_app`) so each stays short."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from routewise.cli.options import Region


class CaseListFormat(StrEnum):
    rich = "rich"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class CaseShowFormat(StrEnum):
    rich = "rich"
    json = "json"
    markdown = "markdown"
    ics = "ics"


class CaseStatus(StrEnum):
    red = "red"
    amber = "amber"
    waiting = "waiting"
    green = "green"
    paused = "paused"
    closed = "closed"
    problem = "problem"


Reference = Annotated[
    str, typer.Argument(metavar="REF", help="The case's reference, e.g. 2026-007.")
]
Step = Annotated[
    str, typer.Argument(metavar="STEP", help="The step's number in the plan, or its id.")
]
NoteOption = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="A note to keep with the entry.")
]
ReasonOption = Annotated[
    str, typer.Option("--reason", metavar="TEXT", help="Why: kept in the case's history.")
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="DATE", help="Judge what is due or late on this date (default today)."
    ),
]


MineOption = Annotated[
    bool,
    typer.Option(
        "--mine",
        help="Only the cases you own (by `user` in the config, else your login name; never "
        "the shared database login).",
    ),
]
"""A filter every command that lists cases declares, beside --owner."""


def on_option(what: str) -> object:
    return typer.Option("--on", metavar="DATE", help=f"The date {what} (default today).")


SettingsRegion = Annotated[
    Region | None,
    typer.Option(metavar="REGION", help="Bank holidays to skip for every case."),
]
ClosureOption = Annotated[
    list[str] | None,
    typer.Option("--closure", metavar="DAY", help="Add a closure day or range (repeat for more)."),
]
WarnDaysOption = Annotated[
    int | None,
    typer.Option("--warn-days", metavar="N", min=0, max=30, help="Working days' warning (amber)."),
]
SettingsFlows = Annotated[
    list[Path] | None,
    typer.Option(
        "--flows", metavar="DIR", help="The flow folders to use (repeat for more).", file_okay=False
    ),
]
