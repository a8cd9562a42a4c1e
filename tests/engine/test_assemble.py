"""The whole plan, stage outputs put together: every field, on small inline routes.

The snapshots in tests/golden/engine/ are whole plans as JSON. They pin the
words of every adjustment and reading as well as the structure, because a
council officer reads those words. Run with UPDATE_GOLDEN=1 after an intended
change, then read the diff.
"""

from __future__ import annotations

import json
import os
from datetime import date
from typing import Any

import pytest

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import advice_plan, build_plan, plan_answers, plan_warnings
from routewise.model.person import Person
from routewise.model.plan import Plan
from routewise.model.plan_data import plan_json
from tests.inline import catalogue, route, step
from tests.paths import TESTS

GOLDEN = TESTS / "golden" / "engine"
RAISED = date(2026, 12, 21)

FULL = route(
    [
        step("first", "officer", ["head"], rung=True, if_unresolved="second", duty="should"),
        step("discuss", "head", ["member"], note="Where it helps."),
        step("second", "head", ["director"], rung=True, if_unresolved="third", duty="can"),
        step("third", "head", [{"one_of": ["monitoring-officer", "chief"]}], rung=True),
        step(
            "feedback",
            "anyone",
            ["member", {"role": "group-leader", "if": "if necessary"}],
            deadline={
                "rule": "working-days",
                "count": 5,
                "wording": "within five working days of the outcome",
                "counts_from": "outcome",
            },
        ),
        step("chair", "chair", ["member"], when={"member-post": ["chair"]}),
        step(
            "break",
            {"together": ["chief", "monitoring-officer"]},
            if_left_out="advice",
        ),
    ],
    events=[{"id": "outcome", "text": "the outcome is reached", "question": "When?"}],
    notes=[
        {"kind": "reading", "text": "A ladder.", "source": {"document": "doc", "section": "Two"}}
    ],
    see_also=[{"route": "test-route", "text": "Itself, for the test."}],
)

CASES: dict[str, dict[str, Any]] = {
    "nobody-conflicted": {"officer-post": "officer", "member-post": ()},
    "officer-is-head": {"officer-post": "head", "member-post": ("group-leader",)},
    "officer-is-chief": {"officer-post": "chief", "member-post": ("chair",)},
}


