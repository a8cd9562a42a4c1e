"""Flow folders layered on the built-in flows, checked together, every problem collected.

A council adds a folder (`--flows DIR`, `ROUTEWISE_FLOWS`, or `flows = [...]` in
the config). A folder may hold routes, `roles.yaml` (roles and post sets),
`documents.yaml` (documents and notes) and `triage.yaml` (changes to the first
question, and `hide: [...]`). Each item adds to the built-ins or replaces the
one with the same id; later folders win.

A problem never yields a wrong plan: a route whose file, or anything it relies
on, has an error is left out (and `--route` on it fails naming the file), while
every unaffected route still runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from routewise.flows.loader import paused_collector
from routewise.flows.locations import (
    BUILT_IN,
    DOCUMENTS_FILE,
    ROLES_FILE,
    TRIAGE_FILE,
    default_flows_dir,
    folder_route_ids,
)
from routewise.flows.problems import Loc, ParsedFile, Problem, closest, read_flow_file
from routewise.model.catalogue import Catalogue
from routewise.model.documents import Document, DocumentsFile, FolderNote
from routewise.model.roles import PostSet, Role, RolesFile
from routewise.model.route import Route
from routewise.model.triage import (
    GeneralAdvice,
    TriageChoice,
    TriageFile,
    TriageLayer,
    TriageQuestion,
)

# --- one folder ---------------------------------------------------------------


@dataclass
class Layer:
    """One folder as read: its files, each with its own problems."""

    folder: Path
    origin: str
    roles: ParsedFile[RolesFile] | None = None
    triage: ParsedFile[Any] | None = None
    documents: ParsedFile[DocumentsFile] | None = None
    routes: dict[str, ParsedFile[Route]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_layer(folder: Path, origin: str, full: bool = False) -> Layer:
    """Read every file of a folder. `full` reads it as a complete set (the built-ins)."""
    layer = Layer(folder, origin)
    if not folder.is_dir():
        layer.problems.append(Problem(folder, None, "", "flows folder not found"))
        return layer
    if (folder / ROLES_FILE).exists() or full:
        layer.roles = read_flow_file(folder / ROLES_FILE, RolesFile)
    if (folder / TRIAGE_FILE).exists() or full:
        layer.triage = read_flow_file(folder / TRIAGE_FILE, TriageFile if full else TriageLayer)
    if (folder / DOCUMENTS_FILE).exists():
        layer.documents = read_flow_file(folder / DOCUMENTS_FILE, DocumentsFile)
    for route_id in folder_route_ids(folder):
        parsed = read_flow_file(folder / f"{route_id}.yaml", Route)
        route = parsed.model
        if route is not None and route.id != route_id:
            parsed.problems.append(
                parsed.at(
                    ("id",),
                    f"expected {route_id!r}, the file's name without .yaml; found {route.id!r}: "
                    "rename the file or change the id",
                )
            )
        layer.routes[route_id] = parsed
    return layer


# --- everything together --------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where an item came from: the folder's label and the file that defines it."""

    label: str
    path: Path


