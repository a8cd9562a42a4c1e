"""`routewise explain ROUTE`: a route's questions, branches, steps and example dates."""

from __future__ import annotations

from pathlib import Path

import typer

from routewise.calendar.dates import option_date, today
from routewise.commands.common import calendar_for, get_route, load, settings_for


def run(
    route_id: str,
    output_format: str,
    raised: str | None,
    config: Path | None,
    region: str | None,
    plain: bool = False,
    flows: list[Path] | None = None,
) -> None:
    start = option_date(raised, "--raised") if raised is not None else today()
    catalogue = load(flows, config, route_id)
    route = get_route(catalogue, route_id)
    if output_format == "json":
        typer.echo(route.model_dump_json(indent=2))
        return
    if output_format in ("mermaid", "dot"):
        from routewise.render import diagram as render_diagram

        titles = settings_for(config, region, catalogue).titles  # as the plans name roles
        if output_format == "mermaid":
            chart = render_diagram.mermaid(catalogue, route, titles=titles)
        else:
            chart = render_diagram.dot(catalogue, route, titles)
        typer.echo(chart, nl=False)
        return
    from routewise.calendar.regions import REGION_NAMES
    from routewise.calendar.working_days import format_day
    from routewise.commands.common import plain_wanted
    from routewise.engine.assemble import build_plan
    from routewise.engine.paths import example_answers
    from routewise.render.console import console
    from routewise.render.guidance import render_route

    settings = settings_for(config, region, catalogue)
    calendar = calendar_for(settings)
    plans = [
        build_plan(catalogue, route, answers, start, calendar, settings.contacts, settings.titles)
        for answers in example_answers(route, start).values()
    ]
    plain = plain_wanted(plain)
    out = console(plain)
    dated = any((s.deadline and s.deadline.date) or s.done for plan in plans for s in plan.steps)
    own = route.own_raised_words  # "the date received", where the route names it so
    assumed = f"{own} is" if own else "the matter was raised on"
    footer = (  # only where a date is shown: some routes count every period from later events
        f"Example dates assume {assumed} {format_day(start)} "
        f"({REGION_NAMES[settings.region]} calendar); use --raised to change it."
        if dated
        else None
    )
    render_route(catalogue, route, out, plans, plain, footer, settings.titles)
