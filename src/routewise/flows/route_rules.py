"""Checks on one route beyond the loader's: ways out, counting events, stand-ins, warnings.

Each check yields (location, message, severity); locations are the file's own
keys and list positions, turned into id paths and lines by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from routewise.base.suggest import closest
from routewise.flows.node_paths import Loc
from routewise.flows.route_graph import RouteGraph
from routewise.model.catalogue import Catalogue
from routewise.model.route import Route

Severity = Literal["error", "warning"]
_DANGLING = re.compile(r"^unknown question or outcome '[^']*': did you mean '([^']+)'")
_UNREACHABLE = re.compile(r"^(?:question|outcome) '([^']+)' cannot be reached")
Found = tuple[Loc, str, Severity]


def check_route(
    catalogue: Catalogue, route: Route, offered: set[str | None] | None = None
) -> Iterator[Found]:
    """Everything the loader checks, then the rules that need the whole graph.

    Warnings come only when `offered` (the routes the triage offers) is given:
    `flows check` wants them, loading a folder to run a route does not."""
    from routewise.flows.cross_checks import check_route

    graph = RouteGraph(route)  # made once, for every walk below and the loader's
    found = list(check_route(catalogue, route, graph))
    meant = {m.group(1) for _, msg in found if (m := _DANGLING.search(msg))}
    for loc, message in found:
        cut = _UNREACHABLE.search(message)
        if cut is not None and cut.group(1) in meant:
            continue  # only unreachable because of the misspelt `next` already reported
        yield loc, message, "error"
    yield from _no_way_out(route, graph)
    yield from _counted_from_on_every_path(route, graph)
    yield from _stand_ins(catalogue, route)
    if offered is not None:
        yield from _warnings(route, offered)


def _no_way_out(route: Route, graph: RouteGraph) -> Iterator[Found]:
    """A question from which no answer ever reaches an outcome (only loops).

    A question with an unknown target is left out: that target is already reported."""
    finished = graph.can_finish()
    index = graph.index
    for i, question in enumerate(route.questions):
        if not finished[index[question.id]] and i not in graph.dangling:
            yield (
                ("questions", i),
                f"question {question.id!r} has no way out: every answer leads back into a loop; "
                "send at least one answer to an outcome",
                "error",
            )


def _counted_from_on_every_path(route: Route, graph: RouteGraph) -> Iterator[Found]:
    """A period counted from a date question must have that date on every path to it."""
    dates = {q.id for q in route.questions if q.type == "date"}
    start = graph.node(route.start)
    for oi, outcome in enumerate(route.outcomes):
        for si, step in enumerate(outcome.steps):
            deadline = step.deadline
            if deadline is None or deadline.counts_from not in dates or start is None:
                continue
            without = graph.index[deadline.counts_from]
            if graph.reached_from(start, without)[graph.index[outcome.id]]:
                yield (
                    ("outcomes", oi, "steps", si, "deadline", "counts_from"),
                    f"the date question {deadline.counts_from!r} is not asked on every path to "
                    f"outcome {outcome.id!r}, so on some paths the period has no start: ask it "
                    "before every way into this outcome, or count from an event of the route",
                    "error",
                )


def _stand_ins(catalogue: Catalogue, route: Route) -> Iterator[Found]:
    """A rung's stand-in who is conflicted in a case where the role they replace is too."""
    if not any(step.rung for outcome in route.outcomes for step in outcome.steps):
        return  # no rung, no stand-in (most routes: the check is then nearly free)
    from routewise.model.policy import conflict

    cases: list[dict[str, frozenset[str]]] = []
    for party in route.parties:
        post_set = catalogue.post_set_of(party) if party in catalogue.roles else None
        for post in post_set.posts if post_set else []:
            cases.append({party: frozenset([post.id])})
    for oi, outcome in enumerate(route.outcomes):
        for si, step in enumerate(outcome.steps):
            if not step.rung:
                continue
            for role_id in step.actor.role_ids():
                role = catalogue.roles.get(role_id)
                if role is None or role.stand_in is None or role.stand_in not in catalogue.roles:
                    continue
                for case in cases:
                    if conflict(catalogue, route.parties, case, role_id) is None:
                        continue
                    reason = conflict(catalogue, route.parties, case, role.stand_in)
                    if reason is not None:
                        yield (
                            ("outcomes", oi, "steps", si, "actor"),
                            f"the stand-in for {role_id!r}, {role.stand_in!r}, is itself "
                            f"conflicted when {reason}: name a stand-in who cannot be a party, "
                            "or leave the rung to move to the next one",
                            "error",
                        )
                        break


def _warnings(route: Route, offered: set[str | None]) -> Iterator[Found]:
    if route.triage is None and route.id not in offered:
        yield (
            ("id",),
            "this route is not offered in the triage's first question: add a `triage:` block "
            "with a `label` (it still runs with --route)",
            "warning",
        )
    for oi, outcome in enumerate(route.outcomes):
        for si, step in enumerate(outcome.steps):
            deadline = step.deadline
            if deadline is None or deadline.count is None:
                continue
            said = deadline.model_fields_set & {"counts_from", "counts_from_stated"}
            if not said:
                yield (
                    ("outcomes", oi, "steps", si, "deadline"),
                    "this period has no counting event: routewise counts it from the date raised "
                    "and says so in plans; add `counts_from` (an event or date question), or "
                    "`counts_from_stated: true` if the document says it runs from the date raised",
                    "warning",
                )


def count_paths(route: Route) -> int:
    """Distinct answer paths from the start to an outcome (choices counted one by one)."""
    questions = route.question_index
    outcomes = set(route.outcome_index)
    memo: dict[str, int] = {}
    order: list[str] = []
    stack: list[tuple[str, bool]] = [(route.start, False)]
    visiting: set[str] = set()
    while stack:
        node, done = stack.pop()
        if done:
            visiting.discard(node)
            order.append(node)
            continue
        if node in memo or node in visiting or node in order:
            continue
        visiting.add(node)
        stack.append((node, True))
        question = questions.get(node)
        for nxt in question.successors() if question else []:
            if nxt not in visiting:
                stack.append((nxt, False))
    for node in order:  # children before parents
        question = questions.get(node)
        if question is None:
            memo[node] = 1 if node in outcomes else 0
        elif question.choices and question.type != "multi-choice":
            memo[node] = sum(memo.get(c.next or "", 0) for c in question.choices)
        else:
            memo[node] = sum(memo.get(n, 0) for n in question.successors())
    return memo.get(route.start, 0)


def unknown(value: str, valid: list[str], what: str) -> str:
    return f"unknown {what} {value!r}: " + closest(value, valid)
