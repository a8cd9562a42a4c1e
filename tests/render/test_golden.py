"""Golden files: the plain, markdown and iCalendar renderings of three plans, byte for byte.

Run with UPDATE_GOLDEN=1 to rewrite them after an intended change, then read the diff.
"""

from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from icalendar import Calendar
from rich.console import Console

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.model.catalogue import Catalogue
from routewise.model.plan import Plan
from routewise.render import ics as render_ics
from routewise.render import markdown as render_markdown
from routewise.render.terminal import render_plan
from routewise.wizard.answers import coerce_all, read_answers_file
from tests.paths import TESTS

HERE = TESTS
GOLDEN = HERE / "golden"
STAMP = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
CASES = {
    "dispute-head-of-service": {},
    "information-provided": {},
    "officer-concern-officer": {"outcome": date(2026, 12, 23)},
}


def plan_for(catalogue: Catalogue, name: str) -> Plan:
    given = read_answers_file(HERE / "answers" / f"{name}.yaml")
    route = catalogue.routes[given.route]
    assert given.raised is not None
    return build_plan(
        catalogue,
        route,
        coerce_all(route, given.answers),
        given.raised,
        WorkingCalendar("england-and-wales"),
        events=CASES[name],
    )


def plain(plan: Plan) -> str:
    out = io.StringIO()
    render_plan(plan, Console(file=out, width=60, color_system=None), plain=True)
    return out.getvalue()


def check(path: Path, text: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8"), f"{path.name} differs from its golden file"


@pytest.mark.parametrize("name", list(CASES))
def test_plain_rendering(catalogue: Catalogue, name: str) -> None:
    text = plain(plan_for(catalogue, name))
    check(GOLDEN / f"{name}.txt", text)
    lines = text.splitlines()
    assert all(len(line) <= 60 and line == line.rstrip() for line in lines)
    assert "\x1b" not in text and not set(text) & set("┏━│└─┃")


@pytest.mark.parametrize("name", list(CASES))
def test_markdown_rendering(catalogue: Catalogue, name: str) -> None:
    text = render_markdown.render(plan_for(catalogue, name))
    check(GOLDEN / f"{name}.md", text)
    assert text.index("**Next:**") < text.index("## Timeline") < text.index("## Steps")


@pytest.mark.parametrize("name", list(CASES))
def test_ics_rendering_parses_back(catalogue: Catalogue, name: str) -> None:
    plan = plan_for(catalogue, name)
    text = render_ics.render(plan, now=STAMP, case="Case 42")
    check(GOLDEN / f"{name}.ics", text)
    parsed = Calendar.from_ical(text)
    events = list(parsed.walk("VEVENT"))
    dated = [s for s in plan.steps if s.deadline and s.deadline.date and s.done is None]
    assert len(events) == len(dated)
    for event, step in zip(events, dated, strict=True):
        assert step.deadline is not None and step.deadline.date is not None
        assert event.decoded("dtstart") == step.deadline.date
        duty = f" ({step.duty})" if step.duty else ""
        assert str(event["summary"]).startswith(
            f"Case 42: {plan.route_title}, step {step.number}{duty}:"
        )
        assert "Next:" in str(event["description"])
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1
        due = datetime.combine(step.deadline.date, time())
        reminder = due + alarms[0].decoded("trigger")
        assert reminder.time() == time(9, 0)
        assert reminder.date() < step.deadline.date
        assert WorkingCalendar("england-and-wales").is_working_day(reminder.date())


def test_reminder_skips_the_weekend_and_bank_holidays() -> None:
    calendar = WorkingCalendar("england-and-wales")
    assert render_ics.reminder_day(date(2027, 1, 4), calendar) == date(
        2026, 12, 31
    )  # Mon after New Year
    assert render_ics.reminder_day(date(2026, 5, 5), calendar) == date(2026, 5, 1)  # after May Day
