"""`routewise due N`: a due date, and the days skipped on the way.

Needs only the calendar and the config: it never loads the flows, the engine
or the models, so it starts as fast as a command can.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from routewise.calendar.dates import option_date, today
from routewise.commands.common import calendar_for, settings_for


def run(
    days: int,
    start: str | None,
    calendar_days: bool,
    output_format: str,
    config: Path | None,
    region: str | None,
) -> None:
    from routewise.calendar.regions import REGION_NAMES
    from routewise.calendar.working_days import format_day

    day0 = option_date(start, "--from") if start is not None else today()
    settings = settings_for(config, region)
    calendar = calendar_for(settings)
    if calendar_days:
        result = calendar.add_calendar_days(day0, days)
    else:
        result = calendar.add_working_days(day0, days)
    warning = calendar.coverage_warning(result.due)
    if output_format == "json":
        payload = {
            "start": day0.isoformat(),
            "due": result.due.isoformat(),
            "days": days,
            "calendar_days": calendar_days,
            "region": settings.region,
            "closures_applied": calendar.closures_apply,
            "skipped": [{"date": s.day.isoformat(), "reason": s.reason} for s in result.skipped],
            "warning": warning,
        }
        typer.echo(json.dumps(payload, indent=2))
        return
    unit = "calendar days" if calendar_days else "working days"
    lines = [
        f"Due: {format_day(result.due)}",
        f"{days} {unit} after {format_day(day0)} (day 0), {REGION_NAMES[settings.region]}",
    ]
    if result.moved_from is not None:
        lines.append(
            f"Calendar day {days} is {format_day(result.moved_from)}, not a working day, "
            f"so the date moves to {format_day(result.due)}."
        )
    hangs: dict[int, int] = {}
    if result.skipped:
        lines.append("Not working days:")
        # The reasons line up in a column ("Thu 1 Jan 2026" is shorter than "Thu 25 Dec
        # 2025"), and a reason that wraps hangs under its column.
        named = [format_day(s.day) for s in result.skipped]
        width = max(len(day) for day in named)
        for day, skipped in zip(named, result.skipped, strict=True):
            hangs[len(lines)] = 2 + width + 2
            lines.append(f"  {day:<{width}}  {skipped.reason}")
    if calendar.closures and not calendar.closures_apply:
        lines.append("Council closure days are not skipped under the uk-any reading.")
    if warning:
        lines.append(f"Warning: {warning}")
    typer.echo("\n".join(_fitted(lines, hangs)))


def _fitted(lines: list[str], hangs: dict[int, int]) -> list[str]:
    """Each line wrapped to the terminal (never splitting a date), continuations indented
    (by `hangs[n]` spaces for line n, else two more than the line)."""
    from routewise.render.wrapping import terminal_width, wrap

    width = terminal_width()
    if width is None:
        return lines
    out: list[str] = []
    for number, line in enumerate(lines):
        indent = " " * (len(line) - len(line.lstrip(" ")))
        rest = " " * hangs[number] if number in hangs else indent + "  "
        out += wrap(line.lstrip(" "), width, indent, rest)
    return out
