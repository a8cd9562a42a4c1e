"""The plan's summary parts shared by the renderers: the timeline's order."""

from __future__ import annotations

from datetime import date

from routewise.calendar import WorkingCalendar
from routewise.engine import build_plan
from routewise.loader import Catalogue
from routewise.plan_view import timeline


def test_the_timeline_puts_what_is_due_now_first_and_what_waits_last(catalogue: Catalogue) -> None:
    """ "As soon as possible" and "without delay" are due now: listed before a dated step, and
    a period waiting for a later event comes last."""
    route = catalogue.routes["officer-member-dispute"]
    answers = {"already-met": "yes", "member-post": (), "officer-post": "officer"}

    def whens(events: dict[str, date]) -> list[tuple[int, str]]:
        plan = build_plan(
            catalogue, route, answers, date(2026, 3, 30), WorkingCalendar(), events=events
        )
        return [(e.step, e.when) for e in timeline(plan)]

    assert whens({"manager-told": date(2026, 4, 2)}) == [
        (1, "no date set: as soon as possible"),
        (2, "no date set: without delay"),
        (3, "Tue 7 Apr 2026"),
    ]
    waiting = whens({})
    assert [step for step, _ in waiting] == [1, 2, 3]
    assert waiting[2][1].startswith("no date set: once ")
