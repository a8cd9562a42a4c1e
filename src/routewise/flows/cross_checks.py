"""Checks across the flow files: every id a route or role names exists, every question and
outcome is reached, no path loops, and post questions fit their post sets.

Each check yields (location, message); the caller turns locations into ids and lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from routewise.base.suggest import closest
from routewise.flows.locations import ROLES_FILE
from routewise.flows.node_paths import Loc
from routewise.model.catalogue import Catalogue
from routewise.model.documents import Note
from routewise.model.roles import RolesFile
from routewise.model.route import Question, RoleGroup, Route

if TYPE_CHECKING:
    from routewise.flows.route_graph import RouteGraph


def check_roles(roles_file: RolesFile) -> Iterator[tuple[Loc, str]]:
    sets = {p.id: p for p in roles_file.post_sets}
    all_posts = sorted({post.id for p in roles_file.post_sets for post in p.posts})
    parties = sorted(r.id for r in roles_file.roles if r.party)
    role_ids = [r.id for r in roles_file.roles]
    seen: set[str] = set()
    for i, post_set in enumerate(roles_file.post_sets):
        ids = [p.id for p in post_set.posts]
        if len(set(ids)) != len(ids):
            yield ("post_sets", i, "posts"), "post ids must be unique within a post set"
    for i, role in enumerate(roles_file.roles):
        if role.id in seen:
            yield ("roles", i, "id"), f"role id {role.id!r} is defined twice"
        seen.add(role.id)
        if role.party and role.posts is not None and role.posts not in sets:
            yield (
                ("roles", i, "posts"),
                f"unknown post set {role.posts!r}: " + closest(role.posts, sorted(sets)),
            )
        if not role.party and role.posts is not None:
            yield ("roles", i, "posts"), "only a party (`party: true`) has a post set"
        if role.post is not None and role.post not in all_posts:
            yield (
                ("roles", i, "post"),
                f"unknown post {role.post!r}: " + closest(role.post, all_posts),
            )
        if role.of is not None and role.of not in parties:
            yield ("roles", i, "of"), "expected a party role: " + closest(role.of, parties)
        if role.of is not None and role.post is None:
            yield ("roles", i, "of"), "`of` names whose post this is: it needs `post` too"
        for party, posts in role.conflicted_when.items():
            if party not in parties:
                yield (
                    ("roles", i, "conflicted_when", party),
                    "expected a party role: " + closest(party, parties),
                )
            for post in posts:
                if post not in all_posts:
                    yield (
                        ("roles", i, "conflicted_when", party),
                        f"unknown post {post!r}: " + (closest(post, all_posts)),
                    )
        if role.stand_in is not None:
            if role.stand_in not in role_ids:
                yield (
                    ("roles", i, "stand_in"),
                    f"unknown role {role.stand_in!r}: " + closest(role.stand_in, role_ids),
                )
            elif role.stand_in == role.id:
                yield ("roles", i, "stand_in"), "a role cannot stand in for itself"


def check_route(catalogue: Catalogue, route: Route, graph: RouteGraph) -> Iterator[tuple[Loc, str]]:
    """Ids, roles, documents and the graph (made once by the caller for every walk)."""
    roles = catalogue.roles
    documents = {d.id for d in catalogue.triage.documents}
    questions = {q.id: q for q in route.questions}
    outcomes = {o.id for o in route.outcomes}
    nodes = [q.id for q in route.questions] + [o.id for o in route.outcomes]
    events = [e.id for e in route.events]
    date_questions = [q.id for q in route.questions if q.type == "date"]

    def doc(loc: Loc, document: str) -> Iterator[tuple[Loc, str]]:
        if document not in documents:
            yield (
                (*loc, "document"),
                f"unknown document {document!r}: " + closest(document, sorted(documents)),
            )

    def role(loc: Loc, role_id: str) -> Iterator[tuple[Loc, str]]:
        if role_id not in roles:
            yield (
                loc,
                f"unknown role {role_id!r} (define it in {ROLES_FILE}): "
                + closest(role_id, sorted(roles)),
            )

    def group(loc: Loc, value: RoleGroup) -> Iterator[tuple[Loc, str]]:
        for i, item in enumerate(value.roles):
            for role_id in item if isinstance(item, list) else [item]:
                yield from role((*loc, "roles", i) if len(value.roles) > 1 else loc, role_id)
            if isinstance(item, list) and value.mode == "one-of":
                yield (*loc, "roles", i), "a one-of group lists role ids, not inner lists"

    def group_known(value: RoleGroup) -> bool:
        """Every role known, and no inner list in a one-of group: nothing to report."""
        for item in value.roles:
            if isinstance(item, list):
                if value.mode == "one-of" or not all(r in roles for r in item):
                    return False
            elif item not in roles:
                return False
        return True

    def target(loc: Loc, node_id: str | None) -> Iterator[tuple[Loc, str]]:
        if node_id is None or (node_id not in questions and node_id not in outcomes):
            yield loc, f"unknown question or outcome {node_id!r}: " + closest(str(node_id), nodes)

    yield from doc(("source",), route.source.document)
    for i, party in enumerate(route.parties):
        if party not in roles or not roles[party].party:
            parties = sorted(r for r in roles if roles[r].party)
            yield (
                ("parties", i),
                f"{party!r} is not a party role in {ROLES_FILE}: " + closest(party, parties),
            )
    for role_id in route.titles:
        yield from role(("titles", role_id), role_id)
    if len(set(nodes)) != len(nodes):
        for node_id, uses in Counter(nodes).items():
            if uses > 1:
                yield ("questions",), f"id {node_id!r} is used by more than one question or outcome"
    if len(set(events)) != len(events):
        yield ("events",), "event ids must be unique"
    for i, event_id in enumerate(events):
        if event_id == "raised" or event_id in questions:
            yield ("events", i, "id"), f"{event_id!r} is already a question or the date raised"
    if route.raised_step is not None:
        step_ids = list(dict.fromkeys(s.id for o in route.outcomes for s in o.steps))
        if route.raised_step not in step_ids:
            yield (
                ("raised_step",),
                f"unknown step {route.raised_step!r}: expected the id of a step the date raised "
                "is the date of; " + closest(route.raised_step, step_ids),
            )
    if route.start not in questions and route.start not in outcomes:
        yield (
            ("start",),
            f"unknown question or outcome {route.start!r}: " + closest(route.start, nodes),
        )

    for qi, q in enumerate(route.questions):
        qloc: Loc = ("questions", qi)
        if q.post is not None:
            yield from _check_post_question(catalogue, route, q, qloc)
            if isinstance(q.next, str):
                yield from target((*qloc, "next"), q.next)
            elif isinstance(q.next, dict):
                for key, value in q.next.items():
                    yield from target((*qloc, "next", key), value)
            continue
        # The common case is tested inline: a generator per check cost more than the check.
        if isinstance(q.next, str) and q.next not in questions and q.next not in outcomes:
            yield from target((*qloc, "next"), q.next)
        for ci, choice in enumerate(q.choices):
            following = choice.next
            if following is not None and following not in questions and following not in outcomes:
                yield from target((*qloc, "choices", ci, "next"), choice.next)

    notes: list[tuple[Loc, Note]] = [(("notes", i), n) for i, n in enumerate(route.notes)]
    for oi, outcome in enumerate(route.outcomes):
        if outcome.notes:
            notes += [(("outcomes", oi, "notes", i), n) for i, n in enumerate(outcome.notes)]
        step_ids = [s.id for s in outcome.steps]
        if outcome.advice_before is not None and outcome.advice_before not in step_ids:
            yield (
                ("outcomes", oi, "advice_before"),
                (
                    f"unknown step {outcome.advice_before!r}: "
                    + closest(outcome.advice_before, step_ids)
                ),
            )
        step_uses = Counter(step_ids) if len(set(step_ids)) != len(step_ids) else None
        last_at = (
            {step_id: si for si, step_id in enumerate(step_ids)}
            if any(s.if_unresolved for s in outcome.steps)
            else {}
        )
        for si, step in enumerate(outcome.steps):
            loc: Loc = ("outcomes", oi, "steps", si)
            if step_uses is not None and step_uses[step.id] > 1:
                yield (*loc, "id"), f"step id {step.id!r} is used twice in this outcome"
            if step.source.document not in documents:
                yield from doc((*loc, "source"), step.source.document)
            if not group_known(step.actor):
                yield from group((*loc, "actor"), step.actor)
            for gi, contact in enumerate(step.contacts):
                if not group_known(contact):
                    yield from group((*loc, "contacts", gi), contact)
            if step.if_unresolved is not None and last_at.get(step.if_unresolved, -1) <= si:
                later = step_ids[si + 1 :]
                yield (
                    (*loc, "if_unresolved"),
                    (
                        "expected the id of a later step in this outcome; found "
                        f"{step.if_unresolved!r}: " + closest(step.if_unresolved, later)
                    ),
                )
            for key, values in step.when.items():
                asked = questions.get(key)
                if asked is None or not (asked.choices or asked.post):
                    yield (
                        (*loc, "when", key),
                        "expected the id of a choice or yes-no question: "
                        + (
                            closest(
                                key, sorted(k for k, v in questions.items() if v.choices or v.post)
                            )
                        ),
                    )
                    continue
                valid = _choice_ids(catalogue, asked)
                for value in values:
                    if value not in valid:
                        yield (
                            (*loc, "when", key),
                            f"unknown choice {value!r}: " + closest(value, valid),
                        )
            if step.deadline is not None:
                start = step.deadline.counts_from
                valid_starts = ["raised", *events, *date_questions]
                if start not in valid_starts:
                    yield (
                        (*loc, "deadline", "counts_from"),
                        (
                            f"expected 'raised', an event of this route or a date question; found "
                            f"{start!r}: " + closest(start, valid_starts)
                        ),
                    )
    for loc, note in notes:
        yield from doc((*loc, "source"), note.source.document)
    for i, see in enumerate(route.see_also):
        if see.route == route.id:
            yield ("see_also", i, "route"), "a route cannot point to itself"

    yield from _check_graph(route, graph)


def _choice_ids(catalogue: Catalogue, question: Question) -> list[str]:
    if question.post is not None and not question.choices:
        post_set = catalogue.post_set_of(question.post)
        ids = [p.id for p in post_set.posts] if post_set else []
        return [p for p in ids if not question.only or p in question.only]
    return [c.id for c in question.choices]


def _check_post_question(
    catalogue: Catalogue, route: Route, question: Question, loc: Loc
) -> Iterator[tuple[Loc, str]]:
    party = question.post
    assert party is not None
    if party not in route.parties:
        yield (*loc, "post"), f"expected one of the route's parties: {', '.join(route.parties)}"
        return
    post_set = catalogue.post_set_of(party) if party in catalogue.roles else None
    if post_set is None:
        yield (*loc, "post"), f"{party!r} has no post set in {ROLES_FILE} (add `posts:` to it)"
        return
    ids = [p.id for p in post_set.posts]
    for value in question.only:
        if value not in ids:
            yield (*loc, "only"), f"unknown post {value!r}: " + closest(value, ids)
    asked = [p for p in ids if not question.only or p in question.only]
    if isinstance(question.next, dict):
        if post_set.multiple:
            yield (
                (*loc, "next"),
                "a question about posts a party may hold several of has one `next`",
            )
        missing = [p for p in asked if p not in question.next]
        extra = [p for p in question.next if p not in asked]
        if missing:
            yield (
                (*loc, "next"),
                f"`next` needs an entry for each post: missing {', '.join(missing)}",
            )
        for value in extra:
            yield (*loc, "next", value), f"unknown post {value!r}: " + closest(value, asked)
    elif question.next is None:
        yield (*loc, "next"), "a post question needs `next`"


def _check_graph(route: Route, graph: RouteGraph) -> Iterator[tuple[Loc, str]]:
    """Every question reachable, and every path from the start ends in an outcome."""
    start = graph.node(route.start)
    reached = bytearray(len(graph.ids)) if start is None else graph.reached_from(start)
    if start is not None and graph.has_loop(reached):
        ids = graph.ids

        def successors(node_id: str) -> list[str]:
            node = graph.node(node_id)
            return [] if node is None else [ids[t] for t in graph.successors(node)]

        yield from _loops(route.start, successors)
    index = graph.index
    for i, q in enumerate(route.questions):
        if not reached[index[q.id]]:
            yield ("questions", i), f"question {q.id!r} cannot be reached from `start`"
    for i, o in enumerate(route.outcomes):
        if not reached[index[o.id]]:
            yield ("outcomes", i), f"outcome {o.id!r} cannot be reached from `start`"


def _loops(start: str, successors: Callable[[str], list[str]]) -> Iterator[tuple[Loc, str]]:
    """Each loop met walking from `start`, as the path that closes it."""
    reached: set[str] = set()
    on_path: list[str] = []  # the current path, walked with an explicit stack (no recursion)
    on_path_set: set[str] = set()
    pending: list[Iterator[str]] = []

    def enter(node_id: str) -> str | None:
        """Step onto `node_id`; the loop it closes, if it is already on the path."""
        if node_id in on_path_set:
            return " -> ".join([*on_path[on_path.index(node_id) :], node_id])
        if node_id not in reached:
            reached.add(node_id)
            on_path.append(node_id)
            on_path_set.add(node_id)
            pending.append(iter(successors(node_id)))
        return None

    enter(start)
    while pending:
        nxt = next(pending[-1], None)
        if nxt is None:
            pending.pop()
            on_path_set.discard(on_path.pop())
            continue
        loop = enter(nxt)
        if loop is not None:
            yield ("questions",), f"questions loop back on themselves: {loop}"
