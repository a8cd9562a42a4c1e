"""The plan a case keeps as first given: the same data as the plan JSON triage prints."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.engine.paths import coerce_answer
from routewise.model.catalogue import Catalogue
from routewise.model.person import Person
from routewise.model.plan_data import plan_data
from routewise.register.cases import plan_json_text


@pytest.mark.parametrize(
    ("route_id", "answers"),
    [
        (
            "officer-member-dispute",
            {"already-met": "no", "member-post": "none", "officer-post": "director"},
        ),
        ("officer-unprofessional-to-member", {"officer-post": "officer"}),
    ],
)
def test_the_kept_plan_is_the_plan_json(
    catalogue: Catalogue, route_id: str, answers: dict[str, str]
) -> None:
    route = catalogue.routes[route_id]
    engine = {q.id: coerce_answer(q, answers[q.id]) for q in route.questions if q.id in answers}
    people = {"chief-executive": Person(name="Priya [b]Shah", email="p@example.gov.uk")}
    plan = build_plan(catalogue, route, engine, date(2026, 4, 2), WorkingCalendar(), people)
    kept = json.loads(plan_json_text(plan))
    assert kept == plan_data(replace(plan, diagram=None), as_json=True)
