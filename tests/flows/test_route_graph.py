"""The numbered graph the route checks walk, on small routes written here."""

from __future__ import annotations

import pytest

from routewise.flows.route_graph import RouteGraph
from routewise.model.route import Route

SOURCE = {"document": "doc", "section": "Test"}


def graph_route(edges: dict[str, list[str]], start: str = "a") -> Route:
    """Each node with successors becomes a choice question (one choice a successor);
    each node without, an outcome."""
    questions = [
        {
            "id": node,
            "text": f"{node}?",
            "choices": [{"id": f"c{i}", "label": f"{i}", "next": t} for i, t in enumerate(targets)],
        }
        for node, targets in edges.items()
        if targets
    ]
    outcomes = [
        {
            "id": node,
            "title": node,
            "steps": [{"id": "s", "actor": "you", "action": "Do.", "source": SOURCE}],
        }
        for node, targets in edges.items()
        if not targets
    ]
    return Route.model_validate(
        {
            "id": "r",
            "title": "R",
            "summary": "R.",
            "parties": ["officer"],
            "source": SOURCE,
            "start": start,
            "questions": questions,
            "outcomes": outcomes,
        }
    )


def named(graph: RouteGraph, flags: bytearray) -> set[str]:
    return {graph.ids[i] for i, flag in enumerate(flags) if flag}


@pytest.mark.parametrize(
    ("edges", "loop"),
    [
        ({"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []}, False),  # answers converge
        ({"a": ["b"], "b": ["c"], "c": ["a", "end"], "end": []}, True),
        ({"a": ["b"], "b": ["b", "end"], "end": []}, True),  # a question back to itself
        ({"a": ["end", "end"], "end": []}, False),  # two answers to the same place
    ],
)
def test_a_loop_is_found_without_walking_paths(edges: dict[str, list[str]], loop: bool) -> None:
    graph = RouteGraph(graph_route(edges))
    assert graph.has_loop(graph.reached_from(0)) is loop


def test_only_what_the_start_reaches_counts_for_a_loop() -> None:
    edges = {"a": ["end"], "x": ["y"], "y": ["x"], "end": []}
    graph = RouteGraph(graph_route(edges))
    reached = graph.reached_from(0)
    assert named(graph, reached) == {"a", "end"}
    assert not graph.has_loop(reached)


def test_reached_without_a_node_is_what_a_path_avoiding_it_reaches() -> None:
    edges = {"a": ["date", "skip"], "date": ["end"], "skip": ["end"], "end": []}
    graph = RouteGraph(graph_route(edges))
    avoiding = graph.reached_from(0, without=graph.index["date"])
    assert named(graph, avoiding) == {"a", "skip", "end"}
    only_way = RouteGraph(graph_route({"a": ["date"], "date": ["end"], "end": []}))
    assert not only_way.reached_from(0, without=only_way.index["date"])[only_way.index["end"]]
    assert not any(only_way.reached_from(0, without=0))  # the start itself left out


def test_can_finish_is_false_only_inside_a_closed_loop() -> None:
    edges = {"a": ["b", "end"], "b": ["c"], "c": ["b"], "end": []}
    graph = RouteGraph(graph_route(edges))
    assert named(graph, graph.can_finish()) == {"a", "end"}


def test_an_unknown_target_is_dangling_not_an_edge() -> None:
    graph = RouteGraph(graph_route({"a": ["nowhere", "end"], "end": []}))
    assert graph.dangling == {0}
    assert [graph.ids[t] for t in graph.successors(0)] == ["end"]
    assert graph.successors(graph.index["end"]) == []


def test_an_id_written_twice_is_its_last_question_and_a_question_before_an_outcome() -> None:
    route = graph_route({"a": ["b"], "b": ["end"], "end": []})
    twice = route.model_copy(
        update={"questions": [*route.questions, route.questions[1].model_copy()]}
    )
    graph = RouteGraph(twice)
    assert graph.index["b"] == 2
    both = route.model_copy(
        update={"outcomes": [*route.outcomes, route.outcomes[0].model_copy(update={"id": "b"})]}
    )
    assert RouteGraph(both).index["b"] == 1
