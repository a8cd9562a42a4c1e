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
from routewise.model.plan import Plan, PlanStep
from routewise.model.route import Route, Step

LABEL_LIMIT = 90
"""Longer step wording is cut with an ellipsis: the chart is a map, the plan has the words."""
WHO_LIMIT = 160
"""Who acts and whom they contact are cut only when very long: that is where charts and plans
must agree, and an "either …, or …" cut before its "or" would say something else."""

Lines = tuple[str, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Chart:
    """The route as nodes and edges, independent of the output syntax."""

    nodes: list[tuple[str, str, Lines]] = field(default_factory=list)
    """(id, kind, label lines); kind is question, outcome or step."""
    edges: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(from, to, label, style); style is answer, next or escalate."""


def step_lines(step: PlanStep, route_lines: Sequence[str] = ()) -> Lines:
    """A step in a chart's box, in the plan's own wording: who (with every stand-in and every
    role left out, as the plan has them), what, and whom they contact; then `route_lines`,
    what the route says of the step (the answers it needs, who may stand in)."""
    lines = [_short(f"{step.number}. {step.actor.text(together=True, details=False)}:", WHO_LIMIT)]
    lines.append(_short(step.action))
    for n, group in enumerate(step.contacts):  # one group a line, as the plan lists them
        said = group.text(details=False)
        lines.append(_short(f"Contact: {said}" if n == 0 else said, WHO_LIMIT))
    if step.general_advice:
        lines.append("(general advice from routewise, not from the documents)")
    if step.may_follow:
        lines.append("(may follow)")
    lines += [one_line(line) for line in route_lines]  # never cut: see `chart_notes`
    return tuple(lines)


def chart_notes(
    catalogue: Catalogue,
    route: Route,
    step: Step,
    titles: Mapping[str, str] | None,
    as_written: bool,
) -> list[str]:
    """What a chart's box adds from the route: the answers a step needs (`when`) and, for a
    step as written (not a plan's), the route's stand-ins there. Each is worded whole, as
    `explain` words it, and never cut: where a line would be long, its questions' text is
    shortened to fit (`when_text`), so no condition is lost and every bracket is closed."""
    from routewise.model.titles import role_title
    from routewise.render.plan_view import when_text

    def title(role_id: str) -> str:
        return role_title(catalogue, route, role_id, titles or {})

    def bracketed(before: str, when: Mapping[str, list[str]]) -> str:
        return f"({before}{when_text(route, when, WHO_LIMIT - len(before) - 2)})"

    notes = [bracketed("only when ", step.when)] if step.when else []
    if not as_written:
        return notes
    named = {r for group in (step.actor, *step.contacts) for r in group.role_ids()}
    for entry in route.stand_ins:
        if entry.role in named and (not entry.steps or step.id in entry.steps):
            who = f"{title(entry.stand_in)} stands in"
            if entry.when:
                notes.append(bracketed(f"{who} when ", entry.when))
            else:
                notes.append(f"({who} if {title(entry.role)} cannot act)")
    return notes


def build_chart(
    catalogue: Catalogue,
    route: Route,
    plan: Plan | None = None,
    titles: Mapping[str, str] | None = None,
) -> tuple[Chart, dict[str, str]]:
    """The chart, and the generated node id of each question, outcome and `outcome/step`.

    Every step is worded as plans word it (`steps_as_written`); the outcome a `plan` reached
    is drawn from that plan's own steps, so the chart shows what the plan says."""
    from routewise.engine.assemble import steps_as_written

    chart = Chart()
    ids: dict[str, str] = {}
    for n, question in enumerate(route.questions, 1):
        ids[question.id] = f"Q{n}"
        chart.nodes.append((f"Q{n}", "question", (_short(question.text or question.id),)))
    steps_of: dict[str, list[PlanStep]] = {}
    for n, outcome in enumerate(route.outcomes, 1):
        ids[outcome.id] = f"R{n}"
        chart.nodes.append((f"R{n}", "outcome", (_short(outcome.title),)))
        as_written = plan is None or plan.outcome != outcome.id
        if not as_written:
            assert plan is not None
            steps = plan.steps
        else:
            steps = steps_as_written(catalogue, route, outcome, titles)
        steps_of[outcome.id] = steps
        written = {s.id: s for s in outcome.steps}
        for m, step in enumerate(steps, 1):
            ids[f"{outcome.id}/{step.id}"] = f"S{n}_{m}"
            source = written.get(step.id)
            notes = chart_notes(catalogue, route, source, titles, as_written) if source else []
            chart.nodes.append((f"S{n}_{m}", "step", step_lines(step, notes)))
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
        steps = steps_of[outcome.id]
        previous = ids[outcome.id]
        for step in steps:
            node = ids[f"{outcome.id}/{step.id}"]
            chart.edges.append((previous, node, "", "next"))
            previous = node
        by_number = {step.number: step for step in steps}
        for step in steps:
            target_step = by_number.get(step.if_unresolved or 0)
            if target_step is not None:
                node = ids[f"{outcome.id}/{step.id}"]
                target = ids[f"{outcome.id}/{target_step.id}"]
                chart.edges.append((node, target, "if not resolved", "escalate"))
    return chart, ids


def _short(text: str, limit: int = LABEL_LIMIT) -> str:
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "\u2026"


def _lines(text: str | Lines) -> Lines:
    """A label's lines, each on one line: one text (an answer, a question), cut short; or a
    node's lines, already cut to length where they can be (`step_lines`)."""
    if isinstance(text, str):
        return (_short(text),)
    return tuple(one_line(line) for line in text)


# --- Mermaid ------------------------------------------------------------------------

_MERMAID_ESCAPES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",  # a label in backticks ("`**md**`") is a Mermaid markdown string
}


def mermaid_label(text: str | Lines) -> str:
    """A quoted Mermaid label: entity codes for the characters Mermaid or HTML would read;
    several lines are joined with line breaks (never taken from the text itself)."""
    escaped = ["".join(_MERMAID_ESCAPES.get(ch, ch) for ch in line) for line in _lines(text)]
    return '"' + "<br/>".join(escaped) + '"'


def mermaid(
    catalogue: Catalogue,
    route: Route,
    taken: Sequence[str] = (),
    taken_edges: Iterable[tuple[str, str, str | None]] = (),
    plan: Plan | None = None,
    titles: Mapping[str, str] | None = None,
) -> str:
    """The flowchart; `taken` node ids and `taken_edges` (from, to, label) are highlighted.

    An edge's label tells apart the answers that lead to the same place (every officer's
    post leads on to the member's post): only the answer given is highlighted. With a
    `plan`, its outcome's steps are the plan's own (see `build_chart`).
    """
    chart, ids = build_chart(catalogue, route, plan, titles)
    shapes = {"question": ("{", "}"), "outcome": ("[[", "]]"), "step": ("[", "]")}
    lines = ["flowchart TD"]
    for node, kind, words in chart.nodes:
        left, right = shapes[kind]
        lines.append(f"    {node}{left}{mermaid_label(words)}{right}")
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


def dot_label(text: str | Lines) -> str:
    """A double-quoted DOT string: backslashes and quotes escaped, lines joined by DOT's \\n."""
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in _lines(text)]
    return '"' + "\\n".join(escaped) + '"'


