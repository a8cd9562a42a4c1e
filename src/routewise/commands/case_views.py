"""`routewise case upcoming` and `case export`: what is due across every open case, in the
terminal or as one calendar file; and what they share with `case report` (reading the
cases through the filters).

Each reads the stored summaries and schedules only: neither loads the flows nor runs the
engine. A register not made yet is an empty one: an empty list, or a calendar with no
events, never an error.
"""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from routewise.base.errors import UserError, warn
from routewise.commands.case import Register, as_of_date, closing, open_register, say
from routewise.register import clock

if TYPE_CHECKING:
    from routewise.register.across import Across, Filters

DEFAULT_WITHIN = 5
"""`case upcoming`'s window: the week ahead, in working days."""
NO_REGISTER = (
    "No cases yet. Open one with `routewise triage … --case REF`, or answer yes when the "
    "triage offers to save the plan as a case."
)


def filters(
    route: str | None,
    status: str | None,
    owner: str | None,
    start: str | None,
    end: str | None,
) -> Filters:
    """The filters every view across cases takes, checked (see `register.across.options`)."""
    from routewise.register.across import options

    return options(route, status, owner, start, end)


def with_mine(chosen: Filters, mine: bool, reg: Register | None) -> Filters:
    """`--mine`: the cases the person running the command owns (`owner_wanted`)."""
    if not mine:
        return chosen
    from dataclasses import replace

    from routewise.commands.case import owner_wanted

    who = reg.who if reg is not None else clock.who(None)
    return replace(chosen, owner=owner_wanted(chosen.owner, mine, who))


def read_cases(reg: Register, chosen: Filters, as_of: date) -> tuple[list[Across], date]:
    """The open cases through the filters, each judged on `as_of` as `case list` judges
    it; and the last day of the warning period. Warns when some summaries are stale."""
    from routewise.register.across import across, rows, stale_warning
    from routewise.register.timing import warn_until

    until = warn_until(as_of, reg.settings.warn_days, reg.settings.calendar())
    quiet_collector()
    found = across(rows(reg.store), chosen, as_of, until, reg.summary_key)
    stale = stale_warning(sum(c.stale for c in found))
    if stale:
        warn(stale)
    return found, until


def quiet_collector() -> None:
    """Thousands of rows make hundreds of thousands of objects (each case's schedule), none
    of them in a cycle: the cyclic collector would walk them again and again for nothing
    (about a third of a report of 10,000 cases). Set aside what start-up made, and pause
    the collector for the rest of this short command."""
    gc.freeze()
    gc.disable()


@closing
def upcoming(
    config: Path | None,
    chosen: Filters,
    *,
    mine: bool = False,
    within: int | None,
    as_of: str | None,
    limit: int | None,
    output_format: str,
    plain: bool,
) -> None:
    from routewise.register import upcoming_views as views
    from routewise.register.upcoming import Due, LeftOut, open_dated

    if within is not None and chosen.end is not None:
        raise UserError("--within and --to both end the window: give one of them")
    reg = open_register(config)
    chosen = with_mine(chosen, mine, reg)
    day = as_of_date(as_of, clock.today())
    if reg is None:
        end = chosen.end
        steps: list[Due] = []
        left = LeftOut()
    else:
        calendar = reg.settings.calendar()
        days = DEFAULT_WITHIN if within is None else within
        end = chosen.end or calendar.add_working_days(day, days).due
        cases, until = read_cases(reg, chosen, day)
        steps, left = open_dated(cases, chosen, as_of=day, warn_until=until, until=end)
    if output_format == "json":
        typer.echo(views.render_json(steps, left, day, end, chosen.start), nl=False)
    elif output_format == "csv":
        typer.echo(views.render_csv(steps), nl=False)
    elif output_format == "markdown":
        typer.echo(views.render_markdown(steps, left, day, end, chosen.start), nl=False)
    elif reg is None:
        typer.echo(NO_REGISTER)
    else:
        from routewise.commands.common import plain_wanted
        from routewise.render.console import console

        plain = plain_wanted(plain)
        views.render_terminal(
            steps,
            left,
            console(plain),
            as_of=day,
            until=end,
            start=chosen.start,
            limit=50 if limit is None else (limit or None),
            plain=plain,
        )


@closing
def export(
    config: Path | None,
    chosen: Filters,
    *,
    mine: bool = False,
    output_format: str,
    output: Path | None,
    force: bool,
) -> None:
    """Every open dated deadline in one calendar file (`output_format`: ics, the only one)."""
    from routewise.base.files import check_target, write_private
    from routewise.commands.common import saved_message
    from routewise.register import calendar_file
    from routewise.register.upcoming import Due, LeftOut, open_dated
    from routewise.register.upcoming_views import left_out_lines

    if output is None:
        raise UserError(f"--format {output_format} writes a calendar file: add --output FILE")
    check_target(output, force)  # before any work: an existing file is refused at once
    reg = open_register(config)
    chosen = with_mine(chosen, mine, reg)
    if reg is None:
        from routewise.calendar.working_days import WorkingCalendar

        steps: list[Due] = []
        left, calendar = LeftOut(), WorkingCalendar()
    else:
        calendar = reg.settings.calendar()
        cases, until = read_cases(reg, chosen, reg.today)
        steps, left = open_dated(cases, chosen, as_of=reg.today, warn_until=until)
    target = write_private(output, calendar_file.render(steps, calendar), force=force)
    count = len({d.case.reference for d in steps})
    what = (
        f"a calendar of {len(steps):,} deadline{'' if len(steps) == 1 else 's'} "
        f"({count:,} case{'' if count == 1 else 's'})"
    )
    say(saved_message(what, target), err=True)
    if not steps:
        period = " in this period" if chosen.start or chosen.end else ""
        why = ": the register has no cases yet" if reg is None else ""
        say(f"No open deadline has a date{period}{why}; the calendar has no events.", err=True)
    for line in left_out_lines(left):
        say(line, err=True)
