"""Read the flow files and check that they hang together.

A council officer editing a flow file needs to know exactly what is wrong and
where, so every problem is reported with the file, the line, the field and
what was expected, and nothing about a route is accepted on trust.
"""

from __future__ import annotations

import difflib
import gc
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from routewise.errors import FileError
from routewise.flow_files import ROLES_FILE, default_flows_dir, route_ids
from routewise.models import (
    Catalogue,
    Choice,
    Note,
    PostSet,
    Question,
    Role,
    RoleGroup,
    RolesFile,
    Route,
)
from routewise.safe_text import quoted

if TYPE_CHECKING:  # PyYAML is imported only when a file is parsed: not on a flow cache hit
    import yaml

    from routewise.route_graph import RouteGraph

__all__ = ["Catalogue", "FileError", "default_flows_dir", "load_catalogue", "route_ids"]

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


def load_catalogue(directory: Path, *, cache: bool = True) -> Catalogue:
    """Every flow file in `directory`, validated and checked; from the flow cache if unchanged."""
    if not directory.is_dir():
        raise FileError(directory, None, "", "flows folder not found")
    with paused_collector():
        if not cache:
            return _load_checked(directory)
        from routewise.flow_cache import load_cached

        return load_cached(directory, Catalogue, lambda: _load_checked(directory))


@contextmanager
def paused_collector() -> Iterator[None]:
    """Loading makes many objects and no garbage cycles: the cyclic collector only slows it.

    The objects that stay (the catalogue) are frozen out of the collector's view, or
    its next young-generation pass would walk every one of them (0.1-0.2 s at 10,000 nodes).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        fast_yaml = sys.modules.get("routewise.fast_yaml")
        if fast_yaml is not None:
            fast_yaml.forget()  # its memo serves one set of files, so each load pays its way
        gc.freeze()
        if enabled:
            gc.enable()


def _load_checked(directory: Path) -> Catalogue:
    """A complete flows folder, every file read and checked; all its errors raised together."""
    from routewise.flow_folders import load_complete

    return load_complete(directory)


def expand_post_questions(catalogue: Catalogue, route: Route) -> Route:
    """Fill in each `post:` question from the party's shared post set in roles.yaml.

    After this the engine sees ordinary choice (or multi-choice) questions that
    still carry `post`, so it knows whose post each answer gives.
    """
    if not any(q.post for q in route.questions):
        return route
    questions = [
        _expand(q, catalogue.roles[q.post], catalogue.post_set_of(q.post)) if q.post else q
        for q in route.questions
    ]
    return route.model_copy(update={"questions": questions})


def _expand(question: Question, party: Role, post_set: PostSet | None) -> Question:
    assert post_set is not None, "checked: a post question's party has a post set"
    posts = [p for p in post_set.posts if not question.only or p.id in question.only]
    multiple = post_set.multiple
    choices = [
        Choice(
            id=p.id,
            label=p.label,
            help=p.help,
            next=None if multiple else question.next_for(p.id),
        )
        for p in posts
    ]
    return question.model_copy(
        update={
            "type": "multi-choice" if multiple else "choice",
            "text": question.text or post_set.question.format(party=party.title),
            "help": question.help or post_set.help,
            "choices": choices,
            "next": question.next if multiple else None,
        }
    )


# --- reading one file -------------------------------------------------------


def read_model(path: Path, model: type[M], fast: bool = True) -> M:
    """One YAML file into `model`, with no parse tree kept: lines are found by parsing again.

    Plain flow files are read by fast_yaml, which builds what PyYAML would; anything
    it does not handle, errors included, goes through PyYAML as before. A small file
    (an answers file) skips it with `fast=False`: importing it costs more (7-11 ms of
    regular expressions) than it would save.
    """
    from routewise.files import read_text

    text = read_text(path, "YAML file")
    data = None
    if fast:
        from routewise import fast_yaml

        data = fast_yaml.load(text)
    if data is None:
        node, data = _parse(path, text)
        del node
    return _validate(path, model, data, lambda: _parse(path, text)[0])


def _parse(path: Path, text: str) -> tuple[yaml.Node, Any]:
    """Parse the text once, within limits (yaml_safe), and refuse duplicate keys."""
    from routewise import yaml_safe  # PyYAML only when a file is parsed, not on a cache hit

    try:
        data, node = yaml_safe.parse(text)
    except yaml_safe.YamlProblem as exc:
        raise FileError(path, exc.line, "", exc.problem) from None
    if node is not None:
        from routewise.flow_problems import duplicate_keys

        duplicates = duplicate_keys(node)
        if duplicates:
            key, key_line = duplicates[0]
            raise FileError(path, key_line, key, "this key appears twice in the same block")
    if node is None or not isinstance(data, dict):
        raise FileError(path, 1, "", "expected a mapping of fields (key: value)")
    return node, data


def _validate(path: Path, model: type[M], data: Any, nodes: Callable[[], yaml.Node]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # A misspelt key shows up as "unknown" plus "missing": report the typo, with the fix.
        err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc: Loc = tuple(err["loc"])
        problem = _expected(err)
        if err["type"] == "extra_forbidden":
            missing = [
                str(e["loc"][-1])
                for e in errors
                if e["type"] == "missing" and tuple(e["loc"][:-1]) == loc[:-1]
            ]
            close = difflib.get_close_matches(str(loc[-1]), missing, n=1)
            close = close or difflib.get_close_matches(str(loc[-1]), field_names(model), n=1)
            if close:
                problem += f"; did you mean {quoted(close[0])}?"
        raise FileError(path, _line(nodes(), loc), _field(data, loc), problem) from None


def field_names(model: type[BaseModel]) -> list[str]:
    """Every field name of a model and the models inside it: the words a typo is checked against."""
    import typing

    names: list[str] = []
    seen: set[type] = set()
    todo: list[Any] = [model]
    while todo:
        kind = todo.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            if kind in seen:
                continue
            seen.add(kind)
            for name, info in kind.model_fields.items():
                names.append(name)
                todo.append(info.annotation)
        else:
            todo.extend(typing.get_args(kind))
    return sorted(set(names))


def _expected(err: Any) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against the flow format in README.md)"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_pattern_mismatch":
        found = quoted(err["input"])
        return f"expected a short kebab-case id such as 'head-of-service'; found {found}"
    if kind == "literal_error":
        return f"{msg}; found {quoted(err['input'])}"
    return str(msg).removeprefix("Value error, ")


def _field(data: Any, loc: Loc) -> str:
    """A dotted path that names list items by their id where they have one."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            label = str(item)
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label = node["id"]
            parts[-1:] = [f"{parts[-1] if parts else ''}[{label}]"]
        else:
            parts.append(str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return ".".join(parts)


def _line(root: yaml.Node, loc: Loc) -> int:
    """The line of the deepest YAML node on the path, following merge keys."""
    from routewise.flow_problems import node_at

    return int(node_at(root, loc).start_mark.line) + 1


# --- checks across files ------------------------------------------------------


def _closest(value: str, valid: list[str]) -> str:
    """ "did you mean 'x'?" and the valid ids, for an unknown id."""
    close = difflib.get_close_matches(value, valid, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}? " if close else ""
    shown = ", ".join(valid[:20]) + (", ..." if len(valid) > 20 else "")
    return f"{hint}valid ids: {shown}"


def _check_roles(roles_file: RolesFile) -> Iterator[tuple[Loc, str]]:
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
                f"unknown post set {role.posts!r}: " + _closest(role.posts, sorted(sets)),
            )
        if not role.party and role.posts is not None:
            yield ("roles", i, "posts"), "only a party (`party: true`) has a post set"
        if role.post is not None and role.post not in all_posts:
            yield (
                ("roles", i, "post"),
                f"unknown post {role.post!r}: " + _closest(role.post, all_posts),
            )
        if role.of is not None and role.of not in parties:
            yield ("roles", i, "of"), "expected a party role: " + _closest(role.of, parties)
        if role.of is not None and role.post is None:
            yield ("roles", i, "of"), "`of` names whose post this is: it needs `post` too"
        for party, posts in role.conflicted_when.items():
            if party not in parties:
                yield (
                    ("roles", i, "conflicted_when", party),
                    "expected a party role: " + _closest(party, parties),
                )
            for post in posts:
                if post not in all_posts:
                    yield (
                        ("roles", i, "conflicted_when", party),
                        f"unknown post {post!r}: " + (_closest(post, all_posts)),
                    )
        if role.stand_in is not None:
            if role.stand_in not in role_ids:
                yield (
                    ("roles", i, "stand_in"),
                    f"unknown role {role.stand_in!r}: " + _closest(role.stand_in, role_ids),
                )
            elif role.stand_in == role.id:
                yield ("roles", i, "stand_in"), "a role cannot stand in for itself"


