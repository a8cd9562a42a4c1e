"""The plan's summary parts shared by the renderers: the timeline's order."""

from __future__ import annotations

from datetime import date

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.model.catalogue import Catalogue
from routewise.render.plan_view import timeline


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
        (1, "done Thu 2 Apr 2026"),  # the manager was told, so the Chief Executive was
        (2, "no date set: without delay"),
        (3, "ideally by Tue 7 Apr 2026"),  # the document says "ideally within 2 days"
    ]
    waiting = whens({})
    assert waiting[:2] == [
        (1, "no date set: as soon as possible"),
        (2, "no date set: without delay"),
    ]
    assert waiting[2][0] == 3 and waiting[2][1].startswith("no date set: once ")


def test_routewise_s_own_advice_is_not_said_to_have_a_document_s_time_limit(
    catalogue: Catalogue,
) -> None:
    from routewise.engine.assemble import advice_plan
    from routewise.render.plan_view import next_parts

    parts = dict(next_parts(advice_plan(catalogue, "england-and-wales")) or [])
    assert parts["When"] == "no time limit (general advice from routewise, not from the documents)"
    route = catalogue.routes["officer-member-dispute"]  # Next: the parties meet first
    answers = {"already-met": "no", "member-post": (), "officer-post": "officer"}
    plan = build_plan(catalogue, route, answers, date(2026, 12, 21), WorkingCalendar())
    assert dict(next_parts(plan) or [])["When"] == "no time limit set by the document"
