"""Reading one flow file: every problem at once, ids not positions, and the YAML traps in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from routewise.flows.problems import read_flow_file
from routewise.model.route import Route

ROUTE = """\
id: r
title: A route
summary: For tests.
parties: [member]
source: {document: d, section: S}
start: q
questions:
  - id: q
    type: choice
    text: Which?
    choices:
      - {id: first, label: First, next: done}
      - {id: second, label: Second, next: done}
outcomes:
  - id: done
    title: Done
    steps:
      - id: act
        actor: member
        action: Do it.
        source: {document: d, section: S}
"""


def read(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return [f"{p.line}: {p.where}: {p.message}" for p in read_flow_file(path, Route).problems]


def test_a_clean_file_has_no_problems(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(ROUTE, encoding="utf-8")
    parsed = read_flow_file(path, Route)
    assert parsed.problems == [] and parsed.usable and parsed.model is not None


def test_every_schema_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = ROUTE.replace("action: Do it.", "actoin: Do it.").replace("title: Done", "titel: Done")
    problems = read(tmp_path, text)
    assert len(problems) == 2, problems
    assert problems[0].startswith(
        "16: outcomes[done].titel: unknown field 'titel': did you mean 'title'?"
    )
    assert problems[1].startswith(
        "20: outcomes[done].steps[act].actoin: unknown field 'actoin': did you mean 'action'?"
    )
    assert "valid fields here: id, actor, action" in problems[1]


def test_unknown_field_suggests_from_all_fields_even_when_none_is_missing(tmp_path: Path) -> None:
    text = ROUTE.replace(
        "        action: Do it.\n", "        action: Do it.\n        actor_mode: one-of\n"
    )
    (problem,) = read(tmp_path, text)
    assert "unknown field 'actor_mode': did you mean 'actor'?" in problem


@pytest.mark.parametrize(
    ("written", "read_as"),
    [("no", "false"), ("yes", "true"), ("on", "true"), ("off", "false"), ("No", "false")],
)
def test_unquoted_yes_no_on_off_says_put_it_in_quotes(
    tmp_path: Path, written: str, read_as: str
) -> None:
    text = ROUTE.replace("{id: first, label: First", f"{{id: first, label: {written}")
    (problem,) = read(tmp_path, text)
    assert problem == (
        f"12: questions[q].choices[first].label: `{written}` was read as {read_as}, "
        f'not as text: put it in quotes ("{written}")'
    )


def test_an_unquoted_number_is_named_too(tmp_path: Path) -> None:
    text = ROUTE.replace(
        "source: {document: d, section: S}\nstart", "source: {document: 001, section: S}\nstart"
    )
    (problem,) = read(tmp_path, text)
    assert problem == '5: source.document: `001` was read as the number 1: put it in quotes ("001")'


def test_a_boolean_key_is_shown_as_written(tmp_path: Path) -> None:
    text = ROUTE.replace(
        "        source: {document: d, section: S}\n",
        "        when: {q: [no]}\n        source: {document: d, section: S}\n",
    )
    (problem,) = read(tmp_path, text)
    assert problem.startswith("21: outcomes[done].steps[act].when.q[no]: `no` was read as false")


def test_repairable_mistakes_still_get_a_model_to_cross_check(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        ROUTE.replace("{id: first, label: First", "{id: first, label: off").replace(
            "actor: member", "actr: member"
        ),
        encoding="utf-8",
    )
    parsed = read_flow_file(path, Route)
    assert len(parsed.problems) == 2
    assert parsed.model is not None and parsed.repaired and not parsed.usable
    assert parsed.model.outcomes[0].steps[0].actor.role_ids() == ["member"]
    assert parsed.model.questions[0].choices[0].label == "off"


def test_every_duplicate_key_is_reported(tmp_path: Path) -> None:
    text = ROUTE.replace("title: A route\n", "title: A route\ntitle: Again\n").replace(
        "        action: Do it.\n", "        action: Do it.\n        action: Twice.\n"
    )
    problems = read(tmp_path, text)
    assert [p.split(":")[0] for p in problems] == ["3", "22"]
    assert all("appears twice" in p for p in problems)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    (problem,) = read(tmp_path, ROUTE.replace("title: A route", "title: [unclosed"))
    assert problem.startswith("3: : not valid YAML") or "not valid YAML" in problem


def test_an_impossible_unquoted_date_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    problems = read(tmp_path, ROUTE + "note: 2026-02-30\n")
    assert len(problems) == 1 and "'2026-02-30' is not a real date" in problems[0]
    assert "quote it" in problems[0]


def test_an_empty_outcome_says_to_add_a_step(tmp_path: Path) -> None:
    text = ROUTE.split("    steps:\n")[0] + "    steps: []\n"
    (problem,) = read(tmp_path, text)
    assert (
        problem
        == "17: outcomes[done].steps: an outcome needs at least one step: add the first step"
    )
