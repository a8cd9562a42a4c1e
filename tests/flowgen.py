"""Generate large flow folders for the scale benchmark and the no-crash tests.

Four shapes, sized by node count (questions plus outcomes):
- chain: text questions one after another, then one outcome (the deepest path);
- tree: a complete binary tree of yes-no questions, outcomes at the leaves;
- converging: yes-no questions whose answers both lead to the next one
  (2**n paths through n questions: `explain` must not enumerate them);
- routes: many small routes of five nodes each (2,000 routes at 10,000 nodes).

The roles and documents come from the shipped flows, so the generated routes
use the real format; texts are as long as the shipped ones.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

SHAPES = ("chain", "tree", "converging", "routes")
NODES_PER_SMALL_ROUTE = 5

_HEADER = """\
id: {id}
title: Generated route {id}
summary: A generated route of the {shape} shape, used to check that routewise stays fast and stable.
parties: [member]
source: &section
  document: "001"
  section: When a member requires legitimate information which should be provided by the ruling Group or officers
start: {start}
questions:
"""

_QUESTION_TEXT = (
    "Has the person dealing with the matter confirmed point {n} in writing, as the document asks?"
)


def _text_question(qid: str, nxt: str, n: int) -> str:
    return (
        f"  - id: {qid}\n    type: text\n    text: {_QUESTION_TEXT.format(n=n)}\n    next: {nxt}\n"
    )


def _yes_no(qid: str, yes: str, no: str, n: int) -> str:
    return (
        f"  - id: {qid}\n    type: yes-no\n    text: {_QUESTION_TEXT.format(n=n)}\n"
        "    choices:\n"
        f'      - {{id: "yes", label: "Yes: confirmed in writing", next: {yes}}}\n'
        f'      - {{id: "no", label: "No: not yet confirmed", next: {no}}}\n'
    )


def _outcome(oid: str, n: int, deadline: bool) -> str:
    text = (
        f"  - id: {oid}\n    title: Generated outcome {n}\n    steps:\n"
        "      - id: ask\n        actor: member\n        contacts: [information-holder]\n"
        "        action: Ask the person dealing with the matter for the information, "
        "in writing, and keep a copy of the request.\n"
        "        source: {<<: *section, paragraph: 1}\n"
    )
    if deadline:
        text += (
            "      - id: acknowledge\n        actor: information-holder\n"
            "        contacts: [member]\n        action: Acknowledge the request, and either "
            "provide the information then or say when it will be provided.\n"
            "        deadline: {rule: working-days, count: 5, wording: within 5 working days}\n"
            "        source: {<<: *section, paragraph: 2}\n"
        )
    return text


def chain(route_id: str, nodes: int) -> str:
    count = max(nodes - 1, 1)
    ids = [f"q{i}" for i in range(count)] + ["done"]
    body = "".join(_text_question(ids[i], ids[i + 1], i) for i in range(count))
    outcomes = "outcomes:\n" + _outcome("done", 0, deadline=True)
    return _HEADER.format(id=route_id, shape="chain", start="q0") + body + outcomes


def tree(route_id: str, nodes: int) -> str:
    questions = max((nodes - 1) // 2, 1)

    def name(i: int) -> str:
        return f"q{i}" if i < questions else f"o{i}"

    body = "".join(_yes_no(name(i), name(2 * i + 1), name(2 * i + 2), i) for i in range(questions))
    leaves = range(questions, 2 * questions + 1)
    outcomes = "outcomes:\n" + "".join(_outcome(name(i), i, deadline=i % 2 == 0) for i in leaves)
    return _HEADER.format(id=route_id, shape="tree", start="q0") + body + outcomes


def converging(route_id: str, nodes: int) -> str:
    count = max(nodes - 1, 1)
    ids = [f"q{i}" for i in range(count)] + ["done"]
    body = "".join(_yes_no(ids[i], ids[i + 1], ids[i + 1], i) for i in range(count))
    outcomes = "outcomes:\n" + _outcome("done", 0, deadline=True)
    return _HEADER.format(id=route_id, shape="converging", start="q0") + body + outcomes


def _small(route_id: str) -> str:
    body = _yes_no("q0", "q1", "o1", 0) + _yes_no("q1", "o2", "o3", 1)
    outcomes = "outcomes:\n" + "".join(_outcome(f"o{i}", i, i == 2) for i in (1, 2, 3))
    return _HEADER.format(id=route_id, shape="routes", start="q0") + body + outcomes


def _route_files(shape: str, nodes: int) -> Iterator[tuple[str, str]]:
    if shape == "routes":
        for i in range(max(nodes // NODES_PER_SMALL_ROUTE, 1)):
            route_id = f"generated-{i}"
            yield route_id, _small(route_id)
        return
    build: Callable[[str, int], str] = {"chain": chain, "tree": tree, "converging": converging}[
        shape
    ]
    yield "generated", build("generated", nodes)


def _triage(route_ids: list[str]) -> str:
    choices = "".join(
        f"    - id: {r}\n      label: The generated case {r}\n      route: {r}\n" for r in route_ids
    )
    return (
        "documents:\n"
        '  - id: "001"\n    file: 001_f74491a0c5e49ec7.txt\n'
        "    title: Member / Officer - Routes to Resolution\n"
        "question:\n  id: situation\n  text: What is the problem?\n  choices:\n"
        + choices
        + "    - id: none\n      label: None of these\n      advice: true\n"
        "general_advice:\n  actor: you\n  contacts: [monitoring-officer]\n"
        "  action: Ask the Monitoring Officer for advice before acting.\n"
    )


def write_flows(target: Path, shape: str, nodes: int, roles_from: Path) -> int:
    """Write a flows folder of `shape` with about `nodes` nodes; return its size in bytes."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES}")
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(roles_from / "roles.yaml", target / "roles.yaml")
    ids = []
    for route_id, text in _route_files(shape, nodes):
        (target / f"{route_id}.yaml").write_text(text, encoding="utf-8")
        ids.append(route_id)
    (target / "triage.yaml").write_text(_triage(ids), encoding="utf-8")
    return sum(p.stat().st_size for p in target.glob("*.yaml"))