def build(answers: dict[str, Any], events: dict[str, date] | None = None) -> Plan:
    data = dict(FULL)
    data["see_also"] = []  # a route pointing to itself is refused by the loader's checks
    cat = catalogue(data)
    return build_plan(
        cat,
        cat.routes["test-route"],
        answers,
        RAISED,
        WorkingCalendar(),
        people={"chief": Person(name="Priya Shah", email="priya@example.gov.uk")},
        titles={"director": "the officer's Service Director"},
        council="Test Council",
        events=events,
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_whole_plan_matches_its_snapshot(name: str) -> None:
    events = {"outcome": date(2027, 1, 4)} if name == "nobody-conflicted" else None
    got = json.loads(plan_json(build(CASES[name], events)))
    path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8")), f"{name}.json differs"


def test_plan_fields_come_from_the_case() -> None:
    plan = build(CASES["nobody-conflicted"], {"outcome": date(2027, 1, 4)})
    assert plan.council == "Test Council" and plan.raised == RAISED
    assert plan.route == "test-route" and plan.outcome == "only"
    assert plan.outcome_title == "The only outcome" and plan.region == "england-and-wales"
    assert [(e.id, e.date) for e in plan.events] == [("outcome", date(2027, 1, 4))]
    assert plan.steps[1].note == "Where it helps."
    assert [s.number for s in plan.steps] == list(range(1, len(plan.steps) + 1))
    assert plan.closures_applied and not plan.general_advice
    feedback = next(s for s in plan.steps if s.id == "feedback")
    assert feedback.deadline is not None and feedback.deadline.date == date(2027, 1, 11)
    third = next(s for s in plan.steps if s.id == "third")
    chief = third.contacts[0].roles()[1]
    assert chief.person == Person(name="Priya Shah", email="priya@example.gov.uk")
    assert chief.label == "the Chief Executive (Priya Shah, priya@example.gov.uk)"
    second = next(s for s in plan.steps if s.id == "second")
    assert second.contacts[0].wording == "the officer's Service Director"


def test_advice_plan_for_none_of_these() -> None:
    cat = catalogue(route([step("s", "anyone")]))
    plan = advice_plan(
        cat,
        "scotland",
        people={"monitoring-officer": Person(name="Ann Lee")},
        titles={"monitoring-officer": "the Monitoring Officer (Legal)"},
        council="Test Council",
    )
    assert plan.route is None and plan.raised is None and plan.outcome is None
    assert plan.route_title == "None of the documented routes"
    assert plan.region == "scotland" and plan.council == "Test Council"
    assert plan.general_advice and len(plan.steps) == 1
    advice = plan.steps[0]
    assert advice.general_advice and advice.source is None and advice.number == 1
    assert advice.action == "Ask the Monitoring Officer."
    assert advice.actor.wording == "you"
    assert advice.contacts[0].wording == "the Monitoring Officer (Legal) (Ann Lee)"
    assert advice.note == "General advice from routewise, not from the source documents."
    assert plan.adjustments == [] and plan.notes == [] and plan.sources == []


def test_answers_are_shown_as_people_read_them() -> None:
    questions = [
        {"id": "officer-post", "post": "officer", "next": "member-post"},
        {"id": "member-post", "post": "member", "next": "when"},
        {"id": "when", "type": "date", "text": "When?", "next": "note"},
        {"id": "note", "type": "text", "text": "Note?", "optional": True, "next": "only"},
    ]
    cat = catalogue(route([step("s", "anyone")], questions=questions))
    r = cat.routes["test-route"]
    answers: dict[str, Any] = {
        "officer-post": "head",
        "member-post": ("group-leader", "chair"),
        "when": date(2026, 12, 23),
        "note": "",
    }
    shown = [(a.question, a.choice, a.answer) for a in plan_answers(r, answers)]
    assert shown == [
        ("officer-post", "head", "A Head of Service"),
        ("member-post", ["group-leader", "chair"], "Leads a group; Chair"),
        ("when", None, "Wed 23 Dec 2026"),
        ("note", None, "(not given)"),
    ]
    answers["member-post"] = ()
    assert plan_answers(r, answers)[1].answer == "None of these"


def test_warnings_for_unannounced_holidays_and_unskipped_closures() -> None:
    plan = build(CASES["nobody-conflicted"], {"outcome": date(2027, 1, 4)})
    assert plan.warnings == []
    closures = WorkingCalendar("uk-any", {date(2027, 1, 5): "council closure day"})
    warnings = plan_warnings(plan.steps, closures)
    assert warnings == [
        "Council closure days are not skipped: under the uk-any (Freedom of Information "
        "Act) reading only weekends, Christmas Day, Good Friday and UK bank holidays are."
    ]
    far = build(CASES["nobody-conflicted"], {"outcome": date(2099, 6, 1)})
    assert any("may still be announced" in w for w in far.warnings)


def test_a_route_names_a_role_its_own_way_in_the_council_s_words() -> None:
    """Two parties who are both members: the route's `titles` say which one a step means,
    and a council's own title for the role still shows through."""
    data = route(
        [step("ask", "anyone", ["member"], note="Where the member agrees.")],
        titles={"member": "the member who made the criticism"},
    )
    cat = catalogue(data)

    def contact(titles: dict[str, str]) -> tuple[str, str | None]:
        plan = build_plan(
            cat,
            cat.routes["test-route"],
            {"officer-post": "officer", "member-post": ()},
            RAISED,
            WorkingCalendar(),
            titles=titles,
        )
        return plan.steps[0].contacts[0].wording, plan.steps[0].note

    assert contact({}) == ("the member who made the criticism", "Where the member agrees.")
    councillor = contact({"member": "the councillor"})
    assert councillor == ("the councillor who made the criticism", "Where the councillor agrees.")


def test_why_a_role_is_left_out_names_it_in_the_council_s_words() -> None:
    plan = build({"officer-post": "director", "member-post": ()})
    reasons = " ".join(a.text for a in plan.adjustments)
    assert "so the officer's Service Director would be the officer themself" in reasons
    assert "the officer's Director " not in reasons


def raised_step_plan(officer_post: str, raised_step: str | None = "first") -> Plan:
    """A short ladder whose date raised is the date of its first rung (`raised_step`)."""
    steps = [
        step("first", "member", ["head"], rung=True, if_unresolved="second"),
        step("second", "head", ["director"], rung=True, if_unresolved="third"),
        step("third", "head", ["chief"], rung=True),
        step("feedback", "anyone", ["member"]),
    ]
    cat = catalogue(route(steps, raised_step=raised_step))
    answers = {"officer-post": officer_post, "member-post": ()}
    return build_plan(cat, cat.routes["test-route"], answers, RAISED, WorkingCalendar())


def test_the_step_the_date_raised_stands_for_is_done_on_that_date() -> None:
    from routewise.render.plan_view import next_step, timeline

    plan = raised_step_plan("officer")
    assert [(s.id, s.done) for s in plan.steps][:2] == [("first", RAISED), ("second", None)]
    assert next_step(plan) == plan.steps[1]
    assert timeline(plan)[0].done and timeline(plan)[0].when == "done Mon 21 Dec 2026"
    without = raised_step_plan("officer", None)
    assert all(s.done is None for s in without.steps) and next_step(without) == without.steps[0]


def test_a_rung_that_takes_over_the_raised_step_is_the_one_done() -> None:
    """The officer is a Head: the first rung is left out, the second takes over its words,
    and it is that step (the matter raised with the Director) that the date raised dates."""
    plan = raised_step_plan("head")
    assert plan.steps[0].id == "second" and plan.steps[0].done == RAISED
    assert [s.done for s in plan.steps[1:]] == [None] * (len(plan.steps) - 1)


def test_no_step_is_done_when_the_raised_step_is_not_in_the_plan() -> None:
    plan = raised_step_plan("chief")  # every rung left out: the general advice instead
    assert all(s.done is None for s in plan.steps)


def test_a_step_that_may_follow_keeps_its_reason_in_the_council_s_words() -> None:
    steps = [
        step("first", "member", ["chief"]),
        step("later", "anyone", may_follow="Whether the Chief Executive acts is not said."),
    ]
    cat = catalogue(route(steps))
    answers = {"officer-post": "officer", "member-post": ()}
    plan = build_plan(
        cat,
        cat.routes["test-route"],
        answers,
        RAISED,
        WorkingCalendar(),
        titles={"chief": "the Head of Paid Service"},
    )
    assert plan.steps[0].may_follow is None
    assert plan.steps[1].may_follow == "Whether the Head of Paid Service acts is not said."
