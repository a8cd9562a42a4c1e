"""Checks on one route beyond the loader's: ways out, counting events, stand-ins, warnings.

Each check yields (location, message, severity); locations are the file's own
keys and list positions, turned into id paths and lines by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from routewise.base.suggest import closest
from routewise.flows.locations import ROLES_FILE
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
    from routewise.flows.protocol_checks import check_protocol, shadowed_stand_ins

    yield from check_protocol(catalogue, route, graph)
    yield from _no_way_out(route, graph)
    yield from _counted_from_on_every_path(route, graph)
    yield from _stand_ins(catalogue, route)
    if offered is not None:
        yield from _warnings(route, offered)
        yield from shadowed_stand_ins(route)


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
    """A stand-in who is conflicted in a case where the role they replace is too, at a step
    that runs in that case: a rung's role's own stand-in (roles.yaml), or a route's stand-in
    brought in by the conflict (`stand_ins` with no `when`)."""
    by_conflict = [e for e in route.stand_ins if not e.when]
    if not by_conflict and not any(s.rung for o in route.outcomes for s in o.steps):
        return  # no rung, no stand-in (most routes: the check is then nearly free)
    from routewise.model.policy import conflict, stand_in_for

    cases: list[tuple[str, str]] = []
    for party in route.parties:
        post_set = catalogue.post_set_of(party) if party in catalogue.roles else None
        cases += [(party, post.id) for post in (post_set.posts if post_set else [])]
    reaches: dict[tuple[str, str, str], bool] = {}
    for oi, outcome in enumerate(route.outcomes):
        for si, step in enumerate(outcome.steps):
            for role_id in step.actor.role_ids():
                role = catalogue.roles.get(role_id)
                if role is None:
                    continue
                for party, post in cases:
                    held = {party: frozenset([post])}
                    if conflict(catalogue, route.parties, held, role_id) is None:
                        continue
                    scoped = stand_in_for(by_conflict, step.id, role_id, True, {})
                    stand_in = scoped.stand_in if scoped else role.stand_in if step.rung else None
                    if stand_in is None or stand_in not in catalogue.roles:
                        continue
                    reason = conflict(catalogue, route.parties, held, stand_in)
                    if reason is None or not _runs_in(route, step.when, party, post):
                        continue
                    key = (outcome.id, party, post)
                    if key not in reaches:
                        reaches[key] = _reached_with(route, party, post, outcome.id)
                    if not reaches[key]:
                        continue
                    where = "the route's `stand_ins`" if scoped else f"`stand_in` in {ROLES_FILE}"
                    yield (
                        ("outcomes", oi, "steps", si, "actor"),
                        f"the stand-in for {role_id!r} here, {stand_in!r}, cannot act either "
                        f"when {reason}: name a stand-in who cannot be a party to the matter "
                        f"({where}), or remove the stand-in, and the plan then says the "
                        "document does not say who takes their place",
                        "error",
                    )
                    break


def _runs_in(route: Route, when: dict[str, list[str]], party: str, post: str) -> bool:
    """Whether a step's `when` lets it run when `party` holds `post` (other answers free)."""
    for question_id, ids in when.items():
        question = route.question(question_id)
        if question is not None and question.post == party and post not in ids:
            return False
    return True


def _reached_with(route: Route, party: str, post: str, outcome_id: str) -> bool:
    """Whether an outcome is reached on a path where `party` was asked their post and
    answered `post` (a post not asked about cannot conflict anyone)."""
    seen: set[tuple[str, bool]] = set()
    stack: list[tuple[str, bool]] = [(route.start, False)]
    while stack:
        node_id, asked = stack.pop()
        if (node_id, asked) in seen:
            continue
        seen.add((node_id, asked))
        if node_id == outcome_id and asked:
            return True
        question = route.question(node_id)
        if question is None:
            continue
        holds = question.post == party and (not question.only or post in question.only)
        if holds and isinstance(question.next, dict):
            following = [question.next[post]] if post in question.next else []
        else:
            following = question.successors()
        stack += [(n, asked or holds) for n in following]
    return False


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
