"""The filters every view across cases takes, the same on `case list`, `case upcoming`,
`case export` and `case report`: `--route`, `--status`, `--owner`, `--from` and `--to`."""

from __future__ import annotations

from typing import Annotated

import typer

from routewise.cli.case_options import CaseStatus

RouteFilter = Annotated[
    str | None, typer.Option("--route", metavar="ROUTE", help="Only this route's cases.")
]
StatusFilter = Annotated[
    CaseStatus | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help="Only cases with this status: red, amber, waiting, green, paused, closed or problem.",
    ),
]
OwnerFilter = Annotated[
    str | None, typer.Option("--owner", metavar="NAME", help="Only this person's cases.")
]
FromFilter = Annotated[
    str | None,
    typer.Option(
        "--from", metavar="DATE", help="The period's first day: the cases open on some day of it."
    ),
]
ToFilter = Annotated[
    str | None,
    typer.Option(
        "--to", metavar="DATE", help="The period's last day: the cases open on some day of it."
    ),
]
DueFromFilter = Annotated[
    str | None,
    typer.Option("--from", metavar="DATE", help="Only deadlines on or after this day."),
]
DueToFilter = Annotated[
    str | None,
    typer.Option("--to", metavar="DATE", help="Only deadlines on or before this day."),
]
