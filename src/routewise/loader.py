"""Read the flow files and check that they hang together.

A council officer editing a flow file needs to know exactly what is wrong and
where, so every problem is reported with the file, the line, the field and
what was expected, and nothing about a route is accepted on trust.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from routewise import yaml_safe
from routewise.errors import FileError
from routewise.flow_files import ROLES_FILE, TRIAGE_FILE, default_flows_dir, route_ids
from routewise.models import Level, Note, Role, RolesFile, Route, TriageFile
from routewise.safe_text import quoted

__all__ = ["Catalogue", "FileError", "default_flows_dir", "load_catalogue", "route_ids"]

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Catalogue:
    """Every route with the roles and documents they refer to, checked together."""

    directory: Path
    levels: list[Level]
    roles: dict[str, Role]
    triage: TriageFile
    routes: dict[str, Route]

    def level_rank(self, level_id: str) -> int:
        return [lv.id for lv in self.levels].index(level_id)


def load_catalogue(directory: Path) -> Catalogue:
    if not directory.is_dir():
        raise FileError(directory, None, "", "flows folder not found")
    roles_file, roles_nodes = load_yaml(directory / ROLES_FILE, RolesFile)
    triage, triage_nodes = load_yaml(directory / TRIAGE_FILE, TriageFile)
    routes: dict[str, Route] = {}
    route_nodes: dict[str, yaml.Node] = {}
    for route_id in route_ids(directory):
        route, nodes = load_yaml(directory / f"{route_id}.yaml", Route)
        if route.id != route_id:
            raise FileError(
                directory / f"{route_id}.yaml",
                _line(nodes, ("id",)),
                "id",
                f"expected {route_id!r}, the file's name without .yaml; found {route.id!r}",
            )
        routes[route.id] = route
        route_nodes[route.id] = nodes

    catalogue = Catalogue(
        directory=directory,
        levels=list(roles_file.levels),
        roles={r.id: r for r in roles_file.roles},
        triage=triage,
        routes=routes,
    )
    _raise_first(directory / ROLES_FILE, roles_nodes, _check_roles(roles_file))
    _raise_first(directory / TRIAGE_FILE, triage_nodes, _check_triage(catalogue))
    for route in routes.values():
        problems = _check_route(catalogue, route)
        _raise_first(directory / f"{route.id}.yaml", route_nodes[route.id], problems)
    return catalogue


# --- reading one file -------------------------------------------------------


def load_yaml(path: Path, model: type[M]) -> tuple[M, yaml.Node]:
    """Read one YAML file into `model`; any problem is a FileError with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileError(path, None, "", "file not found") from None
    except IsADirectoryError:
        raise FileError(path, None, "", "is a folder, not a YAML file") from None
    except UnicodeDecodeError as exc:
        line = exc.object.count(b"\n", 0, exc.start) + 1
        raise FileError(path, line, "", "not UTF-8 text; save the file as UTF-8") from None
    except OSError as exc:
        raise FileError(path, None, "", f"cannot read the file ({exc.strerror})") from None
    try:
        data, node = yaml_safe.parse(text)
    except yaml_safe.YamlProblem as exc:
        raise FileError(path, exc.line, "", exc.problem) from None
    if node is None or not isinstance(data, dict):
        raise FileError(path, 1, "", "expected a mapping of fields (key: value)")
    duplicate = _first_duplicate_key(node)
    if duplicate is not None:
        key, line = duplicate
        raise FileError(path, line, key, "this key appears twice in the same block")
    try:
        return model.model_validate(data), node
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
            if close:
                problem += f"; did you mean {quoted(close[0])}?"
        raise FileError(path, _line(node, loc), _field(data, loc), problem) from None


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
    node = root
    for item in loc:
        child = _child(node, item)
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


