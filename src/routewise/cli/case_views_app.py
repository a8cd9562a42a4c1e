"""`routewise case upcoming|export|report`: the typer signatures of the views across cases.

They are declared on an app of their own and added to `case_app`'s commands there, so
each runs as the other case commands do (built only when `case` runs). What each does is
in `routewise.commands.case_views` and `case_report`, imported when it runs.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from routewise.base.errors import user_errors
from routewise.cli.case_filters import (
    DueFromFilter,
    DueToFilter,
    FromFilter,
    OwnerFilter,
    RouteFilter,
    StatusFilter,
    ToFilter,
)
from routewise.cli.case_options import AsOfOption, CaseListFormat, MineOption
from routewise.cli.options import ConfigOption, PlainOption

views_app = typer.Typer(add_completion=False, rich_markup_mode=None)


class ExportFormat(StrEnum):
    ics = "ics"


class ReportFormat(StrEnum):
    markdown = "markdown"
    csv = "csv"
    json = "json"


OutputOption = Annotated[
    Path | None, typer.Option("--output", metavar="FILE", help="Write to this file.")
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")]


@views_app.command("upcoming")
def case_upcoming(
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            metavar="N",
            min=0,
            max=250,
            help="Steps due within N working days (default 5), and every overdue one.",
        ),
    ] = None,
    as_of: AsOfOption = None,
    route: RouteFilter = None,
    status: StatusFilter = None,
    owner: OwnerFilter = None,
    mine: MineOption = False,
    period_from: DueFromFilter = None,
    period_to: DueToFilter = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            metavar="N",
            min=0,
            help="The N soonest (default 50 in the terminal, all otherwise; 0 for all).",
        ),
    ] = None,
    output_format: Annotated[
        CaseListFormat,
        typer.Option("--format", metavar="FORMAT", help="rich, json, csv or markdown."),
    ] = CaseListFormat.rich,
    plain: PlainOption = False,
    config: ConfigOption = None,
) -> None:
    """Every open step across all cases that is overdue or due soon, soonest first."""
    with user_errors():
        from routewise.commands import case_views as command

        chosen = command.filters(
            route, status.value if status else None, owner, period_from, period_to
        )
        command.upcoming(
            config,
            chosen,
            mine=mine,
            within=within,
            as_of=as_of,
            limit=limit,
            output_format=output_format.value,
            plain=plain,
        )


@views_app.command("export")
def case_export(
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", metavar="FORMAT", help="ics: a calendar file (the default)."),
    ] = ExportFormat.ics,
    output: OutputOption = None,
    force: ForceOption = False,
    route: RouteFilter = None,
    status: StatusFilter = None,
    owner: OwnerFilter = None,
    mine: MineOption = False,
    period_from: DueFromFilter = None,
    period_to: DueToFilter = None,
    config: ConfigOption = None,
) -> None:
    """One calendar of every open dated deadline; importing it again updates its events."""
    with user_errors():
        from routewise.commands import case_views as command

        chosen = command.filters(
            route, status.value if status else None, owner, period_from, period_to
        )
        command.export(
            config,
            chosen,
            mine=mine,
            output_format=output_format.value,
            output=output,
            force=force,
        )


@views_app.command("report")
def case_report(
    period_from: FromFilter = None,
    period_to: ToFilter = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", metavar="FORMAT", help="markdown (the default), csv or json."),
    ] = ReportFormat.markdown,
    output: OutputOption = None,
    force: ForceOption = False,
    route: RouteFilter = None,
    status: StatusFilter = None,
    owner: OwnerFilter = None,
    mine: MineOption = False,
    exact_counts: Annotated[
        bool,
        typer.Option("--exact-counts", help='Counts of 1 to 4 as they are, not "fewer than 5".'),
    ] = False,
    with_references: Annotated[
        bool, typer.Option("--with-references", help="Show each case's reference.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """An anonymised schedule of the cases for a standards committee: counts, deadlines
    met and missed, and a chart."""
    with user_errors():
        from routewise.commands import case_report as command
        from routewise.commands import case_views

        chosen = case_views.filters(
            route, status.value if status else None, owner, period_from, period_to
        )
        command.report(
            config,
            chosen,
            mine=mine,
            output_format=output_format.value,
            output=output,
            force=force,
            exact=exact_counts,
            with_references=with_references,
        )
