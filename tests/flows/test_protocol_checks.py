"""`flows check` on what a route says of its own people and starting point (issue 18): its
stand-ins, the steps an answer marks done, and its own adviser; each problem by id."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from routewise.flows.folders import load_flows
from tests.paths import PARISH_FLOWS

DOCUMENTS = "documents:\n  - {id: our-doc, title: Our procedure, short: Our procedure}\n"
ROLES = "roles:\n  - {id: mayor, title: the Mayor}\n"
ROUTE = """\
id: probe
title: Probe
summary: For tests.
triage: {label: Probe}
parties: [officer, member]
source: {document: our-doc, section: One}
start: in-group
questions:
  - id: in-group
    type: yes-no
    text: Does the member belong to a political group?
    choices:
      - {id: "yes", label: "Yes", next: other, done_steps: [elsewhere]}
      - {id: "no", label: "No", next: hearing, done_steps: [informl, elsewhere]}
outcomes:
  - id: hearing
    title: Hearing
    steps:
      - {id: informal, actor: group-leader, contacts: [member], action: Talk., source: {document: our-doc, section: One}}
      - {id: hear, actor: {together: [monitoring-officer, group-leader]}, action: Hear it., source: {document: our-doc, section: One}}
  - id: other
    title: Other
    steps:
      - {id: elsewhere, actor: member, action: Act., source: {document: our-doc, section: One}}
"""


def problems(tmp_path: Path, extra: str, route: str = ROUTE) -> list[str]:
    (tmp_path / "documents.yaml").write_text(DOCUMENTS, encoding="utf-8")
    (tmp_path / "roles.yaml").write_text(ROLES, encoding="utf-8")
    (tmp_path / "probe.yaml").write_text(route + extra, encoding="utf-8")
    flows = load_flows([tmp_path])
    return [f"{p.line}: {p.where}: {p.message}" for p in flows.errors]


def test_a_step_an_answer_marks_done_must_be_ahead_of_that_answer(tmp_path: Path) -> None:
    found = problems(tmp_path, "")
    assert [f.split(": expected")[0] for f in found] == [
        "14: questions[in-group].choices[no].done_steps",
        "14: questions[in-group].choices[no].done_steps",
    ]
    assert "found 'informl': did you mean 'informal'?" in found[0]
    assert "found 'elsewhere'" in found[1]  # a step of an outcome this answer never reaches


def test_a_route_s_stand_ins_name_roles_steps_and_choices_that_exist(tmp_path: Path) -> None:
    route = ROUTE.replace(", done_steps: [informl, elsewhere]", "")
    stand_ins = (
        "stand_ins:\n"
        '  - {role: group-leader, stand_in: mayr, when: {in-group: ["no", maybe]}, '
        "steps: [hear, informal, hearng]}\n"
        "  - {role: chair, stand_in: chair}\n"
        "  - role: group-leader\n    stand_in: mayor\n    steps: [informal]\n"
        "    source: {document: our-dc, section: One}\n"
    )
    found = problems(tmp_path, stand_ins, route)
    line = 26
    assert found == [
        f"{line}: stand_ins[group-leader].stand_in: unknown role 'mayr' (define it in "
        "roles.yaml): did you mean 'mayor'? " + found[0].split("'mayor'? ")[1],
        f"{line}: stand_ins[group-leader].when.in-group: unknown choice 'maybe': did you "
        "mean 'yes'? valid ids: yes, no",
        f"{line}: stand_ins[group-leader].steps[hearng]: unknown step 'hearng': did you mean "
        "'hear'? " + found[2].split("'hear'? ")[1],
        f"{line + 1}: stand_ins[chair].stand_in: a role cannot stand in for itself",
        f"{line + 1}: stand_ins[chair].role: no step of this route names 'chair': name the role "
        "a step's actor or contacts name",
        f"{line + 5}: stand_ins[group-leader].source.document: unknown document 'our-dc': did "
        "you mean 'our-doc'? " + found[5].split("'our-doc'? ")[1],
    ]


def test_a_stand_in_for_a_step_that_does_not_name_the_role(tmp_path: Path) -> None:
    route = ROUTE.replace(", done_steps: [informl, elsewhere]", "")
    found = problems(
        tmp_path, "stand_ins:\n  - {role: member, stand_in: mayor, steps: [hear]}\n", route
    )
    assert found == [
        "26: stand_ins[member].steps[hear]: step 'hear' does not name 'member', so no one "
        "stands in for "
        "them there: name a step where 'member' acts or is contacted"
    ]


def test_a_route_s_own_adviser_names_known_roles(tmp_path: Path) -> None:
    route = ROUTE.replace(", done_steps: [informl, elsewhere]", "")
    extra = "general_advice: {actor: you, contacts: [head-of-hr], action: Ask HR.}\n"
    (found,) = problems(tmp_path, extra, route)
    assert found.startswith(
        "25: general_advice.contacts[head-of-hr]: unknown role 'head-of-hr' (define it in "
        "roles.yaml)"
    )


def test_a_step_an_event_marks_done_exists_and_does_not_count_from_that_event(
    tmp_path: Path,
) -> None:
    route = ROUTE.replace(", done_steps: [informl, elsewhere]", "").replace(
        "      - {id: hear, actor:",
        "      - {id: hear, deadline: {rule: working-days, count: 5, wording: within 5 days, "
        "counts_from: heard}, actor:",
    )
    events = (
        "events:\n"
        "  - {id: heard, text: the hearing is held, question: When?, "
        "done_steps: [informal, here, hear]}\n"
    )
    found = problems(tmp_path, events, route)
    assert [f.split(": ", 2)[1] for f in found] == [
        "events[heard].done_steps[here]",
        "events[heard].done_steps[hear]",
    ]
    assert "unknown step 'here': did you mean 'hear'?" in found[0]
    assert (
        "step 'hear' counts its period from 'heard', so that date cannot show it done" in (found[1])
    )


def _parish(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    """A copy of the parish folder with its route file changed by `edit`."""
    folder = tmp_path / "parish"
    shutil.copytree(PARISH_FLOWS, folder)
    route = folder / "clerk-complaint.yaml"
    route.write_text(edit(route.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def _swap_stand_ins(text: str) -> str:
    """The parish's two stand-ins for the Chair in the wrong order: the broader first."""
    first = text.index("  - role: council-chair\n    stand_in: district")
    second = text.index("  - role: council-chair\n    stand_in: vice-chair")
    end = text.index("\ngeneral_advice:")
    return text[:first] + text[second:end] + text[first:second] + text[end:]