def _child(node: yaml.Node, item: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(item, int):
        return node.value[item] if item < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        merged: list[yaml.Node] = []
        for key, value in node.value:
            if key.value == item:
                return value  # type: ignore[no-any-return]
            if key.value == "<<":
                merged.append(value)
        for value in merged:
            found = _child(value, item)
            if found is not None:
                return found
    return None


def _first_duplicate_key(node: yaml.Node) -> tuple[str, int] | None:
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    if key.value in keys:
                        return str(key.value), int(key.start_mark.line) + 1
                    keys.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def _raise_first(path: Path, nodes: yaml.Node, problems: Iterator[tuple[Loc, str]]) -> None:
    for loc, problem in problems:
        raise FileError(path, _line(nodes, loc), _dotted(loc), problem)


def _dotted(loc: Loc) -> str:
    out = ""
    for item in loc:
        out += f"[{item}]" if isinstance(item, int) else (f".{item}" if out else item)
    return out


# --- checks across files ------------------------------------------------------


def _check_roles(roles_file: RolesFile) -> Iterator[tuple[Loc, str]]:
    level_ids = [lv.id for lv in roles_file.levels]
    seen: set[str] = set()
    parties = {r.id for r in roles_file.roles if r.party}
    for i, role in enumerate(roles_file.roles):
        if role.id in seen:
            yield ("roles", i, "id"), f"role id {role.id!r} is defined twice"
        seen.add(role.id)
        if role.level is not None and role.level not in level_ids:
            yield ("roles", i, "level"), f"expected one of the levels {level_ids}"
        if role.relative_to is not None and role.relative_to not in parties:
            yield ("roles", i, "relative_to"), f"expected a party role, one of {sorted(parties)}"
        if role.relative_to is not None and role.level is None:
            yield ("roles", i, "level"), "a role relative to a party needs a level"


def _check_triage(catalogue: Catalogue) -> Iterator[tuple[Loc, str]]:
    triage = catalogue.triage
    for i, choice in enumerate(triage.question.choices):
        if choice.route is not None and choice.route not in catalogue.routes:
            yield (
                ("question", "choices", i, "route"),
                f"expected a route id, one of {sorted(catalogue.routes)}",
            )
    listed = {c.route for c in triage.question.choices}
    for route_id in sorted(catalogue.routes):
        if route_id not in listed:
            yield ("question", "choices"), f"route {route_id!r} is not offered by any choice"
    advice = triage.general_advice
    for field, role_ids in (("actor", [advice.actor]), ("contacts", advice.contacts)):
        for role_id in role_ids:
            if role_id not in catalogue.roles:
                yield ("general_advice", field), f"unknown role {role_id!r}"


def _check_route(catalogue: Catalogue, route: Route) -> Iterator[tuple[Loc, str]]:
    roles = catalogue.roles
    documents = {d.id for d in catalogue.triage.documents}
    level_ids = [lv.id for lv in catalogue.levels]
    questions = {q.id: q for q in route.questions}
    outcomes = {o.id for o in route.outcomes}
    nodes = [q.id for q in route.questions] + [o.id for o in route.outcomes]
    date_questions = {q.id for q in route.questions if q.type == "date"}

    def doc(loc: Loc, document: str) -> Iterator[tuple[Loc, str]]:
        if document not in documents:
            yield (*loc, "document"), f"expected a document id, one of {sorted(documents)}"

    def role(loc: Loc, role_id: str) -> Iterator[tuple[Loc, str]]:
        if role_id not in roles:
            yield loc, f"unknown role {role_id!r}: add it to {ROLES_FILE} or use a defined role"

    yield from doc(("source",), route.source.document)
    for i, party in enumerate(route.parties):
        if party not in roles or not roles[party].party:
            yield ("parties", i), f"{party!r} is not a party role in {ROLES_FILE}"
    for node_id in set(nodes):
        if nodes.count(node_id) > 1:
            yield ("questions",), f"id {node_id!r} is used by more than one question or outcome"
    if route.start not in questions and route.start not in outcomes:
        yield ("start",), f"expected a question or outcome id, one of {nodes}"

    for qi, q in enumerate(route.questions):
        if q.next is not None and q.next not in questions and q.next not in outcomes:
            yield ("questions", qi, "next"), f"expected a question or outcome id, one of {nodes}"
        if q.party is not None and q.party not in route.parties:
            yield ("questions", qi, "party"), f"expected one of the route's parties {route.parties}"
        for ci, choice in enumerate(q.choices):
            loc: Loc = ("questions", qi, "choices", ci)
            if choice.next not in questions and choice.next not in outcomes:
                yield (*loc, "next"), f"expected a question or outcome id, one of {nodes}"
            if choice.level is not None and choice.level not in level_ids:
                yield (*loc, "level"), f"expected one of the levels {level_ids}"
            if choice.level is not None and q.party is None:
                yield (*loc, "level"), "only a question with `party` sets a level"

    notes: list[tuple[Loc, Note]] = [(("notes", i), n) for i, n in enumerate(route.notes)]
    for oi, outcome in enumerate(route.outcomes):
        notes += [(("outcomes", oi, "notes", i), n) for i, n in enumerate(outcome.notes)]
        step_ids = [s.id for s in outcome.steps]
        for si, step in enumerate(outcome.steps):
            loc = ("outcomes", oi, "steps", si)
            if step_ids.count(step.id) > 1:
                yield (*loc, "id"), f"step id {step.id!r} is used twice in this outcome"
            yield from doc((*loc, "source"), step.source.document)
            for i, role_id in enumerate(step.actor):
                yield from role((*loc, "actor", i), role_id)
            for i, role_id in enumerate(step.contacts):
                yield from role((*loc, "contacts", i), role_id)
            if step.if_unresolved is not None and step.if_unresolved not in step_ids[si + 1 :]:
                yield (*loc, "if_unresolved"), "expected the id of a later step in this outcome"
            for key, values in step.when.items():
                asked = questions.get(key)
                if asked is None or not asked.choices:
                    yield (*loc, "when", key), "expected the id of a choice or yes-no question"
                    continue
                valid = [c.id for c in asked.choices]
                for value in values:
                    if value not in valid:
                        yield (*loc, "when", key), f"expected choice ids from {valid}"
            if step.deadline is not None:
                start = step.deadline.counts_from
                if start != "raised" and start not in date_questions:
                    yield (
                        (*loc, "deadline", "counts_from"),
                        "expected 'raised' or the id of a date question in this route",
                    )
    for loc, note in notes:
        yield from doc((*loc, "source"), note.source.document)

    yield from _check_graph(route)


def _check_graph(route: Route) -> Iterator[tuple[Loc, str]]:
    """Every question reachable, and every path from the start ends in an outcome."""
    questions = {q.id: q for q in route.questions}
    outcomes = {o.id for o in route.outcomes}

    def successors(node_id: str) -> list[str]:
        q = questions.get(node_id)
        if q is None:
            return []
        return [c.next for c in q.choices if c.next] if q.choices else [q.next] if q.next else []

    reached: set[str] = set()
    on_path: list[str] = []

    def visit(node_id: str) -> Iterator[tuple[Loc, str]]:
        if node_id in on_path:
            cycle = " -> ".join([*on_path[on_path.index(node_id) :], node_id])
            yield ("questions",), f"questions loop back on themselves: {cycle}"
            return
        if node_id in reached:
            return
        reached.add(node_id)
        on_path.append(node_id)
        for nxt in successors(node_id):
            yield from visit(nxt)
        on_path.pop()

    if route.start in questions or route.start in outcomes:
        yield from visit(route.start)
    for i, q in enumerate(route.questions):
        if q.id not in reached:
            yield ("questions", i), f"question {q.id!r} cannot be reached from `start`"
    for i, o in enumerate(route.outcomes):
        if o.id not in reached:
            yield ("outcomes", i), f"outcome {o.id!r} cannot be reached from `start`"
