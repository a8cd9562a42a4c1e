"""A route's own stand-ins (issue 18, items 1.1 and 1.2): brought in by any answer, or by
the rule that a party never handles their own matter, at every step naming the role or only
at the steps listed; and where the document names the stand-in, the plan cites it."""

from __future__ import annotations

from datetime import date
from typing import Any

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.model.plan import Plan
from tests.inline import ROLES, catalogue, route, step

RAISED = date(2026, 3, 2)
IN_GROUP = "Does the member belong to a political group?"
NO_GROUP = "No: the member belongs to no political group"
QUESTIONS = [
    {
        "id": "in-group",
        "type": "yes-no",
        "text": IN_GROUP,
        "choices": [
            {"id": "yes", "label": "Yes", "next": "member-post"},
            {"id": "no", "label": NO_GROUP, "next": "member-post"},
        ],
    },
    {"id": "member-post", "post": "member", "next": "only"},
]
STEPS = [
    step("informal", "group-leader", ["member"]),
    step("hearing", {"together": ["head", "group-leader"]}, ["member"]),
    step("decision", {"together": ["head", "group-leader"]}, ["member", "officer"]),
]
SAID = {"document": "doc", "section": "The hearing", "paragraph": "5.2"}
MAYOR = {"role": "group-leader", "stand_in": "mayor", "steps": ["hearing", "decision"]}
ROLES_WITH_MAYOR = [
    *ROLES,
    {"id": "mayor", "title": "the Mayor"},
    {"id": "head-of-hr", "title": "the Head of HR"},
]


def plan(in_group: str, member: tuple[str, ...] = (), *stand_ins: dict[str, Any]) -> Plan:
    cat = catalogue(
        route(STEPS, questions=QUESTIONS, stand_ins=list(stand_ins)), roles=ROLES_WITH_MAYOR
    )
    answers = {"in-group": in_group, "member-post": member}
    return build_plan(cat, cat.routes["test-route"], answers, RAISED, WorkingCalendar())


def actors(p: Plan) -> dict[str, str]:
    return {s.id: s.actor_text for s in p.steps}


def test_an_answer_brings_a_stand_in_in_at_the_steps_it_covers_only() -> None:
    p = plan("no", (), {**MAYOR, "when": {"in-group": ["no"]}, "source": SAID})
    assert actors(p) == {
        "informal": "the Group Leader",  # not this stage: the stand-in is for the hearing
        "hearing": "the officer's Head and the Mayor, together",
        "decision": "the officer's Head and the Mayor, together",
    }
    hearing = next(a for a in p.adjustments if a.step == "hearing")
    assert hearing.kind == "stands-in" and hearing.roles == ["group-leader"]
    assert hearing.change == (
        "The Mayor stands in for the Group Leader (Test Protocol, \u201cThe hearing\u201d, "
        "\u00b6\u00a05.2)."
    )
    # the reason is worded from the answer, not as a post someone holds
    assert hearing.reason == f"the answer to \u201c{IN_GROUP}\u201d is \u201c{NO_GROUP}\u201d"
    assert p.conflicts == [f"The answer to \u201c{IN_GROUP}\u201d is \u201c{NO_GROUP}\u201d."]
    assert hearing.source is not None and hearing.source.paragraph == "5.2"
    assert "5.2" in [s.paragraph for s in p.sources]


def test_the_other_answer_keeps_the_role() -> None:
    p = plan("yes", (), {**MAYOR, "when": {"in-group": ["no"]}})
    assert actors(p)["hearing"] == "the officer's Head and the Group Leader, together"
    assert p.adjustments == []


def test_without_steps_a_stand_in_covers_every_step_naming_the_role() -> None:
    entry = {"role": "group-leader", "stand_in": "mayor", "when": {"in-group": ["no"]}}
    p = plan("no", (), entry)
    assert actors(p)["informal"] == "the Mayor"
    assert [a.step for a in p.adjustments] == ["informal", "hearing", "decision"]


def test_without_when_a_stand_in_follows_the_conflict_at_its_steps_only() -> None:
    # The member leads their group: their Group Leader would be themself. The Mayor stands
    # in at the hearing (as the route says); at the informal stage nobody is named, so the
    # document does not cover who speaks to the member: the advice takes that step's place.
    p = plan("yes", ("group-leader",), MAYOR)
    assert list(actors(p)) == ["general-advice", "hearing", "decision"]
    assert actors(p)["hearing"] == "the officer's Head and the Mayor, together"
    left = next(a for a in p.adjustments if a.step == "informal")
    assert left.kind == "not-covered"
    assert left.change == (
        "The document does not cover who does \u201cDo informal.\u201d (who: the Group Leader; "
        "contact: the member) in this case: ask the Monitoring Officer (the step marked as "
        "general advice)."
    )
    assert left.reason == (
        "the member holds the post \u201cLeads a group\u201d, so the Group Leader would be the "
        "member themself"
    )
    hearing = next(a for a in p.adjustments if a.step == "hearing")
    assert hearing.kind == "stands-in" and "so the Group Leader would be" in hearing.reason


def test_a_stand_in_the_answers_bring_in_who_is_a_party_too_is_left_out_with_both_reasons() -> None:
    entry = {"role": "group-leader", "stand_in": "chair", "when": {"in-group": ["no"]}}
    p = plan("no", ("chair",), entry)
    left = next(a for a in p.adjustments if a.step == "informal")
    assert left.kind == "not-covered"  # nobody can speak to the member: the advice instead
    assert left.reason.startswith(
        f"the answer to \u201c{IN_GROUP}\u201d is \u201c{NO_GROUP}\u201d, and"
    )


def test_a_role_s_own_stand_in_cites_where_the_document_names_it() -> None:
    roles = [{**r, "stand_in_source": SAID} if r["id"] == "chair" else r for r in ROLES_WITH_MAYOR]
    cat = catalogue(route([step("rule", "chair", ["member"])]), roles=roles)
    answers = {"officer-post": "officer", "member-post": ("chair",)}
    p = build_plan(cat, cat.routes["test-route"], answers, RAISED, WorkingCalendar())
    change = p.adjustments[0]
    assert change.kind == "stands-in" and change.source is not None
    assert change.change == (
        "The Vice-Chair stands in for the Chair (Test Protocol, \u201cThe hearing\u201d, "
        "\u00b6\u00a05.2)."
    )
