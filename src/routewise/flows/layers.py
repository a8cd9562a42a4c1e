"""One flow folder as a layer on the built-ins: its files read, and its items merged by id
(a folder's item replaces the built-in with the same id), remembering which ids a broken
file may have touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from routewise.flows.locations import (
    BUILT_IN,
    DOCUMENTS_FILE,
    ROLES_FILE,
    TRIAGE_FILE,
    folder_route_ids,
)
from routewise.flows.problems import ParsedFile, Problem, read_flow_file
from routewise.model.documents import Document, DocumentsFile, FolderNote
from routewise.model.roles import PostSet, Role, RolesFile
from routewise.model.route import Route
from routewise.model.triage import (
    GeneralAdvice,
    TriageChoice,
    TriageFile,
    TriageLayer,
)


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


def _present(path: Path) -> bool:
    """A shared file is there if anything has its name: a broken link named roles.yaml is an
    error (as a broken route file is), never silently the built-in roles and titles."""
    return path.exists() or path.is_symlink()


def read_layer(folder: Path, origin: str, full: bool = False) -> Layer:
    """Read every file of a folder. `full` reads it as a complete set (the built-ins)."""
    layer = Layer(folder, origin)
    if not folder.is_dir():
        layer.problems.append(Problem(folder, None, "", "flows folder not found"))
        return layer
    if _present(folder / ROLES_FILE) or full:
        layer.roles = read_flow_file(folder / ROLES_FILE, RolesFile)
    if _present(folder / TRIAGE_FILE) or full:
        layer.triage = read_flow_file(folder / TRIAGE_FILE, TriageFile if full else TriageLayer)
    if _present(folder / DOCUMENTS_FILE):
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


@dataclass(frozen=True)
class Origin:
    """Where an item came from: the folder's label and the file that defines it."""

    label: str
    path: Path


@dataclass
class Merged:
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


def unique_problems(problems: Iterable[Problem]) -> list[Problem]:
    """One report per line and message: a step shared by a YAML alias is reported once."""
    seen: set[tuple[Path, int | None, str, str]] = set()
    out: list[Problem] = []
    for problem in problems:
        key = (problem.path, problem.line, problem.message, problem.severity)
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return out


def merge_layer(merged: Merged, layer: Layer, problems: list[Problem]) -> None:
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


def _taint_raw(merged: Merged, parsed: ParsedFile[Any]) -> None:
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


def _taint_items(merged: Merged, parsed: ParsedFile[Any]) -> None:
    """Items of a shared file with an error in them (the whole file, if not one item's)."""
    for problem in parsed.errors:
        match = _ITEM.match(problem.where)
        if match is not None:
            merged.tainted.add(match.group(1))
        else:
            _taint_raw(merged, parsed)
