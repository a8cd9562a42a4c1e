"""Leaner flow models: shared field sets, and long lists validated item by item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from flowgen import chain, tree

from routewise.flows.problems import read_flow_file
from routewise.model import compact
from routewise.model.route import Choice, Route


def _choice(**extra: Any) -> Choice:
    return Choice.model_validate({"id": "yes", "label": "Yes", "next": "done", **extra})


def test_models_given_the_same_fields_share_one_set() -> None:
    first, second = _choice(), _choice()
    assert first.model_fields_set == {"id", "label", "next"}
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    other = _choice(help="Say yes when it is so.")
    assert other.__pydantic_fields_set__ is not first.__pydantic_fields_set__
    assert other.model_fields_set == {"id", "label", "next", "help"}


def test_a_copy_with_changes_leaves_the_shared_set_alone() -> None:
    first = _choice()
    changed = first.model_copy(update={"help": "More words."})
    assert changed.model_fields_set == {"id", "label", "next", "help"}
    assert _choice().model_fields_set == {"id", "label", "next"}


def _data(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def test_long_lists_validated_in_parts_give_the_same_route() -> None:
    for text in (chain("long", 300), tree("long", 301)):
        whole = Route.model_validate(_data(text))
        data = _data(text)
        assert len(data["questions"]) > compact.PART_SIZE
        parts = compact.validate_compact(Route, data)
        assert len(data["questions"]) == 1  # the long list was let go item by item
        assert parts == whole
        assert parts.model_dump() == whole.model_dump()


def test_a_list_another_key_also_uses_is_validated_whole_and_left_intact() -> None:
    data = _data(chain("long", 300))
    data["also"] = data["questions"]  # as an alias would share it
    questions = data["also"]
    data.pop("also")
    route = compact.validate_compact(Route, data)
    assert len(route.questions) == len(questions) == 299
    assert all(q is not None for q in questions)


def test_a_problem_deep_in_a_long_list_is_reported_at_its_line(tmp_path: Path) -> None:
    text = chain("long", 300)
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line == "  - id: q200\n")
    lines[at + 1] = "    type: essay\n"
    path = tmp_path / "long.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    parsed = read_flow_file(path, Route)
    assert parsed.model is None or parsed.repaired
    assert [(p.line, p.where) for p in parsed.problems][:1] == [(at + 2, "questions[q200].type")]


def test_a_lone_role_id_is_one_shared_group_equal_to_its_long_form() -> None:
    from pydantic import ValidationError

    from routewise.model.route import RoleGroup, Step

    source = {"document": "doc", "section": "One"}
    steps = [
        Step.model_validate(
            {
                "id": f"s{n}",
                "actor": "member",
                "contacts": ["member"],
                "action": "A.",
                "source": source,
            }
        )
        for n in range(2)
    ]
    assert steps[0].actor is steps[1].actor is steps[0].contacts[0]
    assert steps[0].actor == RoleGroup.model_validate({"roles": ["member"], "mode": "all"})
    for _ in range(2):  # a bad id is refused every time, never remembered
        with pytest.raises(ValidationError):
            RoleGroup.model_validate("Not An Id")
