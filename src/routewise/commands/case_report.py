"""`routewise case report`: the anonymised schedule of cases for a standards committee.

It reads the stored summaries and schedules only (never the engine, nor the flows): the
cases open in the period, judged on its last day (or today), counted with the register's
region and closure days. An empty register, or a period with no case in it, gives a report
that says so.
"""

from __future__ import annotations

from pathlib import Path

import typer

from routewise.base.errors import UserError
from routewise.base.safe_text import shown
from routewise.commands.case import closing, open_register, say
from routewise.commands.case_views import quiet_collector, with_mine
from routewise.register import clock
from routewise.register.across import Filters


@closing
def report(
    config: Path | None,
    chosen: Filters,
    *,
    mine: bool = False,
    output_format: str,
    output: Path | None,
    force: bool,
    exact: bool,
    with_references: bool,
) -> None:
    from routewise.register import report_views as views
    from routewise.register.report import Report, build

    if output is not None:
        from routewise.base.files import check_target

        check_target(output, force)  # before any work: an existing file is refused at once
    today = clock.today()
    if chosen.start is not None and chosen.start > today:
        raise UserError(
            f"--from {shown(chosen.start.isoformat())} is after today: a report covers days "
            "that have begun"
        )
    as_of = min(chosen.end, today) if chosen.end is not None else today
    reg = open_register(config)
    chosen = with_mine(chosen, mine, reg)
    if reg is None:
        made = Report(start=chosen.start, end=chosen.end, as_of=as_of, lines=[])
    else:
        from routewise.base.errors import warn
        from routewise.register.across import period_rows, stale_warning
        from routewise.register.timing import warn_until

        calendar = reg.settings.calendar()
        until = warn_until(as_of, reg.settings.warn_days, calendar)
        quiet_collector()
        rows = period_rows(reg.store, chosen, as_of)
        stale = stale_warning(sum(row["summary_key"] != reg.summary_key for row in rows))
        if stale:
            warn(stale)
        made = build(rows, chosen, as_of=as_of, warn_until=until, calendar=calendar, today=today)
    render = {"markdown": views.render_markdown, "csv": views.render_csv, "json": views.render_json}
    text = render[output_format](made, exact=exact, with_references=with_references)
    if output is None:
        typer.echo(text, nl=False)
        return
    from routewise.base.files import write_private
    from routewise.commands.common import saved_message

    target = write_private(output, text, force=force)
    say(saved_message("the report", target), err=True)
