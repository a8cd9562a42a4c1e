"""Parsing YAML anyone may have written: same values as PyYAML, within limits, never a crash."""

from __future__ import annotations

import pytest
import yaml

from routewise.flows import yaml_safe
from routewise.flows.locations import default_flows_dir


@pytest.mark.parametrize("path", sorted(default_flows_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_same_values_as_pyyaml_for_every_shipped_flow(path: object) -> None:
    text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    data, node = yaml_safe.parse(text)
    assert data == yaml.safe_load(text)
    assert node is not None and node.start_mark.line == yaml.compose(text).start_mark.line


def test_merge_keys_and_anchors_still_work() -> None:
    data, _ = yaml_safe.parse("a: &x {k: 1}\nb: {<<: *x, j: 2}\nc: *x\n")
    assert data == {"a": {"k": 1}, "b": {"k": 1, "j": 2}, "c": {"k": 1}}


@pytest.mark.parametrize("depth", [65, 500, 100_000])
def test_deep_nesting_is_a_problem_not_a_crash(depth: int) -> None:
    with pytest.raises(yaml_safe.YamlProblem) as err:
        yaml_safe.parse("a: " + "[" * depth)
    assert "nest" in err.value.problem and err.value.line == 1


def test_64_levels_are_fine() -> None:
    data, _ = yaml_safe.parse("[" * 63 + "]" * 63)
    assert isinstance(data, list)


def test_billion_laughs_stops_while_parsing() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    with pytest.raises(yaml_safe.YamlProblem, match="aliases"):
        yaml_safe.parse("\n".join(lines))


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    with pytest.raises(yaml_safe.YamlProblem, match="undefined alias"):
        yaml_safe.parse("a: &x [*x]\n")


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("route: x\nraised: 2026-02-30\n", 2, "'2026-02-30' is not a real date"),
        ("a: 1\nb: 2001-13-01\n", 2, "'2001-13-01' is not a real date"),
        ("a: [1,\n", 2, "not valid YAML"),
        ("a: \x01\n", 1, "not valid YAML"),
        ("a: !!python/name:os.system x\n", 1, "could not determine a constructor"),
        ("a: 1\n---\nb: 2\n", 2, "expected a single document"),
    ],
)
def test_problems_have_a_line(text: str, line: int, problem: str) -> None:
    with pytest.raises(yaml_safe.YamlProblem) as err:
        yaml_safe.parse(text)
    assert err.value.line == line
    assert problem in err.value.problem


def test_empty_text_is_no_document() -> None:
    assert yaml_safe.parse("") == (None, None)
    assert yaml_safe.parse("# only a comment\n") == (None, None)
