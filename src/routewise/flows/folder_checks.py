"""Checks of what a folder adds beyond its routes: documents and notes, the triage layer,
and roles, against everything merged below it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from routewise.base.suggest import closest
from routewise.flows.layers import Layer, Merged
from routewise.flows.problems import ParsedFile, Problem
from routewise.model.catalogue import Catalogue
from routewise.model.roles import RolesFile


def check_shared(layer: Layer, merged: Merged, catalogue: Catalogue) -> list[Problem]:
    """Roles, documents and triage of one folder, checked against everything merged."""
    from routewise.flows.cross_checks import check_roles

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
        for loc, message in check_roles(combined):
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
        out += check_documents(parsed, merged)
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
        out += check_triage_layer(layer.triage, catalogue, merged)
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


def check_documents(parsed: ParsedFile[Any], merged: Merged) -> list[Problem]:
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


def check_triage_layer(
    parsed: ParsedFile[Any], catalogue: Catalogue, merged: Merged
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
