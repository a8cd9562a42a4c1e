"""Checks on what a route says of its own people and its starting point: its stand-ins
(`stand_ins`, and an entry that an earlier one always takes the place of), the steps an answer
or an event's date marks done (`done_steps`), and its own adviser for cases the document does
not cover (`general_advice`).

Each check yields (location, message, severity), as `route_rules` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from routewise.base.suggest import closest
from routewise.flows.cross_checks import check_when
from routewise.flows.locations import ROLES_FILE
from routewise.flows.node_paths import Loc
from routewise.flows.route_graph import RouteGraph
from routewise.model.catalogue import Catalogue
from routewise.model.route import Route, StandIn

Severity = Literal["error", "warning"]
Found = tuple[Loc, str, Severity]


def check_protocol(catalogue: Catalogue, route: Route, graph: RouteGraph) -> Iterator[Found]:
    yield from _stand_ins(catalogue, route)
    yield from _done_steps(route, graph)
    yield from _event_done_steps(route)
    yield from _adviser(catalogue, route)


def _role(catalogue: Catalogue, loc: Loc, role_id: str) -> Iterator[Found]:
    if role_id not in catalogue.roles:
        valid = sorted(catalogue.roles)
        message = f"unknown role {role_id!r} (define it in {ROLES_FILE}): "
        yield loc, message + closest(role_id, valid), "error"


def _stand_ins(catalogue: Catalogue, route: Route) -> Iterator[Found]:
    if not route.stand_ins:
        return
    questions = {q.id: q for q in route.questions}
    documents = sorted(d.id for d in catalogue.triage.documents)
    naming: dict[str, set[str]] = {}  # step id -> the roles it names
    for outcome in route.outcomes:
        for step in outcome.steps:
            named = naming.setdefault(step.id, set())
            for group in (step.actor, *step.contacts):
                named.update(group.role_ids())
    for i, entry in enumerate(route.stand_ins):
        loc: Loc = ("stand_ins", i)
        yield from _role(catalogue, (*loc, "role"), entry.role)
        yield from _role(catalogue, (*loc, "stand_in"), entry.stand_in)
        if entry.stand_in == entry.role:
            yield (*loc, "stand_in"), "a role cannot stand in for itself", "error"
        if entry.when:
            for where, message in check_when(catalogue, questions, (*loc, "when"), entry.when):
                yield where, message, "error"
        for j, step_id in enumerate(entry.steps):
            if step_id not in naming:
                yield (
                    (*loc, "steps", j),
                    f"unknown step {step_id!r}: " + closest(step_id, list(naming)),
                    "error",
                )
            elif entry.role not in naming[step_id]:
                yield (
                    (*loc, "steps", j),
                    f"step {step_id!r} does not name {entry.role!r}, so no one stands in for "
                    f"them there: name a step where {entry.role!r} acts or is contacted",
                    "error",
                )
        if not entry.steps and not any(entry.role in named for named in naming.values()):
            yield (
                (*loc, "role"),
                f"no step of this route names {entry.role!r}: name the role a step's actor or "
                "contacts name",
                "error",
            )
        if entry.source is not None and entry.source.document not in documents:
            yield (
                (*loc, "source", "document"),
                f"unknown document {entry.source.document!r}: "
                + closest(entry.source.document, documents),
                "error",
            )


def shadowed_stand_ins(route: Route) -> Iterator[Found]:
    """Warnings for a stand-in entry that can never apply: the first entry that fits a step
    is used, so an entry is never reached when an earlier one for the same role covers its
    steps (or more) and is brought in whenever it is: every answer its `when` needs, the
    earlier `when` takes too (or neither has a `when`, and both follow the rule)."""
    naming: dict[str, set[str]] = {}  # role id -> the steps naming it
    for outcome in route.outcomes:
        for step in outcome.steps:
            for group in (step.actor, *step.contacts):
                for role_id in group.role_ids():
                    naming.setdefault(role_id, set()).add(step.id)
    for i, later in enumerate(route.stand_ins):
        for j, earlier in enumerate(route.stand_ins[:i]):
            if earlier.role != later.role or not _covers(earlier, later, naming):
                continue
            if not _always_with(earlier.when, later.when):
                continue
            yield (
                ("stand_ins", i),
                f"this entry never applies: entry {j + 1} of `stand_ins` "
                f"(stand_in: {earlier.stand_in}{_when_words(earlier.when)}) comes before it, "
                "covers every step it covers and "
                + (
                    "is brought in by every answer that brings it in"
                    if later.when
                    else "is brought in as it is (when the role cannot act)"
                )
                + ", and the first entry that fits a step is used: put the narrower entry first",
                "warning",
            )
            break


def _covers(earlier: StandIn, later: StandIn, naming: dict[str, set[str]]) -> bool:
    """Whether `earlier` covers every step `later` covers (no `steps`: every step naming
    the role)."""
    every = naming.get(later.role, set())
    return set(later.steps or every) <= set(earlier.steps or every)


def _always_with(earlier: dict[str, list[str]], later: dict[str, list[str]]) -> bool:
    """Whether every set of answers that meets `later` meets `earlier` too. Without `when`,
    an entry follows the rule instead (the role cannot act): only another without one is
    brought in whenever it is."""
    if not earlier or not later:
        return not earlier and not later
    return all(
        question_id in later and set(later[question_id]) <= set(choices)
        for question_id, choices in earlier.items()
    )


def _when_words(when: dict[str, list[str]]) -> str:
    """ ", when councillor-is-chair is yes and has-vice-chair is no": as the file says it."""
    if not when:
        return ""
    said = [f"{q} is {' or '.join(ids)}" for q, ids in when.items()]
    return ", when " + " and ".join(said)


def _done_steps(route: Route, graph: RouteGraph) -> Iterator[Found]:
    """A step an answer marks done must be a step of an outcome that answer leads to."""
    for qi, question in enumerate(route.questions):
        for ci, choice in enumerate(question.choices):
            if not choice.done_steps:
                continue
            target = graph.node(choice.next or "") if choice.next else None
            if target is None and isinstance(question.next, str):
                target = graph.node(question.next)  # a tick list: one `next` for all
            reached = graph.reached_from(target) if target is not None else None
            ahead = [
                s.id
                for o in route.outcomes
                if reached is not None and (n := graph.node(o.id)) is not None and reached[n]
                for s in o.steps
            ]
            for step_id in choice.done_steps:
                if step_id not in ahead:
                    yield (
                        ("questions", qi, "choices", ci, "done_steps"),
                        f"expected a step of an outcome this answer leads to; found {step_id!r}: "
                        + closest(step_id, list(dict.fromkeys(ahead))),
                        "error",
                    )


def _event_done_steps(route: Route) -> Iterator[Found]:
    """A step an event's date shows done must be a step of the route, and not one whose own
    period counts from that event (it cannot be done by the day its period starts)."""
    steps = {s.id: s for o in route.outcomes for s in o.steps}
    for ei, event in enumerate(route.events):
        for si, step_id in enumerate(event.done_steps):
            loc: Loc = ("events", ei, "done_steps", si)
            step = steps.get(step_id)
            if step is None:
                yield loc, f"unknown step {step_id!r}: " + closest(step_id, list(steps)), "error"
            elif step.deadline is not None and step.deadline.counts_from == event.id:
                yield (
                    loc,
                    f"step {step_id!r} counts its period from {event.id!r}, so that date cannot "
                    "show it done",
                    "error",
                )


def _adviser(catalogue: Catalogue, route: Route) -> Iterator[Found]:
    advice = route.general_advice
    if advice is None:
        return
    yield from _role(catalogue, ("general_advice", "actor"), advice.actor)
    for i, role_id in enumerate(advice.contacts):
        yield from _role(catalogue, ("general_advice", "contacts", i), role_id)
