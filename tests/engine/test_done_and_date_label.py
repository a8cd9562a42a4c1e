"""Where a plan starts (issue 18, items 1.7 and 1.8): the route names its date ("Date
received"), and an answer can say that earlier steps are already done."""

from __future__ import annotations

from datetime import date
from typing import Any

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.model.plan import Plan
from routewise.render.plan_view import done_text, next_step, timeline
from tests.inline import catalogue, route, step

RECEIVED = date(2026, 3, 2)
DECIDED = {
    "id": "decided",
    "type": "choice",
    "text": "Has it been decided whether the complaint has substance?",
    "choices": [
        {"id": "not-yet", "label": "Not yet", "next": "only"},
        {"id": "yes", "label": "Yes: it has substance", "next": "only", "done_steps": ["decide"]},
        {"id": "assessed", "label": "It was assessed", "next": "only", "done_steps": ["assess"]},
    ],
}
STEPS = [
    step("receive", "monitoring-officer"),
    step("assess", "monitoring-officer"),
    step("decide", "monitoring-officer"),
    step(
        "tell",
        "monitoring-officer",
        ["member"],
        deadline={"rule": "working-days", "count": 5, "wording": "within 5 working days"},
    ),
]


def plan(answer: str, **extra: Any) -> Plan:
    cat = catalogue(route(STEPS, questions=[DECIDED], **extra))
    return build_plan(
        cat, cat.routes["test-route"], {"decided": answer}, RECEIVED, WorkingCalendar()
    )


def test_an_answer_marks_earlier_steps_done_and_next_is_the_first_still_to_do() -> None:
    p = plan("yes", raised_step="receive")
    done = {s.id: s.done for s in p.steps}
    assert done["receive"] is not None and done["receive"].date == RECEIVED
    assert done["decide"] is not None and done["decide"].date is None
    assert done["decide"].reason == (
        "you answered \u201cYes: it has substance\u201d to "
        "\u201cHas it been decided whether the complaint has substance?\u201d"
    )
    # "assess" was not said to be done: it is the next thing to do, even before "decide"
    assert done["assess"] is None and done["tell"] is None
    assert next_step(p) is p.steps[1]
    assert done_text(done["decide"]).startswith("already (you answered")


def test_the_answer_not_given_marks_nothing_done() -> None:
    p = plan("not-yet")
    assert all(s.done is None for s in p.steps)
    assert next_step(p) is p.steps[0]


def test_steps_done_by_the_date_and_by_an_answer_lead_the_timeline() -> None:
    p = plan("assessed", raised_step="receive")
    entries = timeline(p)
    assert [(e.when, e.step) for e in entries[:2]] == [("done Mon 2 Mar 2026", 1), ("done", 2)]
    assert entries[2].when == "Mon 9 Mar 2026" and not entries[2].done


def test_a_route_names_its_starting_date_in_the_plan_and_its_readings() -> None:
    received = plan("not-yet", raised_step="receive", raised_label="Date received")
    assert received.raised_label == "Date received"
    first = received.steps[0].done
    assert first is not None and first.reason == "the date received"
    tell = received.steps[-1].deadline
    assert tell is not None
    assert tell.assumptions[0].endswith("from the date received, the earliest reading.")
    default = plan("not-yet", raised_step="receive")
    assert default.raised_label == "Date raised"
    assert default.steps[0].done is not None and default.steps[0].done.reason == "the date raised"
