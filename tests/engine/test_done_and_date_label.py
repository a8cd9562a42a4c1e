"""Where a plan starts (issue 18, items 1.7 and 1.8): the route names its date ("Date
received"), and an answer can say that earlier steps are already done."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from rich.console import Console

from routewise.calendar.working_days import WorkingCalendar
from routewise.commands.output import warn_if_no_events
from routewise.engine.assemble import build_plan
from routewise.model.plan import Plan
from routewise.model.plan_data import plan_data
from routewise.render import ics
from routewise.render.markdown import render as markdown
from routewise.render.plan_view import done_text, next_step, timeline
from routewise.render.terminal import render_plan
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
        {"id": "told", "label": "The member has been told", "next": "only", "done_steps": ["tell"]},
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


def test_a_step_done_already_shows_done_and_no_date_still_due() -> None:
    """Issue 18b, item 3: the step an answer marks done shows "Done" and no "By" date, in the
    terminal and markdown; the JSON keeps its deadline's data, but its words say it is done;
    the calendar has no event for it."""
    p = plan("told")
    tell = p.steps[-1]
    assert tell.done is not None and tell.deadline is not None
    assert tell.deadline.date == date(2026, 3, 9)  # the data is kept
    assert tell.deadline.text == "within 5 working days: done already"
    out = io.StringIO()
    render_plan(p, Console(file=out, width=100, no_color=True), plain=True)
    shown = out.getvalue().split("4. Do tell.")[1].split("\n\n")[0]
    assert "   Done:          already (you answered" in shown
    assert "By:" not in shown and "Mon 9 Mar 2026" not in shown
    md = markdown(p).split("4. **Do tell.**")[1].split("\n\n")[0]
    assert "   - Done: already (you answered" in md
    assert "By:" not in md and "Mon 9 Mar 2026" not in md
    data = plan_data(p, as_json=True)["steps"][-1]
    assert data["deadline"]["date"] == "2026-03-09"
    assert data["deadline"]["text"] == "within 5 working days: done already"
    assert "VEVENT" not in ics.render(p)
    # still to do, the same step shows its date
    undone = plan("not-yet").steps[-1]
    assert undone.deadline is not None
    assert undone.deadline.text == "within 5 working days: by Mon 9 Mar 2026"


def test_a_step_the_date_raised_stands_for_says_when_it_was_done() -> None:
    dated = [
        step(
            "receive",
            "monitoring-officer",
            deadline={"rule": "working-days", "count": 0, "wording": "on the day"},
        ),
        *STEPS[1:],
    ]
    cat = catalogue(route(dated, questions=[DECIDED], raised_step="receive"))
    p = build_plan(
        cat, cat.routes["test-route"], {"decided": "not-yet"}, RECEIVED, WorkingCalendar()
    )
    receive = p.steps[0].deadline
    assert receive is not None and receive.text == "on the day: done Mon 2 Mar 2026"


def test_a_calendar_whose_only_dated_step_is_done_is_said_to_be_empty(
    capsys: pytest.CaptureFixture[str],
) -> None:
    warn_if_no_events(plan("told"), "ics")
    assert capsys.readouterr().err == (
        "routewise: warning: the calendar file has no events: every dated step of this plan "
        "is done (step 4; a done step gets no event), so there is nothing to remind anyone of\n"
    )
    warn_if_no_events(plan("not-yet"), "ics")  # step 4 is still to do: an event
    assert capsys.readouterr().err == ""