@dataclass
class Flows:
    """The flows in use: the catalogue of routes that can run, and what is wrong with the rest."""

    catalogue: Catalogue
    problems: list[Problem]
    origins: dict[str, str]
    """Route id -> "built-in" or the folder it came from (hidden routes not included)."""
    broken: dict[str, Problem]
    """Route id -> the first error that keeps it from running."""
    overrides: list[str]
    """What each folder replaced or hid, in words."""
    checked: dict[str, Route] = field(default_factory=dict)
    """Every route that could be read (repaired ones too), for the summary of `flows check`."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class _Merged:
    post_sets: dict[str, tuple[PostSet, Origin]] = field(default_factory=dict)
    roles: dict[str, tuple[Role, Origin]] = field(default_factory=dict)
    documents: dict[str, tuple[Document, Origin]] = field(default_factory=dict)
    question: dict[str, Any] = field(default_factory=dict)
    choices: dict[str, tuple[TriageChoice, Origin]] = field(default_factory=dict)
    advice: GeneralAdvice | None = None
    routes: dict[str, tuple[ParsedFile[Route], Origin]] = field(default_factory=dict)
    notes: list[tuple[FolderNote, Origin]] = field(default_factory=list)
    hidden: dict[str, Origin] = field(default_factory=dict)
    overrides: list[str] = field(default_factory=list)
    tainted: set[str] = field(default_factory=set)
    """Ids (roles, post sets, documents) whose definition has an error."""
    everything_tainted: bool = False


def load_flows(
    folders: Sequence[Path], builtin: Path | None = None, warnings: bool = False
) -> Flows:
    """The built-ins with `folders` layered on them, every error (and warning) collected."""
    builtin = builtin or default_flows_dir()
    with paused_collector():
        layers = [read_layer(builtin, BUILT_IN, full=True)]
        layers += [read_layer(folder, str(folder)) for folder in folders]
        return combine(layers, warnings)


def combine(layers: Sequence[Layer], warnings: bool = False) -> Flows:
    merged = _Merged()
    problems: list[Problem] = []
    for layer in layers:
        problems += layer.problems
        _merge_layer(merged, layer, problems)
    catalogue = _catalogue(merged, {r: p.model for r, (p, _) in merged.routes.items() if p.model})
    for layer in layers:
        problems += _check_shared(layer, merged, catalogue)
    broken: dict[str, Problem] = {}
    usable: dict[str, Route] = {}
    checked: dict[str, Route] = {}
    from routewise.flows.route_rules import check_route

    offered = {c.route for c in catalogue.triage.question.choices} if warnings else None
    for route_id, (parsed, _origin) in merged.routes.items():
        route = parsed.model
        found = list(parsed.problems)
        if route is not None and route_id not in merged.hidden:
            checked[route_id] = route
            found += [
                parsed.at(loc, msg, sev) for loc, msg, sev in check_route(catalogue, route, offered)
            ]
        problems += [p for p in found if p not in parsed.problems] + parsed.problems
        first = next((p for p in found if p.severity == "error"), None)
        if first is None and route is not None:
            first = _tainted_by(route, catalogue, merged)
        if first is not None or route is None or parsed.repaired:
            broken[route_id] = first or Problem(parsed.path, None, "", "cannot be read")
        elif route_id not in merged.hidden:
            usable[route_id] = route
    final = _catalogue(merged, usable, expand=True, broken=set(broken))
    origins = {
        r: o.label
        for r, (_, o) in merged.routes.items()
        if r not in merged.hidden or (r in merged.routes and o.label != BUILT_IN)
    }
    problems = _unique(problems)
    problems.sort(key=lambda p: (str(p.path), p.line or 0))
    return Flows(final, problems, origins, broken, merged.overrides, checked)


def _unique(problems: Iterable[Problem]) -> list[Problem]:
    """One report per line and message: a step shared by a YAML alias is reported once."""
    seen: set[tuple[Path, int | None, str, str]] = set()
    out: list[Problem] = []
    for problem in problems:
        key = (problem.path, problem.line, problem.message, problem.severity)
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return out


def _merge_layer(merged: _Merged, layer: Layer, problems: list[Problem]) -> None:
    origin_label = layer.origin

    def put(table: dict[str, tuple[Any, Origin]], kind: str, item: Any, path: Path) -> None:
        if item.id in table and layer.origin != BUILT_IN:
            before = table[item.id][1].label
            merged.overrides.append(f"{origin_label} replaces {kind} {item.id!r} from {before}")
        table[item.id] = (item, Origin(origin_label, path))

    shared: list[ParsedFile[Any] | None] = [layer.roles, layer.triage, layer.documents]
    for parsed in shared:
        if parsed is None:
            continue
        problems += parsed.problems
        if parsed.model is None:
            _taint_raw(merged, parsed)
        else:
            _taint_items(merged, parsed)
    if layer.roles is not None and layer.roles.model is not None:
        for post_set in layer.roles.model.post_sets:
            put(merged.post_sets, "post set", post_set, layer.roles.path)
        for role in layer.roles.model.roles:
            put(merged.roles, "role", role, layer.roles.path)
    for parsed in (layer.triage, layer.documents):
        if parsed is not None and parsed.model is not None:
            for document in parsed.model.documents:
                put(merged.documents, "document", document, parsed.path)
    if layer.documents is not None and layer.documents.model is not None:
        merged.notes += [
            (n, Origin(origin_label, layer.documents.path)) for n in layer.documents.model.notes
        ]
    triage = layer.triage.model if layer.triage is not None else None
    if triage is not None:
        assert layer.triage is not None
        question = triage.question
        if question is not None:
            for key in ("id", "text", "help"):
                value = getattr(question, key)
                if value is not None:
                    merged.question[key] = value
            for choice in question.choices:
                put(merged.choices, "triage choice", choice, layer.triage.path)
        if triage.general_advice is not None:
            merged.advice = triage.general_advice
        for route_id in getattr(triage, "hide", []):
            merged.hidden[route_id] = Origin(origin_label, layer.triage.path)
            merged.overrides.append(f"{origin_label} hides route {route_id!r}")
    for route_id, parsed in layer.routes.items():
        if route_id in merged.routes:
            before = merged.routes[route_id][1].label
            merged.overrides.append(f"{origin_label} replaces route {route_id!r} from {before}")
        merged.routes[route_id] = (parsed, Origin(origin_label, parsed.path))
        merged.hidden.pop(route_id, None) if layer.origin == BUILT_IN else None


def _taint_raw(merged: _Merged, parsed: ParsedFile[Any]) -> None:
    """A shared file that could not be read: whatever it defines cannot be trusted."""
    data = parsed.data
    if not isinstance(data, dict):
        merged.everything_tainted = True
        return
    for key in ("roles", "post_sets", "documents"):
        for item in data.get(key) or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                merged.tainted.add(item["id"])
            else:
                merged.everything_tainted = True


_ITEM = re.compile(r"^(?:roles|post_sets|documents)\[([^\]]+)\]")


def _taint_items(merged: _Merged, parsed: ParsedFile[Any]) -> None:
    """Items of a shared file with an error in them (the whole file, if not one item's)."""
    for problem in parsed.errors:
        match = _ITEM.match(problem.where)
        if match is not None:
            merged.tainted.add(match.group(1))
        else:
            _taint_raw(merged, parsed)


def _catalogue(
    merged: _Merged,
    routes: Mapping[str, Route],
    expand: bool = False,
    broken: set[str] | None = None,
) -> Catalogue:
    from routewise.flows.loader import expand_post_questions

    broken = broken or set()
    documents = [d for d, _ in merged.documents.values()]
    choices = [
        c
        for c, _ in merged.choices.values()
        if c.advice or (c.route in routes and c.route not in merged.hidden)
    ]
    offered = {c.route for c in choices}
    for route in routes.values():
        if route.triage is not None and route.id not in offered and route.id not in merged.hidden:
            choices.append(
                TriageChoice(
                    id=route.id, label=route.triage.label, help=route.triage.help, route=route.id
                )
            )
    choices.sort(key=lambda c: c.advice)  # "None of these" stays last
    advice = merged.advice or GeneralAdvice(
        actor="you", contacts=["monitoring-officer"], action="Ask the Monitoring Officer."
    )
    question = TriageQuestion.model_construct(
        id=merged.question.get("id", "situation"),
        text=merged.question.get("text", "What is the problem?"),
        help=merged.question.get("help"),
        choices=choices,
    )
    triage = TriageFile.model_construct(
        documents=documents, question=question, general_advice=advice
    )
    base = Catalogue(
        directory=default_flows_dir(),
        post_sets={k: v for k, (v, _) in merged.post_sets.items()},
        roles={k: v for k, (v, _) in merged.roles.items()},
        triage=triage,
        routes=dict(routes),
    )
    if not expand:
        return base
    finished: dict[str, Route] = {}
    for route_id, route in routes.items():
        notes = [
            FolderNote.model_validate(n.model_dump())
            for n, _ in merged.notes
            if not n.routes or route_id in n.routes
        ]
        if notes:
            plain = [n.model_copy() for n in notes]
            route = route.model_copy(
                update={"notes": [*route.notes, *(_as_note(n) for n in plain)]}
            )
        finished[route_id] = expand_post_questions(base, route)
    return Catalogue(
        directory=base.directory,
        post_sets=base.post_sets,
        roles=base.roles,
        triage=triage,
        routes=finished,
    )


def _as_note(note: FolderNote) -> Any:
    from routewise.model.documents import Note

    return Note(kind=note.kind, text=note.text, source=note.source)


def route_references(route: Route, catalogue: Catalogue) -> tuple[set[str], set[str]]:
    """The role and post-set ids, and the document ids, a route relies on."""
    roles = set(route.parties)
    for outcome in route.outcomes:
        for step in outcome.steps:
            roles.update(step.actor.role_ids())
            for group in step.contacts:
                roles.update(group.role_ids())
    for role_id in list(roles):
        role = catalogue.roles.get(role_id)
        if role is not None and role.stand_in:
            roles.add(role.stand_in)
        if role is not None and role.posts:
            roles.add(role.posts)
    documents = {route.source.document}
    for outcome in route.outcomes:
        documents.update(s.source.document for s in outcome.steps)
        documents.update(n.source.document for n in outcome.notes)
    documents.update(n.source.document for n in route.notes)
    return roles, documents


def _tainted_by(route: Route, catalogue: Catalogue, merged: _Merged) -> Problem | None:
    """A problem in a shared file that this route relies on, if any."""
    if not merged.tainted and not merged.everything_tainted:
        return None
    roles, documents = route_references(route, catalogue)
    relied = (roles | documents) & merged.tainted
    if merged.everything_tainted or relied:
        what = ", ".join(sorted(relied)) or "the shared files"
        origin = merged.routes[route.id][1]
        return Problem(
            origin.path,
            None,
            "",
            f"relies on {what}, whose definition has an error (see the other problems)",
        )
    return None


def _check_shared(layer: Layer, merged: _Merged, catalogue: Catalogue) -> list[Problem]:
    """Roles, documents and triage of one folder, checked against everything merged."""
    from routewise.flows.loader import _check_roles

    out: list[Problem] = []
    roles_file = layer.roles.model if layer.roles is not None else None
    if layer.roles is not None and roles_file is not None and not layer.roles.repaired:
        own_sets = {p.id for p in roles_file.post_sets}
        own_roles = {r.id for r in roles_file.roles}
        combined = RolesFile.model_construct(
            post_sets=[
                *roles_file.post_sets,
                *(p for k, (p, _) in merged.post_sets.items() if k not in own_sets),
            ],
            roles=[
                *roles_file.roles,
                *(r for k, (r, _) in merged.roles.items() if k not in own_roles),
            ],
        )
        seen_sets: set[str] = set()
        for i, post_set in enumerate(roles_file.post_sets):
            if post_set.id in seen_sets:
                out.append(
                    layer.roles.at(
                        ("post_sets", i, "id"), f"post set id {post_set.id!r} is defined twice"
                    )
                )
            seen_sets.add(post_set.id)
        for loc, message in _check_roles(combined):
            index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else 0
            limit = len(roles_file.post_sets) if loc[0] == "post_sets" else len(roles_file.roles)
            if index < limit:
                out.append(layer.roles.at(loc, message))
                item = (roles_file.post_sets if loc[0] == "post_sets" else roles_file.roles)[index]
                merged.tainted.add(item.id)
    declared: dict[str, Path] = {}
    for parsed in (layer.triage, layer.documents):
        if parsed is None or parsed.model is None:
            continue
        out += _check_documents(parsed, merged)
        for i, document in enumerate(parsed.model.documents):
            if document.id in declared and declared[document.id] != parsed.path:
                out.append(
                    parsed.at(
                        ("documents", i, "id"),
                        f"document {document.id!r} is also declared in "
                        f"{declared[document.id].name}: keep one",
                    )
                )
            declared[document.id] = parsed.path
    if layer.triage is not None and layer.triage.model is not None:
        out += _check_triage_layer(layer.triage, catalogue, merged)
    if layer.documents is not None and layer.documents.model is not None:
        for i, note in enumerate(layer.documents.model.notes):
            if note.source.document not in merged.documents:
                out.append(
                    layer.documents.at(
                        ("notes", i, "source", "document"),
                        f"unknown document {note.source.document!r}: "
                        + closest(note.source.document, sorted(merged.documents)),
                    )
                )
            for j, route_id in enumerate(note.routes):
                if route_id not in merged.routes:
                    out.append(
                        layer.documents.at(
                            ("notes", i, "routes", j),
                            f"unknown route {route_id!r}: "
                            + closest(route_id, sorted(merged.routes)),
                        )
                    )
    return out


def _check_documents(parsed: ParsedFile[Any], merged: _Merged) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, int] = {}
    model: Any = parsed.model
    for i, document in enumerate(model.documents if model is not None else []):
        if document.id in seen:
            out.append(
                parsed.at(("documents", i, "id"), f"document id {document.id!r} is defined twice")
            )
        seen[document.id] = i
        if document.path is not None:
            target = Path(document.path).expanduser()
            if not target.is_absolute():
                target = parsed.path.parent / target
            if not target.is_file():
                out.append(
                    parsed.at(
                        ("documents", i, "path"),
                        f"no file at {target}: correct the path (it is relative to the folder "
                        f"{parsed.path.parent}), or remove `path:`",
                    )
                )
                merged.tainted.add(document.id)
    return out