def _check_route(
    catalogue: Catalogue, route: Route, graph: RouteGraph
) -> Iterator[tuple[Loc, str]]:
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
                f"unknown document {document!r}: " + _closest(document, sorted(documents)),
            )

    def role(loc: Loc, role_id: str) -> Iterator[tuple[Loc, str]]:
        if role_id not in roles:
            yield (
                loc,
                f"unknown role {role_id!r} (define it in {ROLES_FILE}): "
                + _closest(role_id, sorted(roles)),
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
            yield loc, f"unknown question or outcome {node_id!r}: " + _closest(str(node_id), nodes)

    yield from doc(("source",), route.source.document)
    for i, party in enumerate(route.parties):
        if party not in roles or not roles[party].party:
            parties = sorted(r for r in roles if roles[r].party)
            yield (
                ("parties", i),
                f"{party!r} is not a party role in {ROLES_FILE}: " + _closest(party, parties),
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
                "is the date of; " + _closest(route.raised_step, step_ids),
            )
    if route.start not in questions and route.start not in outcomes:
        yield (
            ("start",),
            f"unknown question or outcome {route.start!r}: " + _closest(route.start, nodes),
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
                    + _closest(outcome.advice_before, step_ids)
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
                        f"{step.if_unresolved!r}: " + _closest(step.if_unresolved, later)
                    ),
                )
            for key, values in step.when.items():
                asked = questions.get(key)
                if asked is None or not (asked.choices or asked.post):
                    yield (
                        (*loc, "when", key),
                        "expected the id of a choice or yes-no question: "
                        + (
                            _closest(
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
                            f"unknown choice {value!r}: " + _closest(value, valid),
                        )
            if step.deadline is not None:
                start = step.deadline.counts_from
                valid_starts = ["raised", *events, *date_questions]
                if start not in valid_starts:
                    yield (
                        (*loc, "deadline", "counts_from"),
                        (
                            f"expected 'raised', an event of this route or a date question; found "
                            f"{start!r}: " + _closest(start, valid_starts)
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
            yield (*loc, "only"), f"unknown post {value!r}: " + _closest(value, ids)
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
            yield (*loc, "next", value), f"unknown post {value!r}: " + _closest(value, asked)
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