def dot(catalogue: Catalogue, route: Route, titles: Mapping[str, str] | None = None) -> str:
    chart, _ = build_chart(catalogue, route, titles=titles)
    shapes = {"question": "diamond", "outcome": "box, style=bold", "step": "box, style=rounded"}
    lines = [f"digraph {dot_label(route.id)} {{", "    rankdir=TB;", "    node [fontsize=10];"]
    for node, kind, words in chart.nodes:
        lines.append(f"    {node} [shape={shapes[kind]}, label={dot_label(words)}];")
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
    and the outcome's steps: a plan's steps (`in_plan`: its step ids, in order), or the
    route's as written when None."""
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
            edges += [(question.id, target, labels[c]) for c in chosen if c in labels]
        else:
            edges.append(
                (question.id, target, "any answer" if question.type != "date" else "a date")
            )
        node_id = target
    outcome = route.outcome(node_id)
    if outcome is not None:
        nodes.append(outcome.id)
        previous = outcome.id
        # A plan's outcome is drawn from the plan's own steps, every one of them in order.
        for step_id in in_plan if in_plan is not None else [s.id for s in outcome.steps]:
            node = f"{outcome.id}/{step_id}"
            nodes.append(node)
            edges.append((previous, node, None))
            previous = node
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
    catalogue: Catalogue,
    route: Route,
    answers: Mapping[str, object],
    plan: Plan,
    titles: Mapping[str, str] | None = None,
) -> Plan:
    """The plan with its route's chart, the path its answers took highlighted; the plan's
    outcome shows the plan's own steps, worded as the plan words them."""
    from routewise.engine.paths import complete_answers

    # an optional question left blank is passed, as the plan passes it (or nothing is lit)
    filled = complete_answers(route, answers)  # type: ignore[arg-type]
    nodes, edges = path_taken(route, filled, [s.id for s in plan.steps])
    return replace(plan, diagram=mermaid(catalogue, route, nodes, edges, plan, titles))