def _check_triage_layer(
    parsed: ParsedFile[Any], catalogue: Catalogue, merged: _Merged
) -> list[Problem]:
    out: list[Problem] = []
    model: Any = parsed.model
    if model is None:
        return out
    routes = sorted(merged.routes)
    question = model.question
    for i, choice in enumerate(question.choices if question is not None else []):
        if choice.route is not None and choice.route not in merged.routes:
            out.append(
                parsed.at(
                    ("question", "choices", i, "route"),
                    f"unknown route {choice.route!r}: " + closest(choice.route, routes),
                )
            )
    for i, route_id in enumerate(getattr(model, "hide", [])):
        if route_id not in merged.routes:
            out.append(
                parsed.at(("hide", i), f"unknown route {route_id!r}: " + closest(route_id, routes))
            )
    advice = model.general_advice
    if advice is not None:
        for key, role_ids in (("actor", [advice.actor]), ("contacts", advice.contacts)):
            for role_id in role_ids:
                if role_id not in catalogue.roles:
                    out.append(
                        parsed.at(
                            ("general_advice", key),
                            f"unknown role {role_id!r}: "
                            + closest(role_id, sorted(catalogue.roles)),
                        )
                    )
    return out


def problem_lines(problems: Iterable[Problem]) -> Iterator[str]:
    for problem in problems:
        yield f"{problem.severity}: {problem}"


def locate(loc: Loc) -> str:
    return ".".join(str(i) for i in loc)


def load_complete(directory: Path) -> Catalogue:
    """One complete folder (the built-ins, or a full copy): its catalogue, or every error."""
    from routewise.flows.problems import FlowErrors

    flows = combine([read_layer(directory, BUILT_IN, full=True)])
    if flows.errors:
        raise FlowErrors(flows.errors)
    catalogue = flows.catalogue
    return Catalogue(
        directory=directory,
        post_sets=catalogue.post_sets,
        roles=catalogue.roles,
        triage=catalogue.triage,
        routes=catalogue.routes,
    )
