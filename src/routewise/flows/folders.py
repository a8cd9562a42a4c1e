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

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from routewise.flows.folder_checks import check_shared
from routewise.flows.layers import Layer, Merged, merge_layer, read_layer, unique_problems
from routewise.flows.locations import (
    BUILT_IN,
    SHARED_FILES,
    default_flows_dir,
)
from routewise.flows.node_paths import Loc
from routewise.flows.problems import Problem
from routewise.model.catalogue import Catalogue
from routewise.model.documents import FolderNote
from routewise.model.route import Route
from routewise.model.triage import (
    GeneralAdvice,
    TriageChoice,
    TriageFile,
    TriageQuestion,
)


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
        gc.freeze()
        if enabled:
            gc.enable()


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
    merged = Merged()
    problems: list[Problem] = []
    for layer in layers:
        problems += layer.problems
        merge_layer(merged, layer, problems)
    catalogue = _catalogue(merged, {r: p.model for r, (p, _) in merged.routes.items() if p.model})
    for layer in layers:
        problems += check_shared(layer, merged, catalogue)
    broken: dict[str, Problem] = {}
    usable: dict[str, Route] = {}
    checked: dict[str, Route] = {}
    from routewise.flows.route_rules import check_route

    offered = {c.route for c in catalogue.triage.question.choices} if warnings else None
    shared = [p for p in problems if p.severity == "error" and p.path.name in SHARED_FILES]
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
            first = _tainted_by(route, catalogue, merged, shared[0] if shared else None)
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
    problems = unique_problems(problems)
    problems.sort(key=lambda p: (str(p.path), p.line or 0))
    return Flows(final, problems, origins, broken, merged.overrides, checked)


def _catalogue(
    merged: Merged,
    routes: Mapping[str, Route],
    expand: bool = False,
    broken: set[str] | None = None,
) -> Catalogue:
    from routewise.flows.post_questions import expand_post_questions

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


def _tainted_by(
    route: Route, catalogue: Catalogue, merged: Merged, cause: Problem | None = None
) -> Problem | None:
    """A problem in a shared file that this route relies on, if any; `cause` is the first
    error in a shared file, named so that a one-line error says which file to fix."""
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
            f"relies on {what}, whose definition has an error"
            + (f" ({cause})" if cause is not None else " (see the other problems)"),
        )
    return None


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