def test_a_stand_in_an_earlier_broader_entry_always_takes_the_place_of_is_warned_of(
    tmp_path: Path,
) -> None:
    folder = _parish(tmp_path, _swap_stand_ins)
    flows = load_flows([folder], warnings=True)
    assert flows.errors == []
    (warning,) = [p for p in flows.problems if p.severity == "warning"]
    lines = (folder / "clerk-complaint.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[warning.line - 1] == "  - role: council-chair"
    assert lines[warning.line] == "    stand_in: district-monitoring-officer"  # the shadowed one
    assert warning.message == (
        "this entry never applies: entry 1 of `stand_ins` (stand_in: vice-chair, when "
        "councillor-is-chair is yes) comes before it, covers every step it covers and is "
        "brought in by every answer that brings it in, and the first entry that fits a step "
        "is used: put the narrower entry first"
    )
    # in the order the folder has them, narrower first, nothing is said
    right = load_flows([PARISH_FLOWS], warnings=True)
    assert [p for p in right.problems if p.severity == "warning"] == []


@pytest.mark.parametrize(
    ("earlier", "later", "warned"),
    [
        ('when: {in-group: ["no"]}', 'when: {in-group: ["no"]}, steps: [informal]', True),
        ('when: {in-group: ["no", "yes"]}', 'when: {in-group: ["no"]}', True),
        ("steps: [informal]", "steps: [informal]", True),  # both follow the rule
        ('when: {in-group: ["no"]}, steps: [informal]', 'when: {in-group: ["no"]}', False),
        ('when: {in-group: ["no"]}', 'when: {in-group: ["yes"]}', False),
        ("steps: [informal]", 'when: {in-group: ["no"]}, steps: [informal]', False),
        ('when: {in-group: ["no"]}', "steps: [informal]", False),
    ],
)
def test_only_an_entry_that_can_never_apply_is_warned_of(
    tmp_path: Path, earlier: str, later: str, warned: bool
) -> None:
    route = ROUTE.replace(", done_steps: [informl, elsewhere]", "").replace(
        ", done_steps: [elsewhere]", ""
    )
    stand_ins = (
        "stand_ins:\n"
        f"  - {{role: group-leader, stand_in: mayor, {earlier}}}\n"
        f"  - {{role: group-leader, stand_in: monitoring-officer, {later}}}\n"
    )
    (tmp_path / "documents.yaml").write_text(DOCUMENTS, encoding="utf-8")
    (tmp_path / "roles.yaml").write_text(ROLES, encoding="utf-8")
    (tmp_path / "probe.yaml").write_text(route + stand_ins, encoding="utf-8")
    flows = load_flows([tmp_path], warnings=True)
    assert flows.errors == []
    found = [p.line for p in flows.problems if "never applies" in p.message]
    assert found == ([27] if warned else [])
