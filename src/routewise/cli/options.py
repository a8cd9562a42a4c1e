"""What several commands' signatures share: option types, formats, regions, completion.

Kept apart from `app` so that each group of commands (`config`, `flows`, `case`) declares
its options the same way, in its own module.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from routewise.calendar.regions import REGIONS


class PlanFormat(StrEnum):
    rich = "rich"
    markdown = "markdown"
    json = "json"
    ics = "ics"


class ExportFormat(StrEnum):
    markdown = "markdown"
    json = "json"
    ics = "ics"


class DueFormat(StrEnum):
    text = "text"
    json = "json"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"
    mermaid = "mermaid"
    dot = "dot"


class FlowFileKind(StrEnum):
    route = "route"
    roles = "roles"
    triage = "triage"
    documents = "documents"


if TYPE_CHECKING:
    Region = str
else:
    Region = StrEnum("Region", {region: region for region in REGIONS})
    """The choices for --region: the calendar's regions, so the two never disagree."""


def complete_route(incomplete: str) -> list[str]:
    import os

    from routewise.flows.locations import route_ids_in_use

    return [r for r in route_ids_in_use(os.environ) if r.startswith(incomplete)]


def region_value(region: Region | None) -> str | None:
    return str(region) if region is not None else None


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Config file to use (default: $ROUTEWISE_CONFIG, then the user config folder).",
        metavar="FILE",
        dir_okay=False,
    ),
]
RegionOption = Annotated[
    Region | None,
    typer.Option(
        metavar="REGION",
        help="Bank holidays to skip: england-and-wales, scotland, northern-ireland or uk-any "
        "(default: from config, else england-and-wales).",
    ),
]
PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="No colour, no boxes or tables, numbered prompts: for screen readers and email. "
        "Also set by the ACCESSIBLE environment variable.",
    ),
]

FlowsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--flows",
        metavar="DIR",
        help="A flow folder to layer on the built-in routes; repeat for more "
        "(also ROUTEWISE_FLOWS and `flows` in the config).",
        file_okay=False,
    ),
]

RouteArgument = Annotated[
    str, typer.Argument(metavar="ROUTE", help="A route id.", autocompletion=complete_route)
]
