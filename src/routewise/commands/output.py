"""A plan as text in the format asked for, and written where it was asked to go."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from routewise.commands.common import saved_message

if TYPE_CHECKING:
    from routewise.config.settings import Settings
    from routewise.model.plan import Plan


def render(
    plan: Plan, output_format: str, case: str | None = None, settings: Settings | None = None
) -> str:
    """`json`, `ics` or `markdown` text of the plan."""
    if output_format == "json":
        from routewise.model.plan_data import plan_json

        return plan_json(plan) + "\n"
    if output_format == "ics":
        from routewise.commands.common import calendar_for
        from routewise.render import ics as render_ics

        calendar = calendar_for(settings) if settings is not None else None
        return render_ics.render(plan, case=case, calendar=calendar)
    from routewise.render import markdown as render_markdown

    return render_markdown.render(plan)


def save(
    plan: Plan,
    output_format: str | None,
    output: Path,
    force: bool,
    what: str,
    case: str | None = None,
    settings: Settings | None = None,
) -> None:
    """Write the plan to `output`, then say where it went, on stderr. None, or `rich` (the
    terminal's format, which no file holds): as the file's extension says (`file_format`)."""
    from routewise.base.files import write_private

    chosen = file_format(None if output_format in (None, "rich") else output_format, output)
    target = write_private(output, render(plan, chosen, case, settings), force=force)
    typer.echo(saved_message(what, target), err=True)
    warn_if_no_events(plan, chosen)


def warn_if_no_events(plan: Plan, chosen: str) -> None:
    """A calendar file with no events would look saved and be empty: say so, and say why in
    the terms of this plan. A date that can never come (a route with no time limits) is not
    promised ("gets its date once ..."): only a period that counts from a later event is. A
    step already done gets no event, so a plan whose dated steps are all done is said so."""
    if chosen != "ics":
        return
    open_deadlines = [s.deadline for s in plan.steps if s.deadline is not None and not s.done]
    if any(d.date for d in open_deadlines):
        return
    from routewise.base.errors import warn

    done = [s.number for s in plan.steps if s.done and s.deadline and s.deadline.date]
    waiting = list(dict.fromkeys(d.counts_from_text for d in open_deadlines if d.pending))
    said_done = ""
    if done:
        steps = f"step {done[0]}" if len(done) == 1 else f"steps {_and(done)}"
        said_done = f"every dated step of this plan is done ({steps}; a done step gets no event)"
    if not waiting:
        warn(
            f"the calendar file has no events: {said_done}, so there is nothing to remind anyone of"
            if done
            else "the calendar file has no events: this plan sets no dates (none of its steps "
            "has a time limit that falls on a day), so there is nothing to put in a calendar"
        )
        return
    still = (
        f"{said_done}, and the other deadlines count from"
        if done
        else "every dated deadline of this plan counts from"
    )
    warn(
        f"the calendar file has no events yet: {still} "
        f"a later event ({'; '.join(waiting)}); once it has happened, make the plan again "
        "with its date (--event ID=DATE, or the wizard's question)"
    )


def _and(numbers: list[int]) -> str:
    return f"{', '.join(str(n) for n in numbers[:-1])} and {numbers[-1]}"


SUFFIX_FORMATS = {".ics": "ics", ".json": "json", ".md": "markdown", ".markdown": "markdown"}


def file_format(asked: str | None, output: Path) -> str:
    """The format a plan file is written in: the one asked for; else the one its extension
    names (`plan.ics` is a calendar); else markdown. A calendar app refuses markdown saved
    as `.ics`, so an extension that names another format than the one asked for is warned of."""
    named = SUFFIX_FORMATS.get(output.suffix.lower())
    if asked is None:
        return named or "markdown"
    if named is not None and named != asked:
        from routewise.base.errors import warn
        from routewise.base.safe_text import shown

        kinds = {"ics": "a calendar", "json": "JSON", "markdown": "markdown"}
        warn(
            f"{shown(output)} is named as {kinds[named]} file but will hold {asked}, as "
            f"--format {asked} asks; leave out --format to write {kinds[named]} file"
        )
    return asked
