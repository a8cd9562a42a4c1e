"""Large and deep flows load, check and explain without crashing, and stay polynomial.

Sized for a 2-core machine: a 2,000-question chain is twice Python's default
recursion limit, so any recursive walk left in the loader, engine or explain tree
fails here. The 100,000-node figures live in benchmarks/scale.py.
"""

from __future__ import annotations

import io
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from flowgen import write_flows
from rich.console import Console

from routewise.base.errors import FileError
from routewise.calendar.working_days import WorkingCalendar
from routewise.engine.assemble import build_plan
from routewise.engine.paths import example_answers, next_node
from routewise.flows.loader import load_catalogue
from routewise.flows.locations import default_flows_dir
from routewise.model.catalogue import Catalogue
from routewise.model.route import Outcome
from routewise.render.guidance import render_route

RAISED = date(2026, 4, 2)


@pytest.fixture(autouse=True)
def default_recursion_limit() -> None:
    """Python's default limit, whatever the test runner set: deep flows must not need more."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    yield
    sys.setrecursionlimit(old)


def generated(tmp_path: Path, shape: str, nodes: int) -> Catalogue:
    folder = tmp_path / shape
    write_flows(folder, shape, nodes, default_flows_dir())
    return load_catalogue(folder, cache=False)


def explain_text(catalogue: Catalogue, route_id: str) -> str:
    route = catalogue.routes[route_id]
    calendar = WorkingCalendar()
    plans = [
        build_plan(catalogue, route, answers, RAISED, calendar)
        for answers in example_answers(route, RAISED).values()
    ]
    out = io.StringIO()
    render_route(catalogue, route, Console(file=out, width=100, no_color=True), plans)
    return out.getvalue()


def test_a_chain_of_2000_questions_loads_and_reaches_its_outcome(tmp_path: Path) -> None:
    catalogue = generated(tmp_path, "chain", 2_001)
    route = catalogue.routes["generated"]
    assert len(route.questions) == 2_000
    answers = {q.id: "some text" for q in route.questions}
    assert isinstance(next_node(route, answers), Outcome)
    examples = example_answers(route, RAISED)
    assert list(examples) == ["done"]
    assert len(examples["done"]) == 2_000
    plan = build_plan(catalogue, route, examples["done"], RAISED, WorkingCalendar())
    assert plan.outcome == "done"


def test_a_deep_chain_explains_without_recursion(tmp_path: Path) -> None:
    catalogue = generated(tmp_path, "chain", 1_201)
    text = explain_text(catalogue, "generated")
    assert "point 1199 in writing" in text
    assert "Generated outcome 0" in text


def test_converging_yes_no_questions_explain_in_polynomial_time(tmp_path: Path) -> None:
    """2**300 paths: enumerating them would never finish; the timeout guards it."""
    catalogue = generated(tmp_path, "converging", 301)
    route = catalogue.routes["generated"]
    examples = example_answers(route, RAISED)
    assert examples == {"done": {f"q{i}": "yes" for i in range(300)}}
    text = explain_text(catalogue, "generated")
    # Both answers lead on to the next question: it is drawn once, after them.
    outline, example = text.split("\nOutcome: ", 1)
    assert outline.count("point 299 in writing") == 1
    assert outline.count("Yes: confirmed in writing") == 300
    # the example plan lists every answer it used, once each
    assert example.count("point 299 in writing") == 1


def test_a_question_reached_from_two_branches_is_drawn_once(tmp_path: Path) -> None:
    folder = tmp_path / "partly-converging"
    write_flows(folder, "tree", 7, default_flows_dir())
    route_file = folder / "generated.yaml"
    text = route_file.read_text(encoding="utf-8")
    # q0 -> q1 | q2; q1 -> o3 | q2 (instead of o4, which goes); q2 -> o5 | o6.
    text = text.replace("next: o4}", "next: q2}")
    text = text[: text.index("  - id: o4\n")] + text[text.index("  - id: o5\n") :]
    route_file.write_text(text, encoding="utf-8")
    catalogue = load_catalogue(folder, cache=False)
    drawn = explain_text(catalogue, "generated").split("\nOutcome: ", 1)[0]  # the outline
    assert drawn.count("point 2 in writing") == 2
    assert drawn.count("(its branches are shown above)") == 1
    assert drawn.count("-> outcome: Generated outcome 5") == 1


def test_a_binary_tree_gives_an_example_for_every_outcome(tmp_path: Path) -> None:
    catalogue = generated(tmp_path, "tree", 2_047)
    route = catalogue.routes["generated"]
    assert len(route.outcomes) == 1_024
    examples = example_answers(route, RAISED)
    assert list(examples) == [o.id for o in route.outcomes]
    for outcome_id, answers in list(examples.items())[::97]:
        node = next_node(route, answers)
        assert isinstance(node, Outcome) and node.id == outcome_id
        assert len(answers) == 10


def test_many_routes_load(tmp_path: Path) -> None:
    catalogue = generated(tmp_path, "routes", 500)
    assert len(catalogue.routes) == 100
    assert len(catalogue.triage.question.choices) == 101


def test_a_loop_at_the_end_of_a_deep_chain_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "loop"
    write_flows(folder, "chain", 1_501, default_flows_dir())
    route_file = folder / "generated.yaml"
    text = route_file.read_text(encoding="utf-8")
    route_file.write_text(text.replace("next: done", "next: q1400"), encoding="utf-8")
    with pytest.raises(FileError, match=r"loop back on themselves: q1400 -> .* -> q1499 -> q1400"):
        load_catalogue(folder, cache=False)


def test_a_duplicate_id_in_a_large_route_is_reported_once(tmp_path: Path) -> None:
    folder = tmp_path / "dup"
    write_flows(folder, "chain", 3_001, default_flows_dir())
    route_file = folder / "generated.yaml"
    text = route_file.read_text(encoding="utf-8")
    route_file.write_text(text.replace("  - id: q2999\n", "  - id: q7\n"), encoding="utf-8")
    with pytest.raises(FileError, match=re.escape("id 'q7' is used by more than one")):
        load_catalogue(folder, cache=False)
