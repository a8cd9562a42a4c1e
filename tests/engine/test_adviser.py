"""A route's own adviser for a case its document does not cover (issue 18, item 1.6)."""

from __future__ import annotations

from datetime import date
from typing import Any

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.model.plan import Plan
from tests.inline import ROLES, catalogue, route, step

HR = {"actor": "you", "contacts": ["head-of-hr"], "action": "Ask the Head of HR how to go on."}
ROLES_WITH_HR = [*ROLES, {"id": "head-of-hr", "title": "the Head of HR"}]


def plan(officer: str, **extra: Any) -> Plan:
    steps = [step("hear", "head", ["member"], rung=True)]
    cat = catalogue(route(steps, **extra), roles=ROLES_WITH_HR)
    answers = {"officer-post": officer, "member-post": ()}
    return build_plan(cat, cat.routes["test-route"], answers, date(2026, 3, 2), WorkingCalendar())


def test_a_route_names_its_own_adviser_for_what_it_does_not_cover() -> None:
    p = plan("head", general_advice=HR)  # nobody on the ladder can act
    (advice,) = p.steps
    assert advice.general_advice and advice.action == "Ask the Head of HR how to go on."
    assert [g.wording for g in advice.contacts] == ["the Head of HR"]
    (change,) = [a for a in p.adjustments if a.kind == "not-covered"]
    assert "ask the Head of HR (the step marked as general advice)" in change.change
    assert "Monitoring Officer" not in change.text


def test_without_its_own_adviser_a_route_keeps_the_monitoring_officer() -> None:
    p = plan("head")
    (advice,) = p.steps
    assert [g.wording for g in advice.contacts] == ["the Monitoring Officer"]
    (change,) = [a for a in p.adjustments if a.kind == "not-covered"]
    assert "ask the Monitoring Officer (the step marked as general advice)" in change.change


def test_an_outcome_not_covered_gives_the_route_s_own_advice() -> None:
    outcomes = [
        {
            "id": "only",
            "title": "Not covered",
            "not_covered": "The procedure covers only conduct towards the employee.",
            "steps": [step("note", "officer")],
        }
    ]
    p = plan("officer", outcomes=outcomes, general_advice=HR)
    assert [s.id for s in p.steps] == ["note", "general-advice"]
    assert p.steps[-1].contacts[0].wording == "the Head of HR"
