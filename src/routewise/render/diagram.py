"""A route as a flowchart: Mermaid (GitHub, most wikis) and Graphviz DOT.

Questions are diamonds, answers are labelled edges, outcomes are boxes followed
by their steps in order, and a step's `if_unresolved` is a dashed escalation
link. Node ids are generated (Q1, R1, S1_2), never taken from the flow, and
every label is quoted and escaped: Mermaid breaks on a bare `end`, on a node
starting with `o` or `x` right after a link, and on unescaped quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from routewise.base.safe_text import one_line, visible
from routewise.model.catalogue import Catalogue
from routewise.model.plan import Plan
from routewise.model.route import Route
from routewise.model.titles import role_title

LABEL_LIMIT = 90
"""Longer step wording is cut with an ellipsis: the chart is a map, the plan has the words."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Chart:
    """The route as nodes and edges, independent of the output syntax."""

    nodes: list[tuple[str, str, str]] = field(default_factory=list)
    """(id, kind, label); kind is question, outcome or step."""
    edges: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(from, to, label, style); style is answer, next or escalate."""


def build_chart(catalogue: Catalogue, route: Route) -> tuple[Chart, dict[str, str]]:
    """The chart, and the generated node id of each question, outcome and `outcome/step`."""
    chart = Chart()
    ids: dict[str, str] = {}
    for n, question in enumerate(route.questions, 1):
        ids[question.id] = f"Q{n}"
        chart.nodes.append((f"Q{n}", "question", question.text or question.id))
    for n, outcome in enumerate(route.outcomes, 1):
        ids[outcome.id] = f"R{n}"
        chart.nodes.append((f"R{n}", "outcome", outcome.title))
        for m, step in enumerate(outcome.steps, 1):
            ids[f"{outcome.id}/{step.id}"] = f"S{n}_{m}"
            joiner = {"all": " and ", "one-of": " or ", "and-or": " and/or "}[step.actor.mode]
            actor = joiner.join(role_title(catalogue, route, r, {}) for r in step.actor.role_ids())
            chart.nodes.append((f"S{n}_{m}", "step", f"{m}. {actor}: {step.action}"))
    for question in route.questions:
        if question.choices and question.type != "multi-choice":
            for choice in question.choices:
                target = choice.next if choice.next is not None else question.next
                if isinstance(target, str) and target in ids:
                    chart.edges.append((ids[question.id], ids[target], choice.label, "answer"))
        else:
            # A tick list ticks any of its choices, or none: one way on, whatever is ticked.
            for target in question.successors():
                if target in ids:
                    label = "any answer" if question.type != "date" else "a date"
                    chart.edges.append((ids[question.id], ids[target], label, "answer"))
    for outcome in route.outcomes:
        previous = ids[outcome.id]
        for step in outcome.steps:
            node = ids[f"{outcome.id}/{step.id}"]
            chart.edges.append((previous, node, "", "next"))
            previous = node
        for step in outcome.steps:
            if step.if_unresolved is not None:
                target = ids.get(f"{outcome.id}/{step.if_unresolved}")
                if target is not None:
                    node = ids[f"{outcome.id}/{step.id}"]
                    chart.edges.append((node, target, "if not resolved", "escalate"))
    return chart, ids


def _short(text: str) -> str:
    text = one_line(text)
    if len(text) <= LABEL_LIMIT:
        return text
    cut = text[: LABEL_LIMIT - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "\u2026"


# --- Mermaid ------------------------------------------------------------------------

_MERMAID_ESCAPES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",  # a label in backticks ("`**md**`") is a Mermaid markdown string
}


def mermaid_label(text: str) -> str:
    """A quoted Mermaid label: entity codes for the characters Mermaid or HTML would read."""
    return '"' + "".join(_MERMAID_ESCAPES.get(ch, ch) for ch in _short(text)) + '"'


def mermaid(
    catalogue: Catalogue,
    route: Route,
    taken: Sequence[str] = (),
    taken_edges: Iterable[tuple[str, str, str | None]] = (),
) -> str:
    """The flowchart; `taken` node ids and `taken_edges` (from, to, label) are highlighted.

    An edge's label tells apart the answers that lead to the same place (every officer's
    post leads on to the member's post): only the answer given is highlighted.
    """
    chart, ids = build_chart(catalogue, route)
    shapes = {"question": ("{", "}"), "outcome": ("[[", "]]"), "step": ("[", "]")}
    lines = ["flowchart TD"]
    for node, kind, label in chart.nodes:
        left, right = shapes[kind]
        lines.append(f"    {node}{left}{mermaid_label(label)}{right}")
    arrows = {"answer": "-->", "next": "-->", "escalate": "-.->"}
    lit = {(ids[a], ids[b], label or "") for a, b, label in taken_edges if a in ids and b in ids}
    highlighted: list[int] = []
    for index, (source, target, label, style) in enumerate(chart.edges):
        arrow = arrows[style]
        text = f"|{mermaid_label(label)}|" if label else ""
        lines.append(f"    {source} {arrow}{text} {target}")
        if (source, target, label) in lit:
            highlighted.append(index)
    nodes = [ids[n] for n in taken if n in ids]
    if nodes:
        lines.append("    classDef taken fill:#fff3bf,stroke:#e8590c,stroke-width:3px")
        lines.append(f"    class {','.join(nodes)} taken")
    if highlighted:
        numbers = ",".join(str(i) for i in highlighted)
        lines.append(f"    linkStyle {numbers} stroke:#e8590c,stroke-width:3px")
    return "\n".join(lines) + "\n"


# --- DOT ------------------------------------------------------------------------------


def dot_label(text: str) -> str:
    """A double-quoted DOT string: backslashes and quotes escaped, one line."""
    return '"' + _short(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot(catalogue: Catalogue, route: Route) -> str:
    chart, _ = build_chart(catalogue, route)
    shapes = {"question": "diamond", "outcome": "box, style=bold", "step": "box, style=rounded"}
    lines = [f"digraph {dot_label(route.id)} {{", "    rankdir=TB;", "    node [fontsize=10];"]
    for node, kind, label in chart.nodes:
        lines.append(f"    {node} [shape={shapes[kind]}, label={dot_label(label)}];")
    for source, target, label, style in chart.edges:
        attrs = [f"label={dot_label(label)}"] if label else []
        if style == "escalate":
            attrs.append("style=dashed")
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"    {source} -> {target}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- the path a plan took ----------------------------------------------------------------


def path_taken(
    route: Route, answers: Mapping[str, object], in_plan: Iterable[str] | None = None
) -> tuple[list[str], list[tuple[str, str, str | None]]]:
    """The questions and outcome a set of answers passes through, the answer edges taken,
    and the outcome's steps that are in the plan (`in_plan`: step ids; all when None)."""
    from routewise.engine.paths import path_questions

    nodes: list[str] = []
    edges: list[tuple[str, str, str | None]] = []
    node_id = route.start
    for question in path_questions(route, answers):  # type: ignore[arg-type]
        nodes.append(question.id)
        answer = answers[question.id]
        target = question.next_for(answer if not isinstance(answer, tuple) else "")
        labels = {c.id: c.label for c in question.choices}
        chosen = list(answer) if isinstance(answer, tuple) else [answer]
        if question.choices and question.type != "multi-choice":
            edges += [(question.id, target, _short(labels[c])) for c in chosen if c in labels]
        else:
            edges.append(
                (question.id, target, "any answer" if question.type != "date" else "a date")
            )
        node_id = target
    outcome = route.outcome(node_id)
    if outcome is not None:
        kept = set(in_plan) if in_plan is not None else {s.id for s in outcome.steps}
        nodes.append(outcome.id)
        previous: str | None = outcome.id
        for step in outcome.steps:
            node = f"{outcome.id}/{step.id}"
            if step.id in kept:
                nodes.append(node)
                if previous is not None:
                    edges.append((previous, node, None))
                previous = node
            else:
                previous = None  # the chain through a step left out is not the path taken
    return nodes, edges


def plan_chart_markdown(diagram: str | None) -> str:
    """The chart block a markdown plan ends with, or nothing for a plan without one."""
    if not diagram:
        return ""
    # A plan read back by `export` may have been edited by hand: its chart is data, so no
    # escape code is passed on and no line of it can close the fence (a fence is closed
    # only by a run of backticks at least as long as the one that opened it).
    shown = visible(diagram)
    longest = max((len(run) for run in re.findall("`+", shown)), default=0)
    fence = "`" * max(3, longest + 1)
    return (
        f"\n## The route as a chart\n\nThe path this plan took is highlighted.\n\n{fence}mermaid\n"
        + shown
        + ("" if shown.endswith("\n") else "\n")
        + f"{fence}\n"
    )


def with_diagram(
    catalogue: Catalogue, route: Route, answers: Mapping[str, object], plan: Plan
) -> Plan:
    """The plan with its route's chart, the path its answers took highlighted."""
    nodes, edges = path_taken(route, answers, [s.id for s in plan.steps])
    return replace(plan, diagram=mermaid(catalogue, route, nodes, edges))
