"""Each of several people separately (issue 18, item 1.3), and two roles that must be
different people (item 1.4)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.flows.folders import load_flows
from routewise.model.plan import Plan
from routewise.render.markdown import render as markdown
from routewise.render.terminal import render_plan
from tests.inline import ROLES, catalogue, route, step
from tests.paths import PARISH_FLOWS

RAISED = date(2026, 3, 2)


def plan(steps: list[dict[str, Any]], officer: str = "officer", **kw: Any) -> Plan:
    cat = catalogue(route(steps), **kw)
    answers = {"officer-post": officer, "member-post": ()}
    return build_plan(cat, cat.routes["test-route"], answers, RAISED, WorkingCalendar())


def test_each_of_several_actors_is_worded_as_each_separately() -> None:
    p = plan([step("recollect", {"each": ["officer", "member"]})])
    actor = p.steps[0].actor
    assert actor.mode == "each"
    assert p.steps[0].actor_text == "the officer and the member, each separately"
    together = plan([step("meet", {"together": ["officer", "member"]})])
    assert together.steps[0].actor_text == "the officer and the member, together"


def test_each_keeps_the_others_when_one_is_left_out() -> None:
    # Unlike "together", one left out does not drop the step: the others still each do it.
    p = plan([step("recollect", {"each": ["head", "member", "director"]})], officer="head")
    assert p.steps[0].actor_text == "the member and the officer's Director, each separately"
    change = next(a for a in p.adjustments if a.step == "recollect")
    assert change.change.endswith("the others named with them remain.")
    together = plan([step("meet", {"together": ["head", "member"]})], officer="head")
    assert together.steps == [] or together.steps[0].id != "meet"


def test_each_is_a_contact_form_too() -> None:
    p = plan([step("tell", "monitoring-officer", [{"each": ["officer", "member"]}])])
    assert p.steps[0].contacts[0].wording == "the officer and the member, each separately"


DISTINCT_ROLES = [
    *ROLES,
    {"id": "ip-consulted", "title": "the Independent Person the member consulted"},
    {"id": "ip", "title": "the Independent Person", "distinct_from": ["ip-consulted"]},
]


def test_roles_declared_distinct_are_said_to_differ_where_both_appear() -> None:
    steps = [
        step("consult", "member", ["ip-consulted"]),
        step("hear", "monitoring-officer"),
        step("advise", "ip", ["monitoring-officer"]),
    ]
    p = plan(steps, roles=DISTINCT_ROLES)
    consult, hear, advise = p.steps
    assert [m.text for m in advise.distinct] == [
        "The Independent Person must be a different person from the Independent Person the "
        "member consulted (step 1)."
    ]
    assert advise.distinct[0].roles == ["ip", "ip-consulted"]
    # said both ways, declared once
    assert [m.roles for m in consult.distinct] == [["ip-consulted", "ip"]]
    assert hear.distinct == []
    out = io.StringIO()
    render_plan(p, Console(file=out, width=100, no_color=True), plain=True)
    assert "   Distinct:      The Independent Person must be a different person" in out.getvalue()
    assert "   - Distinct: The Independent Person must be" in markdown(p)


def test_the_rule_is_said_even_where_the_other_is_named_by_no_step() -> None:
    """Issue 18b, item 6: "an investigator who is not the person who advised informally",
    where the adviser acts in no step: every step naming the investigator says so."""
    p = plan([step("advise", "ip", ["monitoring-officer"])], roles=DISTINCT_ROLES)
    assert [m.text for m in p.steps[0].distinct] == [
        "The Independent Person must be a different person from the Independent Person the "
        "member consulted."
    ]
    assert p.steps[0].distinct[0].roles == ["ip", "ip-consulted"]


def test_two_people_named_by_one_step_are_said_to_differ_once() -> None:
    p = plan([step("meet", {"together": ["ip", "ip-consulted"]})], roles=DISTINCT_ROLES)
    assert [m.text for m in p.steps[0].distinct] == [
        "The Independent Person must be a different person from the Independent Person the "
        "member consulted (this step)."
    ]


def test_a_parish_s_investigator_is_said_to_differ_from_the_adviser_at_each_step() -> None:
    flows = load_flows([PARISH_FLOWS])
    cat = flows.catalogue
    answers = {"complainant": "clerk", "councillor-is-chair": "no", "already-spoken": "no"}
    p = build_plan(cat, cat.routes["clerk-complaint"], answers, RAISED, WorkingCalendar())
    said = {s.id: [m.text for m in s.distinct] for s in p.steps}
    rule = (
        "The investigator must be a different person from the person who advised the Clerk "
        "informally."
    )
    assert said == {"speak": [], "accounts": [], "appoint": [rule], "report": [rule]}


def test_flows_check_names_an_unknown_distinct_role(tmp_path: Path) -> None:
    (tmp_path / "roles.yaml").write_text(
        "roles:\n  - id: ip\n    title: the Independent Person\n"
        "    distinct_from: [ip-consultd, ip]\n"
        "  - {id: ip-consulted, title: the Independent Person the member consulted}\n",
        encoding="utf-8",
    )
    messages = [f"{p.line}: {p.where}: {p.message}" for p in load_flows([tmp_path]).errors]
    assert len(messages) == 2
    assert messages[0].startswith(
        "4: roles[ip].distinct_from[ip-consultd]: unknown role 'ip-consultd': did you mean "
        "'ip-consulted'? valid ids: "
    )
    assert (
        messages[1] == "4: roles[ip].distinct_from[ip]: a role is always the same person as itself"
    )
